-- The whole reference store, table by table, for the "all data" download on Källor. Columns as in the
-- store (README: The store); kommun outlines are left out (GeoJSON is too long for a spreadsheet cell).

-- name: export_sources()
-- Every source document or data set.
SELECT * FROM sources ORDER BY id;

-- name: export_goal_areas()
-- The four målområden.
SELECT * FROM goal_areas ORDER BY id;

-- name: export_cores()
-- The eight cores.
SELECT * FROM cores ORDER BY id;

-- name: export_municipalities()
-- The kommuner, without their outlines.
SELECT * EXCLUDE (geojson) FROM municipalities ORDER BY code;

-- name: export_stations()
-- Station points and the core each belongs to.
SELECT * FROM stations ORDER BY core_id, name;

-- name: export_directions()
-- Färdriktning per core and goal area.
SELECT * FROM directions ORDER BY core_id, goal_area_id;

-- name: export_interventions()
-- Every insats.
SELECT * FROM interventions ORDER BY plan_type, core_id NULLS FIRST, id;

-- name: export_intervention_variants()
-- Other documents' wordings of a canonical insats.
SELECT * FROM intervention_variants ORDER BY intervention_id, source_id;

-- name: export_intervention_cores()
-- Insats × core.
SELECT * FROM intervention_cores ORDER BY intervention_id, core_id;

-- name: export_actors()
-- Every actor.
SELECT * FROM actors ORDER BY id;

-- name: export_intervention_actors()
-- Actor roles per insats.
SELECT * FROM intervention_actors ORDER BY intervention_id, role, actor_id;

-- name: export_indicators()
-- Every indicator.
SELECT * FROM indicators ORDER BY id;

-- name: export_indicator_values()
-- Every value, with its geography, year, type and source.
SELECT * FROM indicator_values ORDER BY indicator_id, geography_type, geography, year NULLS FIRST;

-- name: export_data_changes()
-- What changed in the data, newest first.
SELECT * FROM data_changes ORDER BY date DESC;

-- name: export_plan_facts()
-- The older plans' facts (organisation, meetings, financing, budget, rules, aims), in the order of the plans.
SELECT * FROM plan_facts ORDER BY source_id, rowid;

-- name: export_roadmap_texts()
-- The roadmaps' own texts on roles and implementation, in the order of each roadmap.
SELECT * FROM roadmap_texts ORDER BY core_id, rowid;

-- name: export_indicator_bases()
-- Why each indicator has its goal area or direction: the source's words or an editorial judgement.
SELECT * FROM indicator_bases ORDER BY indicator_id, field;

-- name: export_actor_readings()
-- How each source spelling of an actor is read: which organisation, and the basis.
SELECT * FROM actor_readings ORDER BY actor_id, source_section, name_as_written;
