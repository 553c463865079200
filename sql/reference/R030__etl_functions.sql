-- Parsing functions the import jobs use to read ledger cells as they really are (DESIGN §4), in one place.
-- Text: trimmed of ASCII and full-width spaces; empty becomes NULL.
CREATE OR REPLACE MACRO anj_text(x) AS
    nullif(trim(CAST(x AS VARCHAR), ' ' || chr(9) || chr(10) || chr(13) || chr(12288) || chr(160)), '');

-- Digits and date/number punctuation typed in full width (０１２３, ．／－：，) as ASCII; a full-width space as a space.
CREATE OR REPLACE MACRO anj_ascii(x) AS
    translate(anj_text(x), '０１２３４５６７８９．／－：，　', '0123456789./-:, ');

-- Dates: ISO, 2023/1/3, 2023.1.3, 2023年1月3日, 20230103, with or without a time, and Excel serial numbers; digits
-- typed in full width are read on a second try only, so ordinary cells pay nothing for them.
CREATE OR REPLACE MACRO anj_date_formats() AS ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日', '%Y%m%d',
        '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M:%S',
        '%Y.%m.%d %H:%M:%S', '%Y.%m.%d %H:%M', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日%H时%M分', '%Y年%m月%d日 %H:%M:%S'];

CREATE OR REPLACE MACRO anj_date(x) AS CASE
    WHEN anj_text(x) IS NULL THEN NULL
    WHEN regexp_full_match(anj_text(x), '[0-9]{5}(\.[0-9]+)?')
        THEN CAST(DATE '1899-12-30' + CAST(floor(CAST(anj_text(x) AS DOUBLE)) AS INTEGER) AS DATE)
    ELSE CAST(coalesce(try_strptime(anj_text(x), anj_date_formats()),
                       try_strptime(anj_ascii(x), anj_date_formats())) AS DATE)
    END;

-- Amounts in yuan: thousands separators, 元, and 万元 (×10,000); plain numbers take the short way.
CREATE OR REPLACE MACRO anj_amount(x) AS coalesce(TRY_CAST(anj_text(x) AS DECIMAL(18, 2)), CASE
    WHEN anj_text(x) IS NULL THEN NULL
    WHEN anj_text(x) LIKE '%万%'
        THEN TRY_CAST(regexp_replace(anj_ascii(x), '[万元,，\s¥￥]', '', 'g') AS DECIMAL(18, 2)) * 10000
    ELSE TRY_CAST(regexp_replace(anj_ascii(x), '[元,，\s¥￥]', '', 'g') AS DECIMAL(18, 2))
    END);

-- Whole counts (deaths, hazards found, ladder stage).
CREATE OR REPLACE MACRO anj_int(x) AS coalesce(TRY_CAST(anj_text(x) AS INTEGER),
    TRY_CAST(regexp_replace(anj_ascii(x), '[人个次,\s]', '', 'g') AS INTEGER));
