-- name: filter_options()
-- Values for the explorer's filters: cores, goal areas, actors, kinds and plan types present in the store.
SELECT 'core' AS kind, id AS value, name AS label FROM cores
UNION ALL SELECT 'goal_area', id::VARCHAR, short_name FROM goal_areas
UNION ALL SELECT 'actor', id, name FROM actors
UNION ALL SELECT DISTINCT 'kind', kind, kind FROM interventions WHERE kind IS NOT NULL
ORDER BY kind, label COLLATE sv;

-- name: interventions_filtered(cores, goal_areas, scopes, plan_types, kinds, actor, text)
-- One row per insats matching every filter (an empty list or NULL means no filter on it).
-- Text matches title, description, purpose and code, case- and diacritic-insensitively.
WITH matching AS (
    SELECT i.* FROM interventions i
    WHERE (len($cores) = 0 OR EXISTS (SELECT 1 FROM intervention_cores ic
           WHERE ic.intervention_id = i.id AND list_contains($cores, ic.core_id)))
      AND (len($goal_areas) = 0 OR list_contains($goal_areas, i.goal_area_id))
      AND (len($scopes) = 0 OR list_contains($scopes, i.scope))
      AND (len($plan_types) = 0 OR list_contains($plan_types, i.plan_type))
      AND (len($kinds) = 0 OR list_contains($kinds, i.kind))
      AND ($actor IS NULL OR EXISTS (SELECT 1 FROM intervention_actors ia
           WHERE ia.intervention_id = i.id AND ia.actor_id = $actor))
      AND ($text IS NULL OR contains(strip_accents(lower(concat_ws(' ', i.code, i.title, i.description,
           i.purpose))), strip_accents(lower($text))))
)
SELECT m.id, m.code, m.title, m.goal_area_id, g.short_name AS goal_area, m.scope, m.plan_type, m.kind,
       (SELECT string_agg(c.name, ', ' ORDER BY c.name COLLATE sv) FROM intervention_cores ic
         JOIN cores c ON c.id = ic.core_id WHERE ic.intervention_id = m.id) AS cores,
       (SELECT count(*) FROM intervention_cores ic WHERE ic.intervention_id = m.id) AS core_count,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name COLLATE sv) FROM intervention_actors ia
         JOIN actors a ON a.id = ia.actor_id WHERE ia.intervention_id = m.id AND ia.role = 'lead') AS lead,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name COLLATE sv) FROM intervention_actors ia
         JOIN actors a ON a.id = ia.actor_id WHERE ia.intervention_id = m.id AND ia.role = 'participant') AS participants,
       s.title AS source_title, m.source_section
FROM matching m
LEFT JOIN goal_areas g ON g.id = m.goal_area_id
JOIN sources s ON s.id = m.source_id
ORDER BY CASE m.plan_type WHEN 'fardplan' THEN 1 WHEN 'rufs' THEN 2 ELSE 3 END,
         m.goal_area_id NULLS LAST, m.code NULLS LAST, m.title COLLATE sv;

-- name: intervention_detail(id)
-- One insats with its goal area and source document.
SELECT i.*, g.name AS goal_area_name, s.title AS source_title, s.year AS source_year,
       s.status AS source_status
FROM interventions i
LEFT JOIN goal_areas g ON g.id = i.goal_area_id
JOIN sources s ON s.id = i.source_id
WHERE i.id = $id;

-- name: intervention_people(id)
-- The actors of one insats with their role, lead first.
SELECT a.id, a.name, a.type, ia.role, ia.name_as_written, s.title AS source_title, ia.source_section
FROM intervention_actors ia JOIN actors a ON a.id = ia.actor_id JOIN sources s ON s.id = ia.source_id
WHERE ia.intervention_id = $id
ORDER BY ia.role, a.name COLLATE sv;

-- name: intervention_directions(id)
-- The färdriktningar the insats serves: its goal area's direction in each core it applies to.
SELECT c.id AS core_id, c.name AS core_name, d.heading, d.text, s.title AS source_title
FROM interventions i
JOIN intervention_cores ic ON ic.intervention_id = i.id
JOIN cores c ON c.id = ic.core_id
JOIN directions d ON d.core_id = ic.core_id AND d.goal_area_id = i.goal_area_id
JOIN sources s ON s.id = d.source_id
WHERE i.id = $id
ORDER BY c.name COLLATE sv;

-- name: intervention_links(id)
-- The cores an insats applies to, and on what basis.
SELECT c.id AS core_id, c.name AS core_name, ic.basis
FROM intervention_cores ic JOIN cores c ON c.id = ic.core_id
WHERE ic.intervention_id = $id
ORDER BY c.name COLLATE sv;

-- name: intervention_wordings(id)
-- Other documents' wording of the same insats (e.g. Flemingsberg's draft wording of a shared insats).
SELECT v.title, v.description, s.title AS source_title, s.status AS source_status, v.source_section, v.note
FROM intervention_variants v JOIN sources s ON s.id = v.source_id
WHERE v.intervention_id = $id;

-- name: interventions_by_ids(ids)
-- The insatser with these ids (for a shortlist), with goal area and lead; missing ids are simply absent.
SELECT i.id, i.code, i.title, i.goal_area_id, g.name AS goal_area_name, g.short_name AS goal_area,
       i.scope, i.plan_type, s.title AS source_title, i.source_section,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name COLLATE sv) FROM intervention_actors ia
         JOIN actors a ON a.id = ia.actor_id WHERE ia.intervention_id = i.id AND ia.role = 'lead') AS lead
FROM interventions i LEFT JOIN goal_areas g ON g.id = i.goal_area_id JOIN sources s ON s.id = i.source_id
WHERE list_contains($ids, i.id);

-- name: core_directions(core)
-- The core's färdriktning per goal area.
SELECT d.goal_area_id, g.name AS goal_area_name, d.heading, d.text, s.title AS source_title
FROM directions d JOIN goal_areas g ON g.id = d.goal_area_id JOIN sources s ON s.id = d.source_id
WHERE d.core_id = $core ORDER BY d.goal_area_id;
