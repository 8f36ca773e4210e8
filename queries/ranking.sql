-- name: kommun_ranks()
-- Compare like Kolada: every kommun value of every kommun series with its place among the county's
-- kommuner that year (place_high: 1 = the highest value; place_low: 1 = the lowest), how many kommuner
-- have a value that year (n), and the county's own value that year (NULL when no source gives one).
-- With the measure's name, unit, definition, direction (higher_is_better, NULL = not judged) and source.
WITH k AS (
    SELECT v.indicator_id, v.year, v.geography AS code, m.name AS kommun, v.value
    FROM indicator_values v JOIN municipalities m ON m.code = v.geography
    WHERE v.geography_type = 'kommun' AND v.value IS NOT NULL AND v.year IS NOT NULL
),
county AS (
    SELECT indicator_id, year, min(value) AS county_value
    FROM indicator_values
    WHERE geography_type = 'county' AND value IS NOT NULL AND year IS NOT NULL
    GROUP BY indicator_id, year
)
SELECT k.indicator_id, k.year, k.code, k.kommun, k.value,
       rank() OVER (PARTITION BY k.indicator_id, k.year ORDER BY k.value DESC) AS place_high,
       rank() OVER (PARTITION BY k.indicator_id, k.year ORDER BY k.value ASC) AS place_low,
       count(*) OVER (PARTITION BY k.indicator_id, k.year) AS n,
       c.county_value, n.name, n.unit, n.definition, n.higher_is_better, n.goal_area_id,
       s.title AS source_title
FROM k
JOIN indicators n ON n.id = k.indicator_id
JOIN sources s ON s.id = n.source_id
LEFT JOIN county c ON c.indicator_id = k.indicator_id AND c.year = k.year
ORDER BY n.goal_area_id NULLS LAST, n.name COLLATE sv, k.year, place_high;
