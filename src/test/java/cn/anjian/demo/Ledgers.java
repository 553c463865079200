package cn.anjian.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads ledgers back as text the way a clerk sees them: date cells as ISO dates, whole numbers without ".0". */
final class Ledgers {

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})-(\\d{2})|/(\\d{1,2})/(\\d{1,2})|\\.(\\d{1,2})\\.(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)");

    private Ledgers() {
    }

    /** All rows including the header row; CSV files are read in the given charset (a BOM is dropped). */
    static List<List<String>> read(Path file, Charset csvCharset) throws IOException {
        return file.toString().endsWith(".xlsx") ? readXlsx(file) : readCsv(file, csvCharset);
    }

    /** The data rows as header → value, empty cells as empty strings. */
    static List<Map<String, String>> records(Path file, Charset csvCharset) throws IOException {
        List<List<String>> rows = read(file, csvCharset);
        List<String> header = rows.get(0);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> record = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                record.put(header.get(c), c < row.size() ? row.get(c) : "");
            }
            records.add(record);
        }
        return records;
    }

    /** A date in any of the forms the importer accepts (2023-01-03, 2023/1/3, 2023.1.3, 2023年1月3日), or null. */
    static LocalDate date(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a date: " + text);
        }
        for (int g = 2; g <= 8; g += 2) {
            if (m.group(g) != null) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(g)),
                        Integer.parseInt(m.group(g + 1)));
            }
        }
        throw new IllegalStateException(text);
    }

    private static List<List<String>> readCsv(Path file, Charset charset) throws IOException {
        String text = Files.readString(file, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = new StringReader(text)) {
            for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
                rows.add(record.toList());
            }
        }
        return rows;
    }

    private static List<List<String>> readXlsx(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            int width = sheet.getRow(0).getLastCellNum();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    values.add(text(row.getCell(c)));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            double value = cell.getNumericCellValue();
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
        return cell.getStringCellValue();
    }
}
