-- name: compare_core_options()
-- Every core for the Jämför kärnor picker, in Swedish order.
SELECT id, name FROM cores ORDER BY name COLLATE sv;

-- name: compare_core_interventions(cores)
-- The core-specific roadmap insatser of the chosen cores, with the text the theme list is matched on.
SELECT i.id, i.core_id, i.code, i.title, i.description, i.goal_area_id
FROM interventions i
WHERE i.plan_type = 'fardplan' AND i.scope = 'core' AND list_contains($cores, i.core_id)
ORDER BY list_position($cores, i.core_id), i.goal_area_id, i.code NULLS LAST, i.title COLLATE sv;

-- name: compare_actor_roles(cores)
-- One row per chosen core × actor × roadmap insats × role (shared insatser count for every core).
SELECT ic.core_id, a.id AS actor_id, a.name AS actor, a.type AS actor_type, i.id AS intervention_id,
       i.scope, ia.role
FROM intervention_cores ic
JOIN interventions i ON i.id = ic.intervention_id AND i.plan_type = 'fardplan'
JOIN intervention_actors ia ON ia.intervention_id = i.id
JOIN actors a ON a.id = ia.actor_id
WHERE list_contains($cores, ic.core_id)
ORDER BY list_position($cores, ic.core_id), a.name COLLATE sv;

-- name: compare_indicator_values(cores)
-- Every indicator value that concerns a chosen core: stated for the core itself (level 'core'), for
-- one of its kärnkommuner (level 'kommun'), or for the county (level 'county', a reference shared by
-- all cores, core_id NULL). One row per value; the source's own words and notes are kept.
WITH places AS (
    SELECT c.id AS core_id, 'core' AS level, 'core' AS geography_type, c.id AS geography, 0 AS pos
    FROM cores c WHERE list_contains($cores, c.id)
    UNION ALL
    SELECT c.id, 'kommun', 'kommun', u.code, u.pos
    FROM cores c, unnest(string_split(c.municipality_codes, '|')) WITH ORDINALITY AS u(code, pos)
    WHERE list_contains($cores, c.id)
    UNION ALL
    SELECT NULL, 'county', 'county', '01', 100
)
SELECT p.core_id, p.level, p.pos, v.geography, m.name AS kommun_name,
       v.indicator_id, n.name AS indicator, n.unit, n.goal_area_id, n.source_id AS indicator_source_id,
       v.year, v.period_text, v.value, v.qualifier, v.value_type, v.value_text, v.note,
       v.source_id, s.title AS source_title, s.kind AS source_kind, v.source_section
FROM places p
JOIN indicator_values v ON v.geography_type = p.geography_type AND v.geography = p.geography
JOIN indicators n ON n.id = v.indicator_id
JOIN sources s ON s.id = v.source_id
LEFT JOIN municipalities m ON p.level = 'kommun' AND m.code = v.geography
ORDER BY n.goal_area_id NULLS LAST, n.name COLLATE sv, v.value_type, v.year NULLS LAST;

-- name: compare_population(cores)
-- Latest population (folkmängd, utfall) of each kärnkommun of the chosen cores, in the cores' and the
-- kommuner's order, with the source; no row is dropped: a kommun without a value has NULL year and value.
WITH places AS (
    SELECT c.id AS core_id, u.code, u.pos
    FROM cores c, unnest(string_split(c.municipality_codes, '|')) WITH ORDINALITY AS u(code, pos)
    WHERE list_contains($cores, c.id) AND u.code <> ''
), latest AS (
    SELECT geography, year, value, source_id, source_section
    FROM indicator_values
    WHERE indicator_id = 'folkmangd' AND geography_type = 'kommun' AND value IS NOT NULL AND value_type = 'utfall'
    QUALIFY row_number() OVER (PARTITION BY geography ORDER BY year DESC) = 1
)
SELECT p.core_id, p.code, coalesce(m.name, p.code) AS kommun, l.year, l.value, s.title AS source_title,
       l.source_section
FROM places p
LEFT JOIN latest l ON l.geography = p.code
LEFT JOIN municipalities m ON m.code = p.code
LEFT JOIN sources s ON s.id = l.source_id
ORDER BY list_position($cores, p.core_id), p.pos;
