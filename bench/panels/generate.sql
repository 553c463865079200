-- Province-scale scratch data for the panel benchmark: 20 towns x 20 villages, 10 years, rows in date order as
-- year-by-year ledger imports leave them.
DELETE FROM dim_region;
INSERT INTO dim_region SELECT '341525', '霍山县', 'county', NULL, '341525', NULL, FALSE, DATE '2000-01-01', DATE '9999-12-31', NULL, FALSE, NULL;
INSERT INTO dim_region SELECT '341525' || lpad(t::VARCHAR, 3, '0'), '镇' || t, 'town', '341525', '341525', NULL, FALSE, DATE '2000-01-01', DATE '9999-12-31', NULL, FALSE, NULL FROM range(100, 120) r(t);
INSERT INTO dim_region SELECT '341525' || lpad(t::VARCHAR, 3, '0') || lpad(v::VARCHAR, 3, '0'), '镇' || t || '村' || v, 'village', '341525' || lpad(t::VARCHAR, 3, '0'), '341525', '341525' || lpad(t::VARCHAR, 3, '0'), FALSE, DATE '2000-01-01', DATE '9999-12-31', NULL, FALSE, NULL FROM range(100, 120) r(t), range(200, 220) s(v);
CREATE TEMP TABLE bench_villages AS SELECT row_number() OVER (ORDER BY region_code) - 1 AS i, region_code FROM dim_region WHERE region_level = 'village';
CREATE TEMP TABLE bench_sectors AS SELECT row_number() OVER (ORDER BY sort_order) - 1 AS i, sector_code FROM dim_sector;
CREATE TEMP TABLE bench_departments AS SELECT row_number() OVER (ORDER BY sort_order) - 1 AS i, department_code FROM dim_department;
INSERT INTO dim_enterprise SELECT 'E' || lpad(e::VARCHAR, 6, '0'), DATE '2000-01-01', DATE '9999-12-31', TRUE, NULL, '企业' || e, v.region_code, s.sector_code, (['above_scale','sme','micro','shop'])[1 + e % 4], e % 7 = 0, e % 10 = 0, e % 5 = 0, NULL, NULL, NULL FROM range(0, 40000) r(e) JOIN bench_villages v ON v.i = e % 400 JOIN bench_sectors s ON s.i = e % 11;
INSERT INTO fact_hazard
SELECT 'YH' || lpad(n::VARCHAR, 9, '0') AS hazard_no, found, found + 30,
       CASE WHEN n % 100 < 85 AND found + (n % 60)::INTEGER <= current_date THEN found + (n % 60)::INTEGER END,
       NULL,
       CASE WHEN n % 100 < 70 AND found + (n % 60)::INTEGER + 5 <= current_date THEN found + (n % 60)::INTEGER + 5 END,
       CASE WHEN n % 10 = 0 THEN 'major' ELSE 'general' END, s.sector_code, v.region_code,
       CASE WHEN n % 3 = 0 THEN 'E' || lpad((n % 40000)::VARCHAR, 6, '0') END, NULL, d.department_code, NULL, '隐患', 'open',
       (n % 50) * 100, n % 2 = 0, n % 3 = 0, n % 5 <> 0, TRUE, n % 7 <> 0, n % 4 = 0, 1, NULL, NULL
FROM (SELECT n, (current_date - (3650 - (n * 3650 // ${HAZARDS}))::INTEGER) AS found FROM range(0, ${HAZARDS}) r(n)) h
JOIN bench_villages v ON v.i = (h.n * 7919) % 400 JOIN bench_sectors s ON s.i = (h.n * 31) % 11
JOIN bench_departments d ON d.i = (h.n * 13) % 9
ORDER BY found;
UPDATE fact_hazard SET status = CASE WHEN closed_date IS NOT NULL THEN 'closed' WHEN rectified_date IS NOT NULL THEN 'rectified' ELSE 'open' END;
INSERT INTO fact_inspection
SELECT 'JC' || lpad(n::VARCHAR, 9, '0'), day, v.region_code, CASE WHEN n % 2 = 0 THEN 'E' || lpad((n % 40000)::VARCHAR, 6, '0') END, NULL,
       s.sector_code, CASE WHEN n % 4 = 0 THEN NULL ELSE d.department_code END,
       (['routine','monthly','key_date','disaster','post_accident','double_random','covert','door_knock','self_check'])[1 + n % 9],
       NULL, n % 3 = 0, n % 9 = 5, n % 4, NULL, 1, NULL, NULL
FROM (SELECT n, (current_date - (3650 - (n * 3650 // 2000000))::INTEGER) AS day FROM range(0, 2000000) r(n)) i
JOIN bench_villages v ON v.i = (i.n * 7919) % 400 JOIN bench_sectors s ON s.i = (i.n * 31) % 11
JOIN bench_departments d ON d.i = (i.n * 13) % 9
ORDER BY day;
INSERT INTO fact_enforcement
SELECT 'ZF' || lpad(n::VARCHAR, 9, '0'), day, 'E' || lpad((n % 40000)::VARCHAR, 6, '0'), '企业', v.region_code, s.sector_code, NULL,
       (['reminder','warning','penalty','fine','blacklist'])[1 + n % 5], CASE WHEN n % 5 < 3 THEN 1 + n % 5 END,
       CASE WHEN n % 5 >= 2 THEN (n % 20) * 500 END, CASE WHEN n % 5 >= 2 THEN (n % 20) * 400 END, NULL, NULL, NULL, 1, NULL, NULL
FROM (SELECT n, (current_date - (3650 - (n * 3650 // 200000))::INTEGER) AS day FROM range(0, 200000) r(n)) e
JOIN bench_villages v ON v.i = (e.n * 7919) % 400 JOIN bench_sectors s ON s.i = (e.n * 31) % 11
ORDER BY day;
INSERT INTO fact_accident
SELECT 'SG' || n, current_date - (n % 3650)::INTEGER, v.region_code, 'fire', NULL, 'general', n % 2, n % 3, NULL, FALSE, NULL, 1, NULL, NULL
FROM range(0, 2000) r(n) JOIN bench_villages v ON v.i = n % 400;
INSERT INTO etl_batch (batch_id, kind, file_name, file_sha256, job_execution_id, status, started_at, finished_at, rows_read, rows_written, rows_rejected, message) VALUES (1, 'hazards', 'bench.csv', 'x', NULL, 'COMPLETED', now(), now(), 0, 0, 0, NULL);
INSERT INTO etl_reject SELECT 1, 'bench.csv', NULL, n, 'found_date', 'x', (['日期无法识别','行业领域无法识别','村(社区)无法识别'])[1 + n % 3] FROM range(0, 5000) r(n)
