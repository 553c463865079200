package cn.anjian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.anjian.semantic.Display;

/**
 * XLSX through POI's streaming writer: only a window of rows is in memory, the rest in a compressed temp file.
 * Dates and numbers are real cells, a metric's rounded to its {@link Display} under its number format; the header row is bold and frozen; column widths follow the widest value
 * (a Chinese character counts double); past Excel's row limit a table continues on a new sheet. Text that a
 * spreadsheet would take for a formula gets Excel's quote prefix: shown and kept as text, and a re-import reads
 * it back unchanged.
 */
final class XlsxSink implements TableSink {

    /** Excel's 1,048,576 rows per sheet, less the header. */
    static final int MAX_DATA_ROWS = 1_048_575;
    private static final int MAX_WIDTH_CHARS = 60;

    private final OutputStream out;
    private final SXSSFWorkbook book = new SXSSFWorkbook(200);
    private final CellStyle header;
    private final CellStyle quoted;
    /** One cell style per number format (a workbook holds at most 64,000 styles). */
    private final Map<String, CellStyle> numberStyles = new HashMap<>();

    private String name;
    private List<String> headers;
    private List<ColumnKind> kinds;
    private SXSSFSheet sheet;
    private int part;
    private int rowInSheet;
    private int[] widths;

    private final int maxDataRows;

    XlsxSink(OutputStream out) {
        this(out, MAX_DATA_ROWS);
    }

    /** With a lower rows-per-sheet limit, so a test can see a table continue on the next sheet. */
    XlsxSink(OutputStream out, int maxDataRows) {
        this.out = out;
        this.maxDataRows = maxDataRows;
        book.setCompressTempFiles(true);
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.setFont(bold);
        quoted = book.createCellStyle();
        quoted.setQuotePrefixed(true);
    }

    @Override
    public void table(String name, List<String> headers, List<ColumnKind> kinds) {
        finishSheet();
        this.name = name;
        this.headers = headers;
        this.kinds = kinds;
        this.part = 0;
        newSheet();
    }

    private void newSheet() {
        part++;
        String sheetName = sheetName(part == 1 ? name : name + "(" + part + ")");
        sheet = book.createSheet(sheetName);
        widths = new int[headers.size()];
        Row row = sheet.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(headers.get(i));
            cell.setCellStyle(header);
            widths[i] = width(headers.get(i));
        }
        sheet.createFreezePane(0, 1);
        rowInSheet = 0;
    }

    private String sheetName(String wanted) {
        String s = wanted.replaceAll("[\\\\/?*\\[\\]:]", "_");
        if (s.length() > 31) {
            s = s.substring(0, 31);
        }
        String candidate = s;
        for (int n = 2; book.getSheet(candidate) != null; n++) {
            String suffix = "_" + n;
            candidate = s.substring(0, Math.min(s.length(), 31 - suffix.length())) + suffix;
        }
        return candidate;
    }

    @Override
    public void row(Object[] values) {
        if (rowInSheet == maxDataRows) {
            finishSheet();
            newSheet();
        }
        Row row = sheet.createRow(++rowInSheet);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            ColumnKind kind = kinds.get(i);
            if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(style(ColumnKind.DATE.numberFormat()));
                widths[i] = Math.max(widths[i], 11);
            } else if (v instanceof Number n) {
                Display display = kind.display();
                // the number as shown (0.961 under 0.0%), never the float behind it (0.9607218683651805)
                Number shown = display == null ? n : (Number) display.round(n);
                cell.setCellValue(shown.doubleValue());
                String format = kind.numberFormat() != null ? kind.numberFormat()
                        : ColumnKind.DECIMAL.numberFormat();
                cell.setCellStyle(style(format));
                widths[i] = Math.max(widths[i], shown.toString().length() + 3);
            } else {
                String s = v.toString();
                cell.setCellValue(s);
                if (Cells.dangerous(s)) {
                    cell.setCellStyle(quoted);
                }
                if (widths[i] < MAX_WIDTH_CHARS) {
                    widths[i] = Math.max(widths[i], width(s));
                }
            }
        }
    }

    private CellStyle style(String format) {
        return numberStyles.computeIfAbsent(format, f -> {
            CellStyle style = book.createCellStyle();
            style.setDataFormat(book.createDataFormat().getFormat(f));
            return style;
        });
    }

    /** Display width in Excel character units: CJK and other wide characters take two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length() && w < MAX_WIDTH_CHARS; i++) {
            w += s.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return w + 1;
    }

    private void finishSheet() {
        if (sheet == null) {
            return;
        }
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, Math.min(Math.max(widths[i], 6), MAX_WIDTH_CHARS) * 256 + 200);
        }
        sheet = null;
    }

    @Override
    public void close() throws IOException {
        finishSheet();
        try {
            book.write(out);
            out.flush();
        } finally {
            book.close();
        }
    }
}
