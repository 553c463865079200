package cn.anjian.export;

import cn.anjian.semantic.Display;

/**
 * How a column's values go into a file: dates and numbers as real dates and numbers, not text. A metric's column
 * carries the catalogue's {@link Display}, so CSV writes its value in the header's unit rounded to its decimals
 * ({@code 96.1} under {@code 整改率(%)}) and XLSX the rounded number under the display's number format
 * ({@code 0.961} shown as {@code 96.1%}).
 *
 * @param numberFormat the XLSX cell format of a date or number column
 * @param display      how a metric's numbers are shown; {@code null} for plain columns
 */
record ColumnKind(String name, String numberFormat, Display display) {

    static final ColumnKind TEXT = new ColumnKind("text", null, null);
    static final ColumnKind DATE = new ColumnKind("date", "yyyy-mm-dd", null);
    /** Whole numbers of detail rows (row numbers, counts), without thousands separators. */
    static final ColumnKind INTEGER = new ColumnKind("integer", "0", null);
    /** Amounts of detail rows, as stored (two decimals). */
    static final ColumnKind DECIMAL = new ColumnKind("decimal", "0.00", null);

    static ColumnKind of(Display display) {
        return display == null ? TEXT : new ColumnKind("number", display.excelFormat(), display);
    }

    /** A number as this column writes it in CSV: rounded to the display in the header's unit, else as it is. */
    String csv(Number value) {
        return display == null ? null : display.text(value);
    }
}
