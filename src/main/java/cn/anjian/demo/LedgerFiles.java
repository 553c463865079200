package cn.anjian.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.anjian.etl.ImportKind;

/**
 * Writes ledgers the way our users' spreadsheets hold them: .xlsx (streamed, bold frozen header, columns wide enough
 * for Chinese text, real date cells) and CSV in a given charset (UTF-8 with or without BOM, or GBK as Excel on a
 * Chinese Windows saves it). Used by the demo generator and for the blank templates in {@code etl/templates/}.
 *
 * <p>Cell values: {@code null} is an empty cell, a {@link LocalDate} a date cell (ISO text in CSV), a {@link Number}
 * a numeric cell, anything else its text.
 */
public final class LedgerFiles {

    /** The charset of CSV files saved by Excel on a Chinese Windows. */
    public static final Charset GBK = Charset.forName("GBK");

    private static final int MAX_WIDTH = 60;
    private static final int WIDTH_SAMPLE_ROWS = 200;

    private LedgerFiles() {
    }

    /** Sheet names of our templates and demo ledgers: 隐患台账, 检查台账, …. */
    public static String sheetName(ImportKind kind) {
        return kind.labelZh() + "台账";
    }

    /**
     * Writes a CSV file with CRLF line ends. Characters the charset cannot hold fail the write instead of turning
     * into question marks.
     */
    public static void writeCsv(Path file, Charset charset, boolean bom, List<String> headers,
                                Iterable<? extends List<?>> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             Writer writer = new OutputStreamWriter(out, charset.newEncoder()
                     .onMalformedInput(CodingErrorAction.REPORT)
                     .onUnmappableCharacter(CodingErrorAction.REPORT));
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            if (bom) {
                writer.write('\uFEFF');
            }
            csv.printRecord(headers);
            for (List<?> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object value : row) {
                    cells.add(text(value));
                }
                csv.printRecord(cells);
            }
        }
    }

    /** Writes one sheet; column widths fit the header and the first rows. */
    public static void writeXlsx(Path file, String sheetName, List<String> headers, List<? extends List<?>> rows)
            throws IOException {
        writeXlsx(file, sheetName, headers, rows, new int[headers.size()]);
    }

    /**
     * Writes one sheet with at least the given column widths (in characters, a Chinese character counting two), for
     * templates whose columns must be wide enough before anyone has typed in them.
     */
    public static void writeXlsx(Path file, String sheetName, List<String> headers, List<? extends List<?>> rows,
                                 int[] minWidths) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try (OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = workbook.createSheet(sheetName);
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));

            int[] widths = widths(headers, rows, minWidths);
            for (int c = 0; c < headers.size(); c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            sheet.createFreezePane(0, 1);
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(headers.get(c));
                cell.setCellStyle(headerStyle);
            }
            int r = 1;
            for (List<?> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (value instanceof LocalDate date) {
                        cell.setCellValue(date);
                        cell.setCellStyle(dateStyle);
                    } else if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes the streaming temp files (dispose() is deprecated since POI 5.4)
        }
    }

    /**
     * Writes the blank templates for every record type into a folder: {@code <kind>.xlsx} and {@code <kind>.csv}
     * (UTF-8 with BOM, so Excel opens the Chinese headers correctly).
     */
    public static List<Path> writeTemplates(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (ImportKind kind : ImportKind.ledgers()) {
            Path xlsx = folder.resolve(kind.code() + ".xlsx");
            writeXlsx(xlsx, sheetName(kind), kind.headers(), List.of(), templateWidths(kind));
            Path csv = folder.resolve(kind.code() + ".csv");
            writeCsv(csv, StandardCharsets.UTF_8, true, kind.headers(), List.of());
            written.add(xlsx);
            written.add(csv);
        }
        return written;
    }

    /** Widths a clerk needs for typical entries, by what the column holds. */
    private static int[] templateWidths(ImportKind kind) {
        return kind.columns().stream().mapToInt(column -> {
            String field = column.field();
            if (field.equals("description") || field.equals("note")) {
                return 40;
            }
            if (field.endsWith("_name") || field.equals("address") || field.equals("inspector")) {
                return 28;
            }
            if (field.equals("credit_code")) {
                return 22;
            }
            if (field.endsWith("_date") || field.endsWith("_no") || field.endsWith("_code")
                    || field.startsWith("valid_") || field.equals("merged_into")) {
                return 14;
            }
            return 10;
        }).toArray();
    }

    private static int[] widths(List<String> headers, List<? extends List<?>> rows, int[] minWidths) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = Math.max(Math.max(8, minWidths[c]), displayWidth(headers.get(c)) + 2);
        }
        for (int r = 0; r < Math.min(rows.size(), WIDTH_SAMPLE_ROWS); r++) {
            List<?> row = rows.get(r);
            for (int c = 0; c < Math.min(row.size(), widths.length); c++) {
                Object value = row.get(c);
                int width = value instanceof LocalDate ? 12 : displayWidth(text(value)) + 2;
                widths[c] = Math.min(MAX_WIDTH, Math.max(widths[c], width));
            }
        }
        return widths;
    }

    /** Spreadsheet width of a text: CJK and other wide characters take two columns. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += cp < 0x1100 ? 1 : 2;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
