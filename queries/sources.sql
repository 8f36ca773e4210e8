-- name: sources_with_counts()
-- Every source document or data set, with how many rows of each table were loaded from it.
WITH loaded AS (
    SELECT source_id, 'Kärnor' AS what FROM cores
    UNION ALL SELECT description_source_id, 'Karaktärsbeskrivningar' FROM cores WHERE description IS NOT NULL
    UNION ALL SELECT source_id, 'Målområden' FROM goal_areas
    UNION ALL SELECT source_id, 'Färdriktningar' FROM directions
    UNION ALL SELECT source_id, 'Insatser' FROM interventions
    UNION ALL SELECT source_id, 'Insatsvarianter' FROM intervention_variants
    UNION ALL SELECT source_id, 'Aktörsroller' FROM intervention_actors
    UNION ALL SELECT source_id, 'Indikatorer' FROM indicators
    UNION ALL SELECT source_id, 'Indikatorvärden' FROM indicator_values
    UNION ALL SELECT source_id, 'Stationer' FROM stations
    UNION ALL SELECT source_id, 'Kommuner' FROM municipalities
    UNION ALL SELECT source_id, 'Uppgifter om arbetssätt' FROM plan_facts
    UNION ALL SELECT source_id, 'Texter om roller och genomförande' FROM roadmap_texts
)
SELECT s.id, s.title, s.publisher, s.year, s.status, s.kind, s.file, s.note,
       coalesce(string_agg(l.what || ': ' || l.n, ', ' ORDER BY l.n DESC), '') AS loaded,
       coalesce(sum(l.n), 0)::INTEGER AS rows_loaded
FROM sources s
LEFT JOIN (SELECT source_id, what, count(*) AS n FROM loaded GROUP BY ALL) l ON l.source_id = s.id
GROUP BY ALL
ORDER BY s.kind, s.year DESC, s.id;

-- name: build_info()
-- When the store was built, and the hash of its inputs.
SELECT built_at, input_hash, builder_version FROM build_info;

-- name: insats_sources()
-- The documents the store's insatser come from, with how many each holds: for the source lines under
-- tables and charts that count insatser (so that a new import names itself there).
SELECT s.id, s.title, s.publisher, s.year, s.status, count(*) AS insatser,
       min(CASE i.plan_type WHEN 'fardplan' THEN 1 WHEN 'rufs' THEN 2 ELSE 3 END) AS plan_order
FROM interventions i JOIN sources s ON s.id = i.source_id
GROUP BY s.id, s.title, s.publisher, s.year, s.status
ORDER BY plan_order, s.year DESC NULLS LAST, s.title COLLATE sv;

-- name: indicator_bases()
-- Every indicator's goal area and direction with its basis (the source's words or editorial), for Källor.
SELECT i.name, b.field, i.goal_area_id, i.higher_is_better, b.basis_type, b.basis, s.title AS source_title,
       b.source_section
FROM indicator_bases b JOIN indicators i ON i.id = b.indicator_id JOIN sources s ON s.id = b.source_id
ORDER BY b.basis_type DESC, i.name COLLATE sv, b.field;

-- name: actor_readings()
-- How each source spelling of an actor is read (which organisation, the basis), for Källor.
SELECT r.name_as_written, a.name AS actor_name, r.basis_type, r.basis, s.title AS source_title, r.source_section,
       (SELECT count(DISTINCT ia.intervention_id) FROM intervention_actors ia
         WHERE ia.actor_id = r.actor_id AND ia.name_as_written = r.name_as_written
           AND ia.source_id = r.source_id AND ia.source_section = r.source_section) AS interventions
FROM actor_readings r JOIN actors a ON a.id = r.actor_id JOIN sources s ON s.id = r.source_id
ORDER BY a.name COLLATE sv, r.basis_type, r.name_as_written COLLATE sv, r.source_section;
