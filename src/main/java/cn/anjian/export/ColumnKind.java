package cn.anjian.export;

/** How a column's values go into a spreadsheet cell: dates and numbers as real dates and numbers, not text. */
enum ColumnKind {
    TEXT, DATE, INTEGER, DECIMAL
}
