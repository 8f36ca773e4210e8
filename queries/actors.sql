-- name: actor_filter_options()
-- Values for the Aktörer page's filters and labels: cores, goal areas, actor types and every actor.
SELECT 'core' AS kind, id AS value, name AS label FROM cores
UNION ALL SELECT 'goal_area', id::VARCHAR, short_name FROM goal_areas
UNION ALL SELECT DISTINCT 'type', type, type FROM actors
UNION ALL SELECT 'actor', id, name FROM actors
ORDER BY kind, label COLLATE sv;

-- name: actors_filtered(types, plan_types, cores, goal_areas, text)
-- One row per actor with at least one insats in the filter: distinct insatser in total, led and taken
-- part in, overall and per plan type, and the other ways the sources write its name (spellings). Empty list or
-- NULL = no filter; text matches the actor's name.
WITH links AS (
    SELECT ia.actor_id, ia.role, i.id AS intervention_id, i.plan_type, ia.name_as_written
    FROM intervention_actors ia JOIN interventions i ON i.id = ia.intervention_id
    WHERE (len($plan_types) = 0 OR list_contains($plan_types, i.plan_type))
      AND (len($goal_areas) = 0 OR list_contains($goal_areas, i.goal_area_id))
      AND (len($cores) = 0 OR EXISTS (SELECT 1 FROM intervention_cores ic
           WHERE ic.intervention_id = i.id AND list_contains($cores, ic.core_id)))
)
SELECT a.id, a.name, a.type,
       count(DISTINCT l.intervention_id) AS total,
       count(DISTINCT l.intervention_id) FILTER (WHERE l.role = 'lead') AS lead,
       count(DISTINCT l.intervention_id) FILTER (WHERE l.role = 'participant') AS participant,
       count(DISTINCT l.intervention_id)
           FILTER (WHERE l.role = 'lead' AND l.plan_type = 'fardplan') AS lead_fardplan,
       count(DISTINCT l.intervention_id)
           FILTER (WHERE l.role = 'participant' AND l.plan_type = 'fardplan') AS participant_fardplan,
       count(DISTINCT l.intervention_id)
           FILTER (WHERE l.role = 'lead' AND l.plan_type = 'rufs') AS lead_rufs,
       count(DISTINCT l.intervention_id)
           FILTER (WHERE l.role = 'participant' AND l.plan_type = 'rufs') AS participant_rufs,
       count(DISTINCT l.intervention_id)
           FILTER (WHERE l.role = 'lead' AND l.plan_type = 'historisk') AS lead_historisk,
       count(DISTINCT l.intervention_id)
           FILTER (WHERE l.role = 'participant' AND l.plan_type = 'historisk') AS participant_historisk,
       list_sort(list_distinct(list(l.name_as_written) FILTER (WHERE l.name_as_written <> a.name))) AS spellings
FROM actors a JOIN links l ON l.actor_id = a.id
WHERE (len($types) = 0 OR list_contains($types, a.type))
  AND ($text IS NULL OR contains(strip_accents(lower(a.name)), strip_accents(lower($text))))
GROUP BY a.id, a.name, a.type
ORDER BY total DESC, a.name COLLATE sv;

-- name: actor_interventions(actor, plan_types, cores, goal_areas)
-- The insatser of one actor in the filter, one row per insats and role, with the source's wording of its name.
SELECT ia.role, i.id, i.code, i.title, i.goal_area_id, g.short_name AS goal_area, i.scope, i.plan_type,
       (SELECT string_agg(c.name, ', ' ORDER BY c.name COLLATE sv) FROM intervention_cores ic
         JOIN cores c ON c.id = ic.core_id WHERE ic.intervention_id = i.id) AS cores,
       (SELECT count(*) FROM intervention_cores ic WHERE ic.intervention_id = i.id) AS core_count,
       s.title AS source_title, ia.source_section, ia.name_as_written
FROM intervention_actors ia
JOIN interventions i ON i.id = ia.intervention_id
LEFT JOIN goal_areas g ON g.id = i.goal_area_id
JOIN sources s ON s.id = ia.source_id
WHERE ia.actor_id = $actor
  AND (len($plan_types) = 0 OR list_contains($plan_types, i.plan_type))
  AND (len($goal_areas) = 0 OR list_contains($goal_areas, i.goal_area_id))
  AND (len($cores) = 0 OR EXISTS (SELECT 1 FROM intervention_cores ic
       WHERE ic.intervention_id = i.id AND list_contains($cores, ic.core_id)))
ORDER BY CASE i.plan_type WHEN 'fardplan' THEN 1 WHEN 'rufs' THEN 2 ELSE 3 END,
         CASE ia.role WHEN 'lead' THEN 1 ELSE 2 END,
         i.goal_area_id NULLS LAST, i.code NULLS LAST, i.title COLLATE sv;

-- name: actor_core_counts(types, plan_types, cores, goal_areas, text, exclude_shared, top)
-- Actors × cores: distinct insatser per actor (either role) that apply to each core, for the `top`
-- actors with most core-linked insatser in the filter (pos 1 = most). exclude_shared drops shared insatser.
WITH links AS (
    SELECT DISTINCT ia.actor_id, ic.core_id, i.id AS intervention_id
    FROM intervention_actors ia
    JOIN interventions i ON i.id = ia.intervention_id
    JOIN intervention_cores ic ON ic.intervention_id = i.id
    JOIN actors a ON a.id = ia.actor_id
    WHERE (len($types) = 0 OR list_contains($types, a.type))
      AND ($text IS NULL OR contains(strip_accents(lower(a.name)), strip_accents(lower($text))))
      AND (len($plan_types) = 0 OR list_contains($plan_types, i.plan_type))
      AND (len($goal_areas) = 0 OR list_contains($goal_areas, i.goal_area_id))
      AND (len($cores) = 0 OR list_contains($cores, ic.core_id))
      AND NOT ($exclude_shared AND i.scope = 'shared')
), ranked AS (
    SELECT l.actor_id, a.name, count(DISTINCT l.intervention_id) AS total,
           row_number() OVER (ORDER BY count(DISTINCT l.intervention_id) DESC, a.name COLLATE sv) AS pos
    FROM links l JOIN actors a ON a.id = l.actor_id
    GROUP BY l.actor_id, a.name
)
SELECT r.pos, r.actor_id, r.name AS actor_name, r.total, c.id AS core_id, c.name AS core_name,
       count(l.intervention_id) AS n
FROM ranked r
CROSS JOIN cores c
LEFT JOIN links l ON l.actor_id = r.actor_id AND l.core_id = c.id
WHERE r.pos <= $top AND (len($cores) = 0 OR list_contains($cores, c.id))
GROUP BY r.pos, r.actor_id, r.name, r.total, c.id, c.name
ORDER BY r.pos, c.name COLLATE sv;
