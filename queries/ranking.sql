-- name: kommun_ranks()
-- Compare like Kolada: for every kommun series, each kommun's value in two years: the latest year that all
-- 26 kommuner have a value (else the year with most values, the later on a tie) and the earlier year
-- closest to five years before it (the later on a tie), with its place among the county's kommuner that
-- year (place_high: 1 = the highest value; place_low: 1 = the lowest), how many kommuner have a value (n)
-- and the county's own value that year (NULL when no source gives one). With the measure's name, unit,
-- definition, direction (higher_is_better, NULL = not judged) and source.
WITH k AS (
    SELECT v.indicator_id, v.year, v.geography AS code, m.name AS kommun, v.value
    FROM indicator_values v JOIN municipalities m ON m.code = v.geography
    WHERE v.geography_type = 'kommun' AND v.value IS NOT NULL AND v.year IS NOT NULL
),
ranked AS (
    SELECT k.*,
           rank() OVER (PARTITION BY k.indicator_id, k.year ORDER BY k.value DESC) AS place_high,
           rank() OVER (PARTITION BY k.indicator_id, k.year ORDER BY k.value ASC) AS place_low,
           count(*) OVER (PARTITION BY k.indicator_id, k.year) AS n
    FROM k
),
per_year AS (SELECT indicator_id, year, max(n) AS n FROM ranked GROUP BY indicator_id, year),
latest AS (
    SELECT indicator_id,
           max_by(year, CASE WHEN n >= 26 THEN 1000000000 + year ELSE n * 10000 + year END) AS latest_year
    FROM per_year GROUP BY indicator_id
),
base AS (
    SELECT p.indicator_id, min_by(p.year, abs(l.latest_year - 5 - p.year) * 10000 - p.year) AS base_year
    FROM per_year p JOIN latest l ON l.indicator_id = p.indicator_id AND p.year < l.latest_year
    GROUP BY p.indicator_id
),
county AS (
    SELECT indicator_id, year, min(value) AS county_value
    FROM indicator_values
    WHERE geography_type = 'county' AND value IS NOT NULL AND year IS NOT NULL
    GROUP BY indicator_id, year
)
SELECT r.indicator_id, r.year, r.code, r.kommun, r.value, r.place_high, r.place_low, r.n, l.latest_year,
       b.base_year, c.county_value, n.name, n.unit, n.definition, n.higher_is_better, n.goal_area_id,
       s.title AS source_title
FROM ranked r
JOIN latest l ON l.indicator_id = r.indicator_id
LEFT JOIN base b ON b.indicator_id = r.indicator_id
JOIN indicators n ON n.id = r.indicator_id
JOIN sources s ON s.id = n.source_id
LEFT JOIN county c ON c.indicator_id = r.indicator_id AND c.year = r.year
WHERE r.year = l.latest_year OR r.year = b.base_year
ORDER BY n.goal_area_id NULLS LAST, n.name COLLATE sv, r.year, r.place_high;
