-- name: history_facts(core)
-- What the older plans say about how the work was done (organisation, meetings, financing, aims), for
-- one core: the Flemingsberg plan for Flemingsberg, the Södertörn plan for every core with a kärnkommun
-- among the Södertörn kommuner that signed the cooperation agreement (basis names that kommun).
WITH members AS (
    SELECT subject AS kommun FROM plan_facts WHERE source_id = 'sodertorn-vp-2019' AND topic = 'medlem'
), linked AS (
    SELECT 'flemingsberg-vp-2009' AS source_id, 'kärnans egen verksamhetsplan' AS basis
    WHERE $core = 'flemingsberg'
    UNION ALL
    SELECT 'sodertorn-vp-2019', 'kärnkommun i Södertörnssamarbetet: ' || string_agg(m.kommun, ', ' ORDER BY m.kommun)
    FROM cores c, unnest(string_split(c.municipalities, '|')) AS u(kommun)
    JOIN members m ON m.kommun = u.kommun
    WHERE c.id = $core
    HAVING count(*) > 0
)
SELECT f.id, f.source_id, s.title AS source_title, s.year AS source_year, f.source_section, f.topic,
       f.subject, f.text, f.value, f.unit, f.year, f.period_text, f.qualifier, f.note, l.basis
FROM plan_facts f
JOIN linked l ON l.source_id = f.source_id
JOIN sources s ON s.id = f.source_id
ORDER BY s.year, f.source_id, f.rowid;

-- name: history_facts_all()
-- Every fact of the older plans, with its source, for Källor.
SELECT f.id, f.source_id, s.title AS source_title, s.year AS source_year, f.source_section, f.topic,
       f.subject, f.text, f.value, f.unit, f.year, f.period_text, f.qualifier, f.note
FROM plan_facts f JOIN sources s ON s.id = f.source_id
ORDER BY s.year, f.source_id, f.rowid;
