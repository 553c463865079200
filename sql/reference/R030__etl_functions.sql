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
CREATE OR REPLACE MACRO anj_parse_date(x) AS CASE
    WHEN x IS NULL THEN NULL
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

-- A hazard's open_until (sql/schema/V009): the day it stops counting as open, 9999-12-31 while it is open.
CREATE OR REPLACE MACRO anj_open_until(rectified, closed) AS coalesce(rectified, closed, DATE '9999-12-31');
