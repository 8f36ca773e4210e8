-- name: lagesbild_core(core)
-- One core with its kärnkommuner (codes and names, '|'-separated in the same order); no row if unknown.
SELECT c.id, c.name, c.municipalities, c.municipality_codes, c.roadmap_status FROM cores c WHERE c.id = $core;

-- name: lagesbild_indicators()
-- Every indicator with its target (RUFS delmål), goal area and defining source.
SELECT n.id, n.name, n.unit, n.goal_area_id, n.rufs_goal, n.higher_is_better, n.target_value,
       n.target_text, n.target_year, n.definition, n.source_id, s.title AS source_title, n.source_section
FROM indicators n JOIN sources s ON s.id = n.source_id
ORDER BY n.goal_area_id NULLS LAST, n.name COLLATE sv;

-- name: lagesbild_values(core)
-- Every value the lägesbild of one core shows: stated for the core itself (level 'core'), for its
-- kärnkommuner (level 'kommun', in the core's order), for the county (level 'county'), and the other
-- areas the RUFS follow-up compares with (level 'area', e.g. Sverige). One row per value.
WITH places AS (
    SELECT 'core' AS level, 'core' AS geography_type, c.id AS geography, 0 AS pos
    FROM cores c WHERE c.id = $core
    UNION ALL
    SELECT 'kommun', 'kommun', u.code, u.pos
    FROM cores c, unnest(string_split(c.municipality_codes, '|')) WITH ORDINALITY AS u(code, pos)
    WHERE c.id = $core
    UNION ALL SELECT 'county', 'county', '01', 100
)
SELECT p.level, p.pos, v.geography,
       CASE p.level WHEN 'kommun' THEN m.name WHEN 'county' THEN 'Stockholms län' ELSE c.name END AS place,
       v.indicator_id, v.year, v.period_text, v.value, v.qualifier, v.value_type, v.value_text, v.note,
       v.source_id, s.title AS source_title, v.source_section
FROM places p
JOIN indicator_values v ON v.geography_type = p.geography_type AND v.geography = p.geography
JOIN sources s ON s.id = v.source_id
LEFT JOIN municipalities m ON p.level = 'kommun' AND m.code = v.geography
LEFT JOIN cores c ON p.level = 'core' AND c.id = v.geography
UNION ALL
SELECT 'area', 200, v.geography, v.geography, v.indicator_id, v.year, v.period_text, v.value, v.qualifier,
       v.value_type, v.value_text, v.note, v.source_id, s.title, v.source_section
FROM indicator_values v
JOIN indicators n ON n.id = v.indicator_id
JOIN sources s ON s.id = v.source_id
WHERE v.geography_type = 'area' AND n.rufs_goal IS NOT NULL
ORDER BY indicator_id, pos, year NULLS LAST;

-- name: import_catalog()
-- What an indicator import may refer to: every indicator (with whether its values carry several
-- sub-measures, 'Delmått: …'), every core and every kommun of the county.
SELECT 'indicator' AS kind, n.id, n.name, n.unit, n.source_id, n.goal_area_id,
       EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = n.id AND v.note LIKE 'Delmått:%')
         AS has_measures
FROM indicators n
UNION ALL SELECT 'core', c.id, c.name, NULL, NULL, NULL, NULL FROM cores c
UNION ALL SELECT 'kommun', m.code, m.name, NULL, NULL, NULL, NULL FROM municipalities m
ORDER BY kind, id;

-- name: import_existing_values()
-- The values already in the store for indicator × geography × year (to refuse a second value from
-- another source): core, kommun and county values only.
SELECT v.indicator_id, v.geography, v.year, v.value, v.source_id, s.title AS source_title, v.source_section
FROM indicator_values v JOIN sources s ON s.id = v.source_id
WHERE v.geography_type IN ('core', 'kommun', 'county') AND v.year IS NOT NULL;
