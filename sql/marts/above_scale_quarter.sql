DELETE FROM mart_above_scale_quarter;
INSERT INTO mart_above_scale_quarter
WITH quarters AS (
    SELECT DISTINCT date_trunc('quarter', date_key)::DATE AS quarter_start
    FROM dim_date
    WHERE date_key >= coalesce((SELECT min(d) FROM (
              SELECT min(drill_date) AS d FROM fact_drill
              UNION ALL SELECT min(duty_date) FROM fact_head_duty
              UNION ALL SELECT min(inspection_date) FROM fact_inspection)), anj_today())
      AND date_key <= anj_today()
),
above_scale AS (
    SELECT q.quarter_start, e.enterprise_code,
           arg_max(e.region_code, e.valid_from) AS region_code, arg_max(e.sector_code, e.valid_from) AS sector_code
    FROM quarters q
    JOIN dim_enterprise e ON e.scale = 'above_scale' AND e.valid_from <= (q.quarter_start + INTERVAL 3 MONTH)::DATE - 1
                         AND e.valid_to >= q.quarter_start
    GROUP BY ALL
),
drills AS (
    SELECT date_trunc('quarter', drill_date)::DATE AS quarter_start, enterprise_code, count(*) AS n
    FROM fact_drill GROUP BY ALL
),
duties AS (
    SELECT date_trunc('quarter', duty_date)::DATE AS quarter_start, enterprise_code,
           count(*) FILTER (WHERE duty_type = 'quarterly_check') AS checks,
           count(*) FILTER (WHERE duty_type = 'annual_report') AS reports
    FROM fact_head_duty GROUP BY ALL
)
SELECT a.quarter_start, a.enterprise_code, a.region_code, a.sector_code,
       coalesce(d.n, 0),
       sum(coalesce(d.n, 0)) OVER (PARTITION BY a.enterprise_code, year(a.quarter_start), quarter(a.quarter_start) <= 2),
       coalesce(h.checks, 0),
       sum(coalesce(h.reports, 0)) OVER (PARTITION BY a.enterprise_code, year(a.quarter_start)),
       row_number() OVER (PARTITION BY a.enterprise_code, year(a.quarter_start), quarter(a.quarter_start) <= 2
                          ORDER BY a.quarter_start) = 1,
       row_number() OVER (PARTITION BY a.enterprise_code, year(a.quarter_start) ORDER BY a.quarter_start) = 1
FROM above_scale a
LEFT JOIN drills d ON d.quarter_start = a.quarter_start AND d.enterprise_code = a.enterprise_code
LEFT JOIN duties h ON h.quarter_start = a.quarter_start AND h.enterprise_code = a.enterprise_code;
