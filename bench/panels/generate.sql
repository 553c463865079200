-- Province-scale scratch data for the panel benchmark: 20 towns x 20 villages, 10 years, rows in date order as
-- year-by-year ledger imports leave them. ${HAZARDS} hazards; the other facts scale with them (at 10 M: 2 M
-- inspections, 200 k enforcement actions, 2 k accidents).
-- Every INSERT is BY NAME: each value carries the name of its column, a column the schema adds later takes its
-- default (or fails loudly when it has none), so a migration cannot shift the values silently (issue #18: V010 broke
-- the positional INSERT of 25 values into fact_hazard's 26 columns). PanelBench checks the row counts afterwards.
DELETE FROM dim_region;
INSERT INTO dim_region BY NAME SELECT '341525' AS region_code, '霍山县' AS region_name, 'county' AS region_level,
       NULL AS parent_code, '341525' AS county_code, NULL AS town_code, FALSE AS is_community,
       DATE '2000-01-01' AS valid_from, DATE '9999-12-31' AS valid_to, NULL AS merged_into, FALSE AS is_demo, NULL AS batch_id;
INSERT INTO dim_region BY NAME SELECT '341525' || lpad(t::VARCHAR, 3, '0') AS region_code, '镇' || t AS region_name,
       'town' AS region_level, '341525' AS parent_code, '341525' AS county_code, NULL AS town_code, FALSE AS is_community,
       DATE '2000-01-01' AS valid_from, DATE '9999-12-31' AS valid_to, NULL AS merged_into, FALSE AS is_demo, NULL AS batch_id
FROM range(100, 120) r(t);
INSERT INTO dim_region BY NAME SELECT '341525' || lpad(t::VARCHAR, 3, '0') || lpad(v::VARCHAR, 3, '0') AS region_code,
       '镇' || t || '村' || v AS region_name, 'village' AS region_level, '341525' || lpad(t::VARCHAR, 3, '0') AS parent_code,
       '341525' AS county_code, '341525' || lpad(t::VARCHAR, 3, '0') AS town_code, FALSE AS is_community,
       DATE '2000-01-01' AS valid_from, DATE '9999-12-31' AS valid_to, NULL AS merged_into, FALSE AS is_demo, NULL AS batch_id
FROM range(100, 120) r(t), range(200, 220) s(v);
CREATE TEMP TABLE bench_villages AS SELECT row_number() OVER (ORDER BY region_code) - 1 AS i, region_code FROM dim_region WHERE region_level = 'village';
CREATE TEMP TABLE bench_sectors AS SELECT row_number() OVER (ORDER BY sort_order) - 1 AS i, sector_code FROM dim_sector;
CREATE TEMP TABLE bench_departments AS SELECT row_number() OVER (ORDER BY sort_order) - 1 AS i, department_code FROM dim_department;
INSERT INTO dim_enterprise BY NAME
SELECT 'E' || lpad(e::VARCHAR, 6, '0') AS enterprise_code, DATE '2000-01-01' AS valid_from, DATE '9999-12-31' AS valid_to,
       TRUE AS is_current, NULL AS credit_code, '企业' || e AS enterprise_name, v.region_code, s.sector_code,
       (['above_scale','sme','micro','shop'])[1 + e % 4] AS scale, e % 7 = 0 AS is_high_risk, e % 10 = 0 AS is_key,
       e % 5 = 0 AS is_crowded_place, NULL AS address, NULL AS contact_person, NULL AS batch_id
FROM range(0, 40000) r(e) JOIN bench_villages v ON v.i = e % 400 JOIN bench_sectors s ON s.i = e % 11;
INSERT INTO fact_hazard BY NAME
SELECT 'YH' || lpad(n::VARCHAR, 9, '0') AS hazard_no, found AS found_date, found + 30 AS deadline_date,
       CASE WHEN n % 100 < 85 AND found + (n % 60)::INTEGER <= current_date THEN found + (n % 60)::INTEGER END AS rectified_date,
       NULL AS verified_date,
       CASE WHEN n % 100 < 70 AND found + (n % 60)::INTEGER + 5 <= current_date THEN found + (n % 60)::INTEGER + 5 END AS closed_date,
       CASE WHEN n % 10 = 0 THEN 'major' ELSE 'general' END AS hazard_level, s.sector_code, v.region_code,
       CASE WHEN n % 3 = 0 THEN 'E' || lpad((n % 40000)::VARCHAR, 6, '0') END AS enterprise_code, NULL AS target_name,
       d.department_code, NULL AS inspection_no, '隐患' AS description, 'open' AS status,
       (n % 50) * 100 AS funds_yuan, n % 2 = 0 AS wl_responsibility, n % 3 = 0 AS wl_measures, n % 5 <> 0 AS wl_funds,
       TRUE AS wl_time_limit, n % 7 <> 0 AS wl_contingency, n % 4 = 0 AS is_published, 1 AS batch_id,
       NULL AS source_file, NULL AS source_row
FROM (SELECT n, (current_date - (3650 - (n * 3650 // ${HAZARDS}))::INTEGER) AS found FROM range(0, ${HAZARDS}) r(n)) h
JOIN bench_villages v ON v.i = (h.n * 7919) % 400 JOIN bench_sectors s ON s.i = (h.n * 31) % 11
JOIN bench_departments d ON d.i = (h.n * 13) % 9
ORDER BY found;
UPDATE fact_hazard SET status = CASE WHEN closed_date IS NOT NULL THEN 'closed' WHEN rectified_date IS NOT NULL THEN 'rectified' ELSE 'open' END,
       open_until = anj_open_until(rectified_date, closed_date, status, found_date);
INSERT INTO fact_inspection BY NAME
SELECT 'JC' || lpad(n::VARCHAR, 9, '0') AS inspection_no, day AS inspection_date, v.region_code,
       CASE WHEN n % 2 = 0 THEN 'E' || lpad((n % 40000)::VARCHAR, 6, '0') END AS enterprise_code, NULL AS target_name,
       s.sector_code, CASE WHEN n % 4 = 0 THEN NULL ELSE d.department_code END AS department_code,
       (['routine','monthly','key_date','disaster','post_accident','double_random','covert','door_knock','self_check'])[1 + n % 9] AS inspection_type,
       NULL AS inspector, n % 3 = 0 AS led_by_leader, n % 9 = 5 AS is_double_random, n % 4 AS hazards_found, NULL AS note,
       1 AS batch_id, NULL AS source_file, NULL AS source_row
FROM (SELECT n, (current_date - (3650 - (n * 3650 // ${INSPECTIONS}))::INTEGER) AS day FROM range(0, ${INSPECTIONS}) r(n)) i
JOIN bench_villages v ON v.i = (i.n * 7919) % 400 JOIN bench_sectors s ON s.i = (i.n * 31) % 11
JOIN bench_departments d ON d.i = (i.n * 13) % 9
ORDER BY day;
INSERT INTO fact_enforcement BY NAME
SELECT 'ZF' || lpad(n::VARCHAR, 9, '0') AS case_no, day AS action_date, 'E' || lpad((n % 40000)::VARCHAR, 6, '0') AS enterprise_code,
       '企业' AS target_name, v.region_code, s.sector_code, NULL AS department_code,
       (['reminder','warning','penalty','fine','blacklist'])[1 + n % 5] AS action_code,
       CASE WHEN n % 5 < 3 THEN 1 + n % 5 END AS ladder_stage,
       CASE WHEN n % 5 >= 2 THEN (n % 20) * 500 END AS fine_proposed_yuan, CASE WHEN n % 5 >= 2 THEN (n % 20) * 400 END AS fine_final_yuan,
       NULL AS hazard_no, NULL AS inspection_no, NULL AS description, 1 AS batch_id, NULL AS source_file, NULL AS source_row
FROM (SELECT n, (current_date - (3650 - (n * 3650 // ${ENFORCEMENT}))::INTEGER) AS day FROM range(0, ${ENFORCEMENT}) r(n)) e
JOIN bench_villages v ON v.i = (e.n * 7919) % 400 JOIN bench_sectors s ON s.i = (e.n * 31) % 11
ORDER BY day;
INSERT INTO fact_accident BY NAME
SELECT 'SG' || n AS accident_no, current_date - (n % 3650)::INTEGER AS accident_date, v.region_code, 'fire' AS sector_code,
       NULL AS enterprise_code, 'general' AS accident_level, n % 2 AS deaths, n % 3 AS injuries, NULL AS direct_loss_yuan,
       FALSE AS is_concealed, NULL AS description, 1 AS batch_id, NULL AS source_file, NULL AS source_row
FROM range(0, ${ACCIDENTS}) r(n) JOIN bench_villages v ON v.i = n % 400;
INSERT INTO etl_batch (batch_id, kind, file_name, file_sha256, job_execution_id, status, started_at, finished_at, rows_read, rows_written, rows_rejected, message) VALUES (1, 'hazards', 'bench.csv', 'x', NULL, 'COMPLETED', now(), now(), 0, 0, 0, NULL);
INSERT INTO etl_reject BY NAME
SELECT 1 AS batch_id, 'bench.csv' AS file_name, NULL AS sheet_name, n AS row_no, 'found_date' AS field_name, 'x' AS field_value,
       (['日期无法识别','行业领域无法识别','村(社区)无法识别'])[1 + n % 3] AS reason
FROM range(0, 5000) r(n)
