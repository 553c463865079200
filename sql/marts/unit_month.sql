DELETE FROM mart_unit_month;
INSERT INTO mart_unit_month
WITH months AS (
    SELECT DISTINCT date_trunc('month', date_key)::DATE AS month_start
    FROM dim_date
    WHERE date_key >= (SELECT date_trunc('month', min(inspection_date)) FROM fact_inspection)
      AND date_key <= anj_today()
),
units AS (
    SELECT m.month_start, 'village' AS unit_kind, r.region_code AS unit_code, r.region_code,
           NULL::VARCHAR AS department_code
    FROM months m
    JOIN dim_region r ON r.region_level = 'village' AND r.valid_from <= last_day(m.month_start)
                     AND r.valid_to >= m.month_start
    UNION ALL
    SELECT m.month_start, 'department', d.department_code, NULL, d.department_code
    FROM months m CROSS JOIN dim_department d
),
village_checks AS (
    SELECT date_trunc('month', inspection_date)::DATE AS month_start, region_code AS unit_code,
           count(*) AS inspections,
           count(*) FILTER (WHERE inspection_type = 'monthly' AND department_code IS NULL) AS monthly_checks
    FROM fact_inspection GROUP BY ALL
),
department_checks AS (
    SELECT date_trunc('month', inspection_date)::DATE AS month_start, department_code AS unit_code,
           count(*) AS inspections, count(*) FILTER (WHERE inspection_type = 'monthly') AS monthly_checks
    FROM fact_inspection WHERE department_code IS NOT NULL GROUP BY ALL
)
SELECT u.month_start, u.unit_kind, u.unit_code, u.region_code, u.department_code,
       coalesce(v.inspections, d.inspections, 0), coalesce(v.monthly_checks, d.monthly_checks, 0)
FROM units u
LEFT JOIN village_checks v ON u.unit_kind = 'village' AND v.month_start = u.month_start AND v.unit_code = u.unit_code
LEFT JOIN department_checks d ON u.unit_kind = 'department' AND d.month_start = u.month_start
                             AND d.unit_code = u.unit_code;
