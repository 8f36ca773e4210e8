-- name: cores_overview()
-- The eight cores with their map point and how much roadmap data the store holds for each.
SELECT c.id, c.name, c.municipalities, c.municipality_codes, c.lat, c.lon, c.position_basis, c.roadmap_status,
       s.title AS roadmap_title, s.year AS roadmap_year,
       (SELECT count(*) FROM directions d WHERE d.core_id = c.id) AS directions,
       (SELECT count(*) FROM intervention_cores ic JOIN interventions i ON i.id = ic.intervention_id
         WHERE ic.core_id = c.id AND i.plan_type = 'fardplan' AND i.scope = 'shared') AS shared_interventions,
       (SELECT count(*) FROM interventions i
         WHERE i.core_id = c.id AND i.plan_type = 'fardplan' AND i.scope = 'core') AS core_interventions,
       (SELECT count(*) FROM intervention_cores ic JOIN interventions i ON i.id = ic.intervention_id
         WHERE ic.core_id = c.id AND i.plan_type = 'rufs') AS rufs_interventions,
       (SELECT count(*) FROM intervention_cores ic JOIN interventions i ON i.id = ic.intervention_id
         WHERE ic.core_id = c.id AND i.plan_type = 'historisk') AS historical_interventions,
       (SELECT count(*) FROM indicator_values v
         WHERE v.geography_type = 'core' AND v.geography = c.id) AS core_values
FROM cores c
LEFT JOIN sources s ON s.id = c.roadmap_source_id
ORDER BY c.name COLLATE sv;

-- name: core_stations()
-- Station points with the core each belongs to (an editorial mapping in the source file).
SELECT st.stop_id, st.name, st.lat, st.lon, st.core_id, c.name AS core_name
FROM stations st LEFT JOIN cores c ON c.id = st.core_id
ORDER BY st.name COLLATE sv;

-- name: municipality_shapes()
-- The 26 kommuner of Stockholms län as GeoJSON, flagged when a core lies in them.
SELECT m.code, m.name, m.geojson,
       EXISTS (SELECT 1 FROM cores c
               WHERE list_contains(string_split(c.municipality_codes, '|'), m.code)) AS has_core
FROM municipalities m
ORDER BY m.code;

-- name: goal_areas()
-- The four goal areas (målområden) of the roadmaps.
SELECT id, name, short_name, description, source_id, source_section FROM goal_areas ORDER BY id;

-- name: insatser_per_core_goal_area(cores)
-- Roadmap insatser per core and goal area, split into shared and core-specific (every goal area present
-- for every core, zero where none). cores: a list of core ids, in the order to show them (Jämför), or
-- NULL for all cores in Swedish order (Start).
SELECT c.id AS core_id, c.name AS core_name, g.id AS goal_area_id, g.short_name AS goal_area,
       count(i.id) FILTER (WHERE i.scope = 'shared') AS shared,
       count(i.id) FILTER (WHERE i.scope = 'core') AS core_specific
FROM cores c
CROSS JOIN goal_areas g
LEFT JOIN intervention_cores ic ON ic.core_id = c.id
LEFT JOIN interventions i ON i.id = ic.intervention_id AND i.goal_area_id = g.id AND i.plan_type = 'fardplan'
WHERE $cores IS NULL OR list_contains($cores, c.id)
GROUP BY c.id, c.name, g.id, g.short_name
ORDER BY list_position($cores, c.id) NULLS LAST, c.name COLLATE sv, g.id;

-- name: data_changes()
-- What changed in the data and when, newest first.
SELECT d.date, d.what, s.title AS source_title
FROM data_changes d LEFT JOIN sources s ON s.id = d.source_id
ORDER BY d.date DESC, d.what;
