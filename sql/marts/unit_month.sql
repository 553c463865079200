DELETE FROM mart_unit_month;
INSERT INTO mart_unit_month (month_start, unit_kind, unit_code, town_code, region_code, department_code, inspections,
                             monthly_checks)
WITH months AS (
    SELECT DISTINCT date_trunc('month', date_key)::DATE AS month_start
    FROM dim_date
    WHERE date_key >= (SELECT date_trunc('month', min(inspection_date)) FROM fact_inspection)
      AND date_key <= anj_today()
),
villages AS (
    SELECT m.month_start, r.region_code, r.town_code
    FROM months m
    JOIN dim_region r ON r.region_level = 'village' AND r.valid_from <= last_day(m.month_start)
                     AND r.valid_to >= m.month_start
),
-- every town with villages that month has each of the safety committee's member units (安委会成员单位)
units AS (
    SELECT month_start, 'village' AS unit_kind, region_code AS unit_code, town_code, region_code,
           NULL::VARCHAR AS department_code
    FROM villages
    UNION ALL
    SELECT t.month_start, 'department', d.department_code, t.town_code, NULL, d.department_code
    FROM (SELECT DISTINCT month_start, town_code FROM villages) t CROSS JOIN dim_department d
),
village_checks AS (
    SELECT date_trunc('month', inspection_date)::DATE AS month_start, region_code AS unit_code,
           count(*) AS inspections,
           count(*) FILTER (WHERE inspection_type = 'monthly' AND department_code IS NULL) AS monthly_checks
    FROM fact_inspection GROUP BY ALL
),
-- a department's checks count for the town of the village where it checked
department_checks AS (
    SELECT date_trunc('month', i.inspection_date)::DATE AS month_start, i.department_code AS unit_code,
           r.town_code, count(*) AS inspections, count(*) FILTER (WHERE i.inspection_type = 'monthly') AS monthly_checks
    FROM fact_inspection i JOIN dim_region r ON r.region_code = i.region_code
    WHERE i.department_code IS NOT NULL GROUP BY ALL
)
SELECT u.month_start, u.unit_kind, u.unit_code, u.town_code, u.region_code, u.department_code,
       coalesce(v.inspections, d.inspections, 0), coalesce(v.monthly_checks, d.monthly_checks, 0)
FROM units u
LEFT JOIN village_checks v ON u.unit_kind = 'village' AND v.month_start = u.month_start AND v.unit_code = u.unit_code
LEFT JOIN department_checks d ON u.unit_kind = 'department' AND d.month_start = u.month_start
                             AND d.unit_code = u.unit_code AND d.town_code IS NOT DISTINCT FROM u.town_code;
