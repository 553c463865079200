DELETE FROM mart_hazard_month;
INSERT INTO mart_hazard_month
SELECT date_trunc('month', found_date)::DATE, region_code, sector_code, hazard_level, department_code,
       count(*), count(rectified_date), count(closed_date), sum(funds_yuan)
FROM fact_hazard
GROUP BY ALL;
