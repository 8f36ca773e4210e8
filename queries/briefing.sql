-- Queries behind the briefing export of a dialogue (components/briefing_data.py): the core's profile,
-- its färdriktningar and lägesbild, and the details of the insatser, actors and sources a shortlist
-- refers to. Lists of ids are passed as one list parameter and matched with list_contains.

-- name: briefing_core(core)
-- One core: name, kärnkommuner, roadmap status and source, character description and its source.
SELECT c.id, c.name, c.municipalities, c.municipality_codes, c.municipalities_basis, c.description,
       c.description_source_id, c.roadmap_status, c.roadmap_source_id,
       r.title AS roadmap_title, r.publisher AS roadmap_publisher, r.year AS roadmap_year,
       r.status AS roadmap_source_status,
       d.title AS description_source_title, d.year AS description_source_year
FROM cores c
LEFT JOIN sources r ON r.id = c.roadmap_source_id
LEFT JOIN sources d ON d.id = c.description_source_id
WHERE c.id = $core;

-- name: briefing_goal_areas()
-- The four goal areas (målområden), in their order, with long and short name.
SELECT id, name, short_name FROM goal_areas ORDER BY id;

-- name: briefing_directions(core)
-- The core's färdriktning per goal area (none when its roadmap is not loaded), with source and section.
SELECT d.goal_area_id, g.name AS goal_area, g.short_name AS goal_area_short, d.heading, d.text,
       d.source_id, s.title AS source_title, d.source_section
FROM directions d
JOIN sources s ON s.id = d.source_id
LEFT JOIN goal_areas g ON g.id = d.goal_area_id
WHERE d.core_id = $core
ORDER BY d.goal_area_id;

-- name: briefing_interventions(core, ids)
-- The insatser with the given ids: code, title, goal area, scope, plan type, lead actors, source title
-- and section; variant_* is the core's own roadmap's wording where it differs. Ids not in the store
-- give no row.
SELECT i.id, i.code, i.title, i.description, i.goal_area_id, g.short_name AS goal_area, i.scope,
       i.kind, i.plan_type,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name COLLATE sv) FROM intervention_actors ia
         JOIN actors a ON a.id = ia.actor_id WHERE ia.intervention_id = i.id AND ia.role = 'lead') AS lead,
       i.source_id, s.title AS source_title, s.year AS source_year, i.source_section,
       v.title AS variant_title, v.source_id AS variant_source_id, vs.title AS variant_source_title,
       v.source_section AS variant_source_section
FROM interventions i
JOIN sources s ON s.id = i.source_id
LEFT JOIN goal_areas g ON g.id = i.goal_area_id
LEFT JOIN cores c ON c.id = $core
LEFT JOIN intervention_variants v ON v.intervention_id = i.id AND v.source_id = c.roadmap_source_id
LEFT JOIN sources vs ON vs.id = v.source_id
WHERE list_contains($ids, i.id)
ORDER BY i.id;

-- name: briefing_figures(core)
-- Every figure a source states for the core itself (geography_type 'core'): indicator name and unit,
-- year or the source's period, qualifier (cirka, knappt …), value type, source and note.
SELECT n.name AS indicator, n.unit, v.year, v.period_text, v.value, v.qualifier, v.value_type,
       v.value_text, v.source_id, s.title AS source_title, v.source_section, v.note
FROM indicator_values v
JOIN indicators n ON n.id = v.indicator_id
JOIN sources s ON s.id = v.source_id
WHERE v.geography_type = 'core' AND v.geography = $core
ORDER BY CASE v.value_type WHEN 'utfall' THEN 1 ELSE 2 END, n.name COLLATE sv, v.year NULLS LAST;

-- name: briefing_population_series(core)
-- Population (folkmangd, utfall) of each kärnkommun for every year the source has; years the source
-- lacks have no row (gaps stay gaps).
SELECT v.geography, coalesce(m.name, v.geography) AS name, u.pos, v.year, v.value, v.source_id,
       s.title AS source_title
FROM cores c, unnest(string_split(c.municipality_codes, '|')) WITH ORDINALITY AS u(code, pos)
JOIN indicator_values v ON v.geography = u.code AND v.geography_type = 'kommun'
JOIN sources s ON s.id = v.source_id
LEFT JOIN municipalities m ON m.code = v.geography
WHERE c.id = $core AND v.indicator_id = 'folkmangd' AND v.value_type = 'utfall' AND v.value IS NOT NULL
  AND v.year IS NOT NULL
ORDER BY u.pos, v.year;

-- name: briefing_actors(ids)
-- Actors (organisations) with the given ids: name and type.
SELECT id, name, type FROM actors WHERE list_contains($ids, id) ORDER BY name COLLATE sv;

-- name: briefing_sources(ids)
-- The source documents with the given ids: title, publisher, year, status and kind.
SELECT id, title, publisher, year, status, kind, file FROM sources WHERE list_contains($ids, id)
ORDER BY year DESC NULLS LAST, title COLLATE sv;
