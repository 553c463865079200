DELETE FROM mart_task_unit_month;
INSERT INTO mart_task_unit_month
WITH tasks AS (
    SELECT campaign_id, task_id, starts_on, least(ends_on, anj_today()) AS ends_on
    FROM campaign_task WHERE by_progress
),
months AS (
    SELECT DISTINCT t.campaign_id, t.task_id, date_trunc('month', d.date_key)::DATE AS month_start
    FROM tasks t JOIN dim_date d ON d.date_key BETWEEN t.starts_on AND t.ends_on
),
villages AS (
    SELECT m.month_start, r.region_code, r.town_code
    FROM (SELECT DISTINCT month_start FROM months) m
    JOIN dim_region r ON r.region_level = 'village' AND r.valid_from <= last_day(m.month_start)
                     AND r.valid_to >= m.month_start
),
units AS (
    SELECT m.month_start, m.campaign_id, m.task_id, 'village' AS unit_kind, v.region_code AS unit_code,
           v.region_code, NULL::VARCHAR AS department_code, v.region_code AS home_code
    FROM months m
    JOIN campaign_assignment a ON a.campaign_id = m.campaign_id AND a.task_id = m.task_id AND a.unit_kind = 'village'
    JOIN villages v ON v.month_start = m.month_start
    UNION ALL
    SELECT m.month_start, m.campaign_id, m.task_id, 'department', a.department_code, NULL, a.department_code,
           t.town_code
    FROM months m
    JOIN campaign_assignment a ON a.campaign_id = m.campaign_id AND a.task_id = m.task_id
                              AND a.unit_kind = 'department'
    JOIN (SELECT DISTINCT month_start, town_code FROM villages) t ON t.month_start = m.month_start
),
latest AS (
    SELECT u.month_start, u.task_id, u.unit_code, u.home_code,
           arg_max(p.progress, p.report_date) AS progress, arg_max(p.report_no, p.report_date) AS report_no
    FROM units u
    JOIN fact_task_progress p ON p.task_id = u.task_id AND p.unit_code = u.unit_code AND p.home_code = u.home_code
                             AND p.report_date <= last_day(u.month_start)
    GROUP BY ALL
)
SELECT u.month_start, u.campaign_id, u.task_id, u.unit_kind, u.unit_code, u.region_code, u.department_code,
       u.home_code, l.progress,
       CASE l.progress WHEN 'not_started' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'done' THEN 3 ELSE 0 END,
       l.report_no
FROM units u
LEFT JOIN latest l ON l.month_start = u.month_start AND l.task_id = u.task_id AND l.unit_code = u.unit_code
                  AND l.home_code = u.home_code;
