-- The loader writes open_until; rows written by other means (SQL by hand, tests) are put right here, so the as-of
-- metrics never read a stale value. A scan of fact_hazard; it writes only rows whose value is wrong.
UPDATE fact_hazard SET open_until = anj_open_until(rectified_date, closed_date, status, found_date)
WHERE open_until <> anj_open_until(rectified_date, closed_date, status, found_date);
