-- Functions of the exports (src/main/java/cn/anjian/export).

-- Text from user data that a spreadsheet would take for a formula (or a DDE payload after a tab or CR) gets a
-- leading apostrophe: shown as text, never evaluated. The SQL twin of Cells.neutralize, used where DuckDB writes the
-- file itself (CSV); a test holds the two to the same answers.
CREATE OR REPLACE MACRO anj_formula_safe(x) AS
    CASE WHEN left(x, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || x ELSE x END;
