-- The RUFS 2050 follow-up (2020), chapter three, and the delmål trends: Lägesbild's Regionen section.

-- name: region_rankings()
-- The international rankings and indices, best position first (position as the figure writes it).
SELECT id, index_name, name_as_written, position, out_of, position_text, year, year_text, source_id,
       source_section, note
FROM rankings ORDER BY position, index_name;

-- name: region_european_comparison()
-- The European comparison: Stockholm's value, year and place per indicator, in the report's order of goals.
SELECT id, goal_as_written, indicator_as_written, value, unit, value_text, year, place_as_written, position,
       position_text, source_id, source_section, note
FROM european_comparison ORDER BY rowid;

-- name: region_european_values()
-- The other regions' values, only where the report's text states one.
SELECT comparison_id, region, value, value_text, year, position_text, source_id, source_section, note
FROM european_region_values ORDER BY comparison_id, value DESC NULLS LAST, region;

-- name: delmal_trends()
-- The trend sign or words per delmål, and whether the text shows one.
SELECT indicator_id, trend_as_written, readable, trend_text, source_id, source_section, note
FROM delmal_trends ORDER BY indicator_id;

-- name: delmal_assessments()
-- The report's own text on each delmål, quoted.
SELECT indicator_id, text, source_id, source_section, note FROM delmal_assessments ORDER BY indicator_id;

-- name: export_delmal_assessments()
-- Every delmål's quoted text.
SELECT * FROM delmal_assessments ORDER BY indicator_id;

-- name: regional_priority_assessments()
-- The follow-up's text on each of the nine regional priorities, in the priorities' order.
SELECT regional_priority, seq, text, source_id, source_section, note FROM regional_priority_assessments
ORDER BY CAST(split_part(regional_priority, '.', 1) AS INTEGER), seq;

-- name: export_regional_priority_assessments()
-- Every regional priority's quoted text.
SELECT * FROM regional_priority_assessments ORDER BY regional_priority, seq;

-- name: region_strategies()
-- Bilaga 3: the strategies and programmes, their quoted text in the report's order.
SELECT strategy_id, name, seq, text, source_id, source_section FROM strategies ORDER BY rowid;

-- name: region_strategy_figures()
-- The figures each strategy's text states (counts, years, targets), as written.
SELECT strategy_id, figure_text, value, unit, year, kind, source_section, note FROM strategy_figures ORDER BY rowid;

-- name: export_strategies()
-- Every strategy text.
SELECT * FROM strategies ORDER BY strategy_id, seq;

-- name: export_strategy_figures()
-- Every figure the strategies state.
SELECT * FROM strategy_figures ORDER BY strategy_id, figure_text;

-- name: region_agenda2030()
-- The Agenda 2030 overview: the table's rows in order (the goal's icon is not in the text).
SELECT seq, global_goal, text, source_id, source_section, note FROM agenda2030 ORDER BY seq;

-- name: export_agenda2030()
-- Every row of the Agenda 2030 overview.
SELECT * FROM agenda2030 ORDER BY seq;

-- name: export_rankings()
-- Every ranking.
SELECT * FROM rankings ORDER BY id;

-- name: export_european_comparison()
-- Every indicator of the European comparison.
SELECT * FROM european_comparison ORDER BY id;

-- name: export_european_region_values()
-- Every other region's value the text states.
SELECT * FROM european_region_values ORDER BY comparison_id, region;

-- name: export_delmal_trends()
-- Every delmål's trend.
SELECT * FROM delmal_trends ORDER BY indicator_id;
