-- The reference store (data/fardplaner.duckdb). A public interface: notebooks and BI tools read it.
-- Every row carries source_id (→ sources.id) and, for curated rows, source_section.

CREATE TABLE sources (
    id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, publisher VARCHAR, year INTEGER,
    status VARCHAR NOT NULL, kind VARCHAR, file VARCHAR, note VARCHAR
);
CREATE TABLE goal_areas (
    id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, short_name VARCHAR NOT NULL, description VARCHAR,
    source_id VARCHAR NOT NULL, source_section VARCHAR
);
CREATE TABLE municipalities (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, geojson VARCHAR, source_id VARCHAR NOT NULL
);
CREATE TABLE cores (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, municipalities VARCHAR NOT NULL,
    municipality_codes VARCHAR NOT NULL, municipalities_basis VARCHAR, aliases VARCHAR,
    lat DOUBLE, lon DOUBLE, position_basis VARCHAR, description VARCHAR, description_source_id VARCHAR,
    roadmap_status VARCHAR NOT NULL, roadmap_source_id VARCHAR, source_id VARCHAR NOT NULL,
    source_section VARCHAR
);
CREATE TABLE stations (
    stop_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,
    core_id VARCHAR, source_id VARCHAR NOT NULL
);
CREATE TABLE directions (
    core_id VARCHAR NOT NULL, goal_area_id INTEGER NOT NULL, heading VARCHAR, text VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, PRIMARY KEY (core_id, goal_area_id)
);
CREATE TABLE interventions (
    id VARCHAR PRIMARY KEY, code VARCHAR, title VARCHAR NOT NULL, description VARCHAR,
    goal_area_id INTEGER, scope VARCHAR NOT NULL, core_id VARCHAR, kind VARCHAR,
    plan_type VARCHAR NOT NULL, purpose VARCHAR, financing VARCHAR, regional_priority VARCHAR,
    timing VARCHAR, budget VARCHAR, source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL,
    note VARCHAR
);
CREATE TABLE intervention_variants (
    intervention_id VARCHAR NOT NULL, title VARCHAR NOT NULL, description VARCHAR,
    source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE intervention_cores (
    intervention_id VARCHAR NOT NULL, core_id VARCHAR NOT NULL, basis VARCHAR,
    source_id VARCHAR NOT NULL, source_section VARCHAR, PRIMARY KEY (intervention_id, core_id)
);
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, type VARCHAR NOT NULL, note VARCHAR,
    source_ids VARCHAR NOT NULL
);
CREATE TABLE intervention_actors (
    intervention_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, role VARCHAR NOT NULL,
    name_as_written VARCHAR, source_id VARCHAR NOT NULL, source_section VARCHAR,
    PRIMARY KEY (intervention_id, actor_id, role)
);
CREATE TABLE indicators (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, unit VARCHAR NOT NULL, goal_area_id INTEGER,
    rufs_goal VARCHAR, higher_is_better BOOLEAN, target_value DOUBLE, target_text VARCHAR,
    target_year INTEGER, definition VARCHAR, source_id VARCHAR NOT NULL, source_section VARCHAR
);
CREATE TABLE indicator_values (
    indicator_id VARCHAR NOT NULL, geography_type VARCHAR NOT NULL, geography VARCHAR NOT NULL,
    year INTEGER, period_text VARCHAR, value DOUBLE, qualifier VARCHAR, value_type VARCHAR NOT NULL,
    value_text VARCHAR, source_id VARCHAR NOT NULL, source_section VARCHAR, note VARCHAR
);
CREATE TABLE rankings (
    id VARCHAR PRIMARY KEY, index_name VARCHAR NOT NULL, name_as_written VARCHAR, position INTEGER, out_of INTEGER,
    position_text VARCHAR NOT NULL, year INTEGER, year_text VARCHAR, source_id VARCHAR NOT NULL,
    source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE european_comparison (
    id VARCHAR PRIMARY KEY, goal_as_written VARCHAR, indicator_as_written VARCHAR NOT NULL, value DOUBLE,
    unit VARCHAR, value_text VARCHAR NOT NULL, year INTEGER, place_as_written VARCHAR, position INTEGER,
    position_text VARCHAR, source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE european_region_values (
    comparison_id VARCHAR NOT NULL, region VARCHAR NOT NULL, value DOUBLE, value_text VARCHAR NOT NULL,
    year INTEGER, position_text VARCHAR, source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, note VARCHAR,
    PRIMARY KEY (comparison_id, region)
);
CREATE TABLE delmal_trends (
    indicator_id VARCHAR PRIMARY KEY, trend_as_written VARCHAR, readable BOOLEAN NOT NULL, trend_text VARCHAR,
    source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE delmal_assessments (
    indicator_id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
    source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE regional_priority_assessments (
    regional_priority VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
    source_section VARCHAR NOT NULL, note VARCHAR, PRIMARY KEY (regional_priority, seq)
);
CREATE TABLE strategies (
    strategy_id VARCHAR NOT NULL, name VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, note VARCHAR, PRIMARY KEY (strategy_id, seq)
);
CREATE TABLE strategy_figures (
    strategy_id VARCHAR NOT NULL, figure_text VARCHAR NOT NULL, value DOUBLE, unit VARCHAR, year INTEGER,
    kind VARCHAR NOT NULL, source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE agenda2030 (
    seq INTEGER PRIMARY KEY, global_goal VARCHAR, text VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
    source_section VARCHAR NOT NULL, note VARCHAR
);
CREATE TABLE plan_facts (
    id VARCHAR PRIMARY KEY, source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL, topic VARCHAR NOT NULL,
    subject VARCHAR NOT NULL, text VARCHAR NOT NULL, value DOUBLE, unit VARCHAR, year INTEGER,
    period_text VARCHAR, qualifier VARCHAR, note VARCHAR
);
CREATE TABLE roadmap_texts (
    core_id VARCHAR NOT NULL, field VARCHAR NOT NULL, heading VARCHAR NOT NULL, text VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL
);
CREATE TABLE indicator_bases (
    indicator_id VARCHAR NOT NULL, field VARCHAR NOT NULL, basis_type VARCHAR NOT NULL, basis VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL, source_section VARCHAR, PRIMARY KEY (indicator_id, field)
);
CREATE TABLE actor_readings (
    name_as_written VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, basis_type VARCHAR NOT NULL, basis VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL, source_section VARCHAR NOT NULL,
    PRIMARY KEY (name_as_written, actor_id, source_id, source_section)
);
CREATE TABLE data_changes (
    date DATE NOT NULL, what VARCHAR NOT NULL, source_id VARCHAR
);
CREATE TABLE build_info (
    built_at TIMESTAMP NOT NULL, input_hash VARCHAR NOT NULL, builder_version VARCHAR NOT NULL
);
