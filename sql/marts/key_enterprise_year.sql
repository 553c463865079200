DELETE FROM mart_key_enterprise_year;
INSERT INTO mart_key_enterprise_year
WITH years AS (
    SELECT make_date(y::INTEGER, 1, 1) AS year_start
    FROM (SELECT unnest(generate_series(
            year(coalesce((SELECT min(inspection_date) FROM fact_inspection), anj_today())),
            year(anj_today()))) AS y)
),
key_versions AS (
    SELECT y.year_start, e.enterprise_code,
           arg_max(e.region_code, e.valid_from) AS region_code, arg_max(e.sector_code, e.valid_from) AS sector_code
    FROM years y
    JOIN dim_enterprise e ON e.is_key AND e.valid_from <= make_date(year(y.year_start), 12, 31)
                         AND e.valid_to >= y.year_start
    GROUP BY y.year_start, e.enterprise_code
),
inspected AS (
    SELECT make_date(year(inspection_date), 1, 1) AS year_start, enterprise_code, count(*) AS inspections
    FROM fact_inspection
    WHERE enterprise_code IS NOT NULL AND inspection_type <> 'self_check'
    GROUP BY ALL
)
SELECT k.year_start, k.enterprise_code, k.region_code, k.sector_code, coalesce(i.inspections, 0)
FROM key_versions k
LEFT JOIN inspected i ON i.year_start = k.year_start AND i.enterprise_code = k.enterprise_code;
