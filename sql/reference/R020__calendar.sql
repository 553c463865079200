-- Holidays (元旦, 春节, 清明, 五一, 国庆) 2015–2035 and the day dimension built from them.
-- Key periods: the run-up and the holiday itself, when key-date inspections (节点检查) happen.
DELETE FROM ref_holiday;
INSERT INTO ref_holiday
SELECT make_date(y, 1, 1), 'new_year', '元旦', make_date(y - 1, 12, 25), make_date(y, 1, 3)
FROM range(2015, 2036) t(y);
INSERT INTO ref_holiday
SELECT make_date(y, 5, 1), 'labour_day', '五一', make_date(y, 4, 24), make_date(y, 5, 5)
FROM range(2015, 2036) t(y);
INSERT INTO ref_holiday
SELECT make_date(y, 10, 1), 'national_day', '国庆', make_date(y, 9, 24), make_date(y, 10, 7)
FROM range(2015, 2036) t(y);
INSERT INTO ref_holiday
SELECT d, 'spring_festival', '春节', d - INTERVAL 10 DAY, d + INTERVAL 7 DAY
FROM (VALUES (DATE '2015-02-19'), (DATE '2016-02-08'), (DATE '2017-01-28'), (DATE '2018-02-16'), (DATE '2019-02-05'),
             (DATE '2020-01-25'), (DATE '2021-02-12'), (DATE '2022-02-01'), (DATE '2023-01-22'), (DATE '2024-02-10'),
             (DATE '2025-01-29'), (DATE '2026-02-17'), (DATE '2027-02-06'), (DATE '2028-01-26'), (DATE '2029-02-13'),
             (DATE '2030-02-03'), (DATE '2031-01-23'), (DATE '2032-02-11'), (DATE '2033-01-31'), (DATE '2034-02-19'),
             (DATE '2035-02-08')) t(d);
INSERT INTO ref_holiday
SELECT d, 'qingming', '清明', d - INTERVAL 5 DAY, d + INTERVAL 2 DAY
FROM (VALUES (DATE '2015-04-05'), (DATE '2016-04-04'), (DATE '2017-04-04'), (DATE '2018-04-05'), (DATE '2019-04-05'),
             (DATE '2020-04-04'), (DATE '2021-04-04'), (DATE '2022-04-05'), (DATE '2023-04-05'), (DATE '2024-04-04'),
             (DATE '2025-04-04'), (DATE '2026-04-05'), (DATE '2027-04-05'), (DATE '2028-04-04'), (DATE '2029-04-04'),
             (DATE '2030-04-05'), (DATE '2031-04-05'), (DATE '2032-04-04'), (DATE '2033-04-04'), (DATE '2034-04-05'),
             (DATE '2035-04-05')) t(d);

DELETE FROM dim_date;
INSERT INTO dim_date
SELECT d::DATE,
       year(d), quarter(d), month(d), day(d), isoyear(d), week(d), isodow(d), isodow(d) >= 6,
       h.holiday_code, h.name_zh,
       EXISTS (SELECT 1 FROM ref_holiday k WHERE d::DATE BETWEEN k.key_from AND k.key_to),
       month(d) = 6,
       month(d) >= 10 OR month(d) <= 4
FROM range(DATE '2015-01-01', DATE '2036-01-01', INTERVAL 1 DAY) t(d)
LEFT JOIN ref_holiday h ON h.holiday_date = d::DATE;
