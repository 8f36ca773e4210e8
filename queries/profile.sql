-- name: profile_cores()
-- The cores in Swedish order, for the Kärnprofil core picker.
SELECT id, name FROM cores ORDER BY name COLLATE sv;

-- name: profile_core(core)
-- One core with its roadmap source and the source of its character description (no row if unknown).
SELECT c.id, c.name, c.municipalities, c.municipality_codes, c.municipalities_basis, c.lat, c.lon,
       c.description, c.roadmap_status, c.roadmap_source_id,
       r.title AS roadmap_title, r.publisher AS roadmap_publisher, r.year AS roadmap_year,
       d.title AS description_source_title, d.year AS description_source_year
FROM cores c
LEFT JOIN sources r ON r.id = c.roadmap_source_id
LEFT JOIN sources d ON d.id = c.description_source_id
WHERE c.id = $core;

-- name: profile_directions(core)
-- The core's färdriktning per goal area, with its source document and section.
SELECT d.goal_area_id, d.heading, d.text, s.title AS source_title, d.source_section
FROM directions d JOIN sources s ON s.id = d.source_id
WHERE d.core_id = $core
ORDER BY d.goal_area_id;

-- name: profile_interventions(core)
-- Every insats that applies to the core (färdplan, RUFS, historical), with actors, source and why it
-- is linked; variant_* is the wording of the core's own roadmap where it differs from the canonical one.
WITH linked AS (
    SELECT ic.intervention_id, ic.basis FROM intervention_cores ic WHERE ic.core_id = $core
    UNION
    SELECT i.id, NULL FROM interventions i
    WHERE i.core_id = $core AND i.id NOT IN (SELECT intervention_id FROM intervention_cores
                                              WHERE core_id = $core)
)
SELECT i.id, i.code, i.title, i.description, i.goal_area_id, g.short_name AS goal_area, i.scope,
       i.kind, i.plan_type, i.purpose, i.financing, i.timing, i.budget, l.basis,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name COLLATE sv) FROM intervention_actors ia
         JOIN actors a ON a.id = ia.actor_id WHERE ia.intervention_id = i.id AND ia.role = 'lead') AS lead,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name COLLATE sv) FROM intervention_actors ia
         JOIN actors a ON a.id = ia.actor_id WHERE ia.intervention_id = i.id AND ia.role = 'participant')
         AS participants,
       s.title AS source_title, s.year AS source_year, i.source_section, i.note,
       v.title AS variant_title, v.description AS variant_description, vs.title AS variant_source_title
FROM linked l
JOIN interventions i ON i.id = l.intervention_id
JOIN sources s ON s.id = i.source_id
LEFT JOIN goal_areas g ON g.id = i.goal_area_id
LEFT JOIN cores c ON c.id = $core
LEFT JOIN intervention_variants v ON v.intervention_id = i.id AND v.source_id = c.roadmap_source_id
LEFT JOIN sources vs ON vs.id = v.source_id
ORDER BY CASE i.plan_type WHEN 'fardplan' THEN 1 WHEN 'rufs' THEN 2 ELSE 3 END,
         i.goal_area_id NULLS LAST, i.scope DESC, i.code NULLS LAST, i.title COLLATE sv;

-- name: profile_figures(core)
-- Every figure a source states for the core itself (geography_type 'core'), as the source gives it.
SELECT n.name AS indicator, n.unit, v.year, v.period_text, v.value, v.qualifier, v.value_type,
       v.value_text, s.title AS source_title, v.source_section, v.note
FROM indicator_values v
JOIN indicators n ON n.id = v.indicator_id
JOIN sources s ON s.id = v.source_id
WHERE v.geography_type = 'core' AND v.geography = $core
ORDER BY n.name COLLATE sv, v.year NULLS LAST, v.value_type;

-- name: profile_population(core)
-- Latest population (folkmängd) of each kärnkommun, then of the county for reference; no row is
-- dropped: a kommun without a value has NULL year and value.
WITH places AS (
    SELECT u.code AS geography, 'kommun' AS geography_type, u.pos
    FROM cores c, unnest(string_split(c.municipality_codes, '|')) WITH ORDINALITY AS u(code, pos)
    WHERE c.id = $core
    UNION ALL SELECT '01', 'county', 1000
), latest AS (
    SELECT geography_type, geography, year, value, source_id
    FROM indicator_values
    WHERE indicator_id = 'folkmangd' AND value IS NOT NULL AND value_type = 'utfall'
    QUALIFY row_number() OVER (PARTITION BY geography_type, geography ORDER BY year DESC) = 1
)
SELECT p.geography_type, p.geography, coalesce(m.name, CASE WHEN p.geography_type = 'county'
       THEN 'Stockholms län' ELSE p.geography END) AS name, l.year, l.value, l.source_id,
       s.title AS source_title
FROM places p
LEFT JOIN latest l ON l.geography_type = p.geography_type AND l.geography = p.geography
LEFT JOIN municipalities m ON p.geography_type = 'kommun' AND m.code = p.geography
LEFT JOIN sources s ON s.id = l.source_id
ORDER BY p.pos;

-- name: profile_stations(core)
-- The station points the source file assigns to the core.
SELECT st.stop_id, st.name, st.lat, st.lon, s.title AS source_title
FROM stations st JOIN sources s ON s.id = st.source_id
WHERE st.core_id = $core
ORDER BY st.name COLLATE sv;

-- name: profile_roadmap_texts(core)
-- The core's roadmap texts on roles and responsibilities and on how the roadmap is carried out, in order.
SELECT t.field, t.heading, t.text, s.title AS source_title, s.year AS source_year, t.source_section
FROM roadmap_texts t JOIN sources s ON s.id = t.source_id
WHERE t.core_id = $core
ORDER BY t.rowid;
