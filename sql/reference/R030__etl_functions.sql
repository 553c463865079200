-- Parsing functions the import jobs use to read ledger cells as they really are (DESIGN §4), in one place.
-- The importer trims every cell once (anj_text) and hands the clean text to the anj_parse_* functions; the
-- fast path comes first in each (a CASE evaluates its later branches only for the rows that need them).

-- Text: trimmed of spaces (plain trim() also takes the full-width space and the non-breaking space, which are
-- Unicode space separators), tabs and line breaks; empty becomes NULL. trim() with a character set is several times
-- slower than plain trim(), so the set is used only for the rare cell that holds a tab or a line break.
CREATE OR REPLACE MACRO anj_text(x) AS nullif(CASE
    WHEN contains(CAST(x AS VARCHAR), chr(9)) OR contains(CAST(x AS VARCHAR), chr(10))
      OR contains(CAST(x AS VARCHAR), chr(13))
    THEN trim(CAST(x AS VARCHAR), ' ' || chr(9) || chr(10) || chr(13) || chr(12288) || chr(160))
    ELSE trim(CAST(x AS VARCHAR))
    END, '');

-- Digits and date/number punctuation typed in full width (０１２３, ．／－：，) as ASCII; a full-width space as a space.
CREATE OR REPLACE MACRO anj_ascii(x) AS
    translate(x, '０１２３４５６７８９．／－：，　', '0123456789./-:, ');

CREATE OR REPLACE MACRO anj_date_formats() AS ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日', '%Y%m%d',
        '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M:%S',
        '%Y.%m.%d %H:%M:%S', '%Y.%m.%d %H:%M', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日%H时%M分', '%Y年%m月%d日 %H:%M:%S'];

-- Dates: ISO, 2023/1/3, 2023.1.3, 2023年1月3日, 20230103, with or without a time, and Excel serial numbers. The
-- common forms take the short ways (a cast; for a cell that is exactly 2023.1.3 or 2023年1月3日 the cast after turning
-- . 年 月 into - and dropping 日 — only then, because a cast reads the date at the start of any text and 2023年1月2日9时
-- would read as the 29th; the eight-digit form); digits typed in full width are read on a last try only.
CREATE OR REPLACE MACRO anj_parse_date_text(x) AS CASE
    WHEN x IS NULL THEN NULL
    -- a year of one or two digits (25.8.20) is read by anj_date_loose, with a warning, never as the year 25
    WHEN x[2] IN ('-', '.', '/') OR x[3] IN ('-', '.', '/') THEN NULL
    ELSE coalesce(TRY_CAST(x AS DATE),
        CASE WHEN regexp_full_match(x, '[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日')
            THEN TRY_CAST(translate(x, '.年月日', '---') AS DATE) END,
        CASE WHEN length(x) = 8 THEN CAST(try_strptime(x, '%Y%m%d') AS DATE) END, CASE
        WHEN regexp_full_match(x, '[0-9]{5}(\.[0-9]+)?')
            THEN CAST(DATE '1899-12-30' + CAST(floor(CAST(x AS DOUBLE)) AS INTEGER) AS DATE)
        ELSE CAST(coalesce(try_strptime(x, anj_date_formats()),
                           try_strptime(anj_ascii(x), anj_date_formats())) AS DATE)
        END)
    END;

-- Any cell as text first: the import bench's typed fast path hands this macro DATE columns too.
CREATE OR REPLACE MACRO anj_parse_date(x) AS anj_parse_date_text(CAST(x AS VARCHAR));

-- Dates as notices and hand-typed ledgers write them, for the cells anj_parse_date refuses (issue #15): spaces
-- (2025 年8月20日), Chinese numerals (二〇二五年八月二十日), 号 for 日, a range (2025年8月20日-22日, 8月20日至22日,
-- 2025.8.20-8.22: its first day), a two-digit year (25.8.20: 2025), a month without its day (2025年8月: the 1st),
-- and a day without its year (8月20日) or year and month (20号), which take them from the ledger's period.
-- Chinese numerals as digits: 二十五 → 25, 二十 → 20, 十五 → 15, 十 → 10, 二〇二五 → 2025.
CREATE OR REPLACE MACRO anj_zh_digits(x) AS translate(replace(regexp_replace(regexp_replace(regexp_replace(x,
        '([一二三四五六七八九])十([一二三四五六七八九])', '\1\2', 'g'),
        '([一二三四五六七八九])十', '\1〇', 'g'),
        '十([一二三四五六七八九])', '一\1', 'g'), '十', '一〇'),
    '〇零○一二三四五六七八九', '000123456789');

-- A date cell's text with digits as digits, spaces dropped and 号 as 日.
CREATE OR REPLACE MACRO anj_date_text(x) AS
    replace(anj_zh_digits(regexp_replace(anj_ascii(x), '\s+', '', 'g')), '号', '日');

-- A range of days cut after its first day.
CREATE OR REPLACE MACRO anj_date_first(t) AS regexp_replace(t,
    '^((?:[0-9]{2,4}[-./年])?[0-9]{1,2}[-./月][0-9]{1,2}日?|[0-9]{1,2}日)[-~～—–至到].+$', '\1');

CREATE OR REPLACE MACRO anj_ymd(y, m, d) AS
    TRY_CAST(CAST(y AS VARCHAR) || '-' || CAST(m AS VARCHAR) || '-' || CAST(d AS VARCHAR) AS DATE);

-- The reading of a cleaned date text t: {d: the date or NULL, note: what was assumed (NULL: nothing), miss: why a
-- date without its year could not be read}. py, pm: the ledger's year and month (NULL: unknown); src: where they
-- come from (标题「…」, 映射方案 …).
CREATE OR REPLACE MACRO anj_date_read(t, ranged, py, pm, src) AS CASE
    WHEN regexp_full_match(t, '[0-9]{4}[-./年][0-9]{1,2}[-./月][0-9]{1,2}日?')
        THEN {'d': anj_ymd(regexp_extract(t, '^[0-9]{4}'), regexp_extract(t, '^[0-9]{4}[-./年]([0-9]{1,2})', 1),
                           regexp_extract(t, '([0-9]{1,2})日?$', 1)),
              'note': CASE WHEN ranged THEN '日期范围，取第一天' END, 'miss': CAST(NULL AS VARCHAR)}
    WHEN regexp_full_match(t, '[0-9]{2}[-./年][0-9]{1,2}[-./月][0-9]{1,2}日?')
        THEN {'d': anj_ymd(2000 + CAST(regexp_extract(t, '^[0-9]{2}') AS INTEGER),
                           regexp_extract(t, '^[0-9]{2}[-./年]([0-9]{1,2})', 1), regexp_extract(t, '([0-9]{1,2})日?$', 1)),
              'note': '两位年份 ' || regexp_extract(t, '^[0-9]{2}') || ' 读作 20' || regexp_extract(t, '^[0-9]{2}') || ' 年'
                      || CASE WHEN ranged THEN '；日期范围，取第一天' ELSE '' END,
              'miss': CAST(NULL AS VARCHAR)}
    WHEN regexp_full_match(t, '[0-9]{1,2}[-./月][0-9]{1,2}日?')
        THEN {'d': anj_ymd(py, regexp_extract(t, '^([0-9]{1,2})', 1), regexp_extract(t, '([0-9]{1,2})日?$', 1)),
              'note': '没有写年份，按 ' || py || ' 年计 (取自' || src || ')'
                      || CASE WHEN ranged THEN '；日期范围，取第一天' ELSE '' END,
              'miss': CASE WHEN py IS NULL THEN '没有写年份' END}
    WHEN regexp_full_match(t, '[0-9]{1,2}日')
        THEN {'d': anj_ymd(py, pm, regexp_extract(t, '^([0-9]{1,2})', 1)),
              'note': '没有写年月，按 ' || py || ' 年 ' || pm || ' 月计 (取自' || src || ')'
                      || CASE WHEN ranged THEN '；日期范围，取第一天' ELSE '' END,
              'miss': CASE WHEN pm IS NULL THEN '只写了日，没有年月' END}
    WHEN regexp_full_match(t, '[0-9]{4}(年[0-9]{1,2}月?|[-./][0-9]{1,2})')
        THEN {'d': anj_ymd(regexp_extract(t, '^[0-9]{4}'), regexp_extract(t, '^[0-9]{4}[-./年]([0-9]{1,2})', 1), 1),
              'note': '只写到月份，按该月 1 日计', 'miss': CAST(NULL AS VARCHAR)}
    END;

-- A date cell anj_parse_date refuses, read loosely; period is the ledger's 'YYYY' or 'YYYY-MM', then '|' and where
-- it comes from (the importer passes it per row: the sheet's title rows, sheet name, file name, or the profile's year).
CREATE OR REPLACE MACRO anj_date_loose(x, period) AS anj_date_read(anj_date_first(anj_date_text(x)),
    anj_date_first(anj_date_text(x)) <> anj_date_text(x),
    TRY_CAST(split_part(split_part(period, '|', 1), '-', 1) AS INTEGER),
    TRY_CAST(nullif(split_part(split_part(period, '|', 1), '-', 2), '') AS INTEGER), split_part(period, '|', 2));

-- Region (village) names as people type them: full-width letters, digits and brackets as ASCII (NFKC for the forms
-- ledgers hold), no spaces, lower case, without a trailing 标 (标段 names: 南崇3标 / 南崇3), and the committee for the
-- place (桃园村委会 / 桃园村民委员会 → 桃园村, 东山社区居委会 / 东山居委会 → 东山社区).
CREATE OR REPLACE MACRO anj_name_key(x) AS nullif(regexp_replace(regexp_replace(regexp_replace(lower(translate(x,
        'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９（）－＿．',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789()-_.')), '[\s　]+|标$', '', 'g'),
        '(村民委员会|村委会)$', '村'), '(社区居民委员会|社区居委会|居民委员会|居委会)$', '社区'), '');

-- Amounts in yuan: thousands separators, 元, ¥, and 万元 (×10,000); plain numbers take the short way.
CREATE OR REPLACE MACRO anj_parse_amount(x) AS CASE
    WHEN x IS NULL THEN NULL
    ELSE coalesce(TRY_CAST(x AS DECIMAL(18, 2)), CASE
        WHEN x LIKE '%万%' THEN TRY_CAST(regexp_replace(anj_ascii(x), '[万元,，\s¥￥]', '', 'g') AS DECIMAL(18, 2)) * 10000
        ELSE TRY_CAST(regexp_replace(anj_ascii(x), '[元,，\s¥￥]', '', 'g') AS DECIMAL(18, 2))
        END)
    END;

-- Whole counts (deaths, hazards found, ladder stage), also written as ３人 or 2次.
CREATE OR REPLACE MACRO anj_parse_int(x) AS coalesce(TRY_CAST(x AS INTEGER),
    TRY_CAST(regexp_replace(anj_ascii(x), '[人个次,\s]', '', 'g') AS INTEGER));

-- The same on untrimmed cells, for ad-hoc use.
CREATE OR REPLACE MACRO anj_date(x) AS anj_parse_date(anj_text(x));
CREATE OR REPLACE MACRO anj_amount(x) AS anj_parse_amount(anj_text(x));
CREATE OR REPLACE MACRO anj_int(x) AS anj_parse_int(anj_text(x));

-- Today in China: the application's clock, set per connection as the variable anj_today (WarehouseToday), else
-- China's real date. The server may run on UTC; between 00:00 and 08:00 Beijing time its current_date is still
-- yesterday, and a hazard found this morning would look like one from the future.
CREATE OR REPLACE MACRO anj_today() AS coalesce(TRY_CAST(getvariable('anj_today') AS DATE),
    CAST(timezone('Asia/Shanghai', current_timestamp) AS DATE));

-- A hazard's open_until (sql/schema/V009): the day it stops counting as open, 9999-12-31 while it is open. A hazard
-- the ledger states 已整改 or 已销号 without a date was rectified on a day it does not say (issue #15): it never
-- counts as open or overdue, so it stops being open the day it was found (the day-to-rectify metrics leave it out).
CREATE OR REPLACE MACRO anj_open_until(rectified, closed, status, found) AS coalesce(rectified, closed,
    CASE WHEN status IN ('rectified', 'closed') THEN found END, DATE '9999-12-31');

-- A stated status the dates contradict, the one rule the loader's warnings and the catalogue's 状态与日期矛盾 read:
-- 已整改/已销号 without a date (rectified on a day the ledger does not say), or 待整改/整改中 with one (the date counts).
CREATE OR REPLACE MACRO anj_status_without_date(status, rectified, closed) AS
    status IN ('rectified', 'closed') AND rectified IS NULL AND closed IS NULL;
CREATE OR REPLACE MACRO anj_status_before_date(status, rectified, closed) AS
    status IN ('open', 'rectifying') AND (rectified IS NOT NULL OR closed IS NOT NULL);
