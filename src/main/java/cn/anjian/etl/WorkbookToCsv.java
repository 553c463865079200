package cn.anjian.etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads an Excel ledger (.xlsx streamed through POI's SAX reader, so a 50 MB workbook needs little heap; .xls
 * through HSSF) into a UTF-8 CSV with the template's headers plus the sheet and row each record came from. In every
 * sheet the header row is found among the first rows (title rows above it are normal); sheets without one are
 * skipped. Date cells become ISO dates, numbers their plain digits.
 */
final class WorkbookToCsv {

    private static final int HEADER_SEARCH_ROWS = 30;
    static final String SHEET_COLUMN = "__sheet";
    static final String ROW_COLUMN = "__row";

    private final ImportKind kind;
    private final String fileName;

    WorkbookToCsv(ImportKind kind, String fileName) {
        this.kind = kind;
        this.fileName = fileName;
    }

    /** Returns the number of records written. */
    long convert(Path workbook, boolean xlsx, Path target) throws IOException {
        try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>(kind.headers());
            header.add(SHEET_COLUMN);
            header.add(ROW_COLUMN);
            csv.printRecord(header);
            SheetSink sink = new SheetSink(csv);
            if (xlsx) {
                readXlsx(workbook, sink);
            } else {
                readXls(workbook, sink);
            }
            if (sink.sheetsWithHeader == 0) {
                throw HeaderMatcher.noHeader(kind, fileName, sink.firstRowSeen);
            }
            return sink.records;
        }
    }

    private void readXlsx(Path workbook, SheetSink sink) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    sink.startSheet(sheets.getSheetName());
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new XlsxRows(sink),
                            new LedgerCellFormatter(), false));
                    parser.parse(new InputSource(in));
                    sink.endSheet();
                }
            }
        } catch (OpenXML4JException | SAXException | org.apache.poi.ooxml.POIXMLException e) {
            throw new LedgerFormatException("文件「" + fileName + "」不是有效的 Excel (.xlsx) 文件或已损坏: "
                    + e.getMessage(), e);
        } catch (EncryptedDocumentException e) {
            throw new LedgerFormatException("文件「" + fileName + "」设有密码，请取消密码后再导入", e);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readXls(Path workbook, SheetSink sink) throws IOException {
        DataFormatter formatter = new LedgerCellFormatter();
        try (InputStream in = Files.newInputStream(workbook); HSSFWorkbook book = new HSSFWorkbook(in)) {
            for (Sheet sheet : book) {
                sink.startSheet(sheet.getSheetName());
                for (Row row : sheet) {
                    Map<Integer, String> cells = new TreeMap<>();
                    for (Cell cell : row) {
                        String value = cell.getCellType() == CellType.FORMULA
                                ? formatter.formatCellValue(cell, book.getCreationHelper().createFormulaEvaluator())
                                : formatter.formatCellValue(cell);
                        cells.put(cell.getColumnIndex(), value);
                    }
                    sink.row(row.getRowNum(), cells);
                }
                sink.endSheet();
            }
        } catch (EncryptedDocumentException e) {
            throw new LedgerFormatException("文件「" + fileName + "」设有密码，请取消密码后再导入", e);
        } catch (org.apache.poi.hssf.OldExcelFormatException | org.apache.poi.poifs.filesystem.NotOLE2FileException e) {
            throw new LedgerFormatException("文件「" + fileName + "」不是有效的 Excel (.xls) 文件: " + e.getMessage(), e);
        }
    }

    /** Collects one sheet's rows: finds its header row, then writes each non-blank record under it. */
    private final class SheetSink {
        private final CSVPrinter csv;
        private String sheet;
        private Map<Integer, String> columnToField;
        private int rowsSeen;
        private long records;
        private int sheetsWithHeader;
        private final LinkedHashSet<String> firstRowSeen = new LinkedHashSet<>();

        SheetSink(CSVPrinter csv) {
            this.csv = csv;
        }

        void startSheet(String name) {
            sheet = name;
            columnToField = null;
            rowsSeen = 0;
        }

        void endSheet() {
            if (columnToField != null) {
                sheetsWithHeader++;
            }
        }

        void row(int rowIndex, Map<Integer, String> cells) throws IOException {
            if (columnToField == null) {
                if (rowsSeen++ >= HEADER_SEARCH_ROWS) {
                    return;
                }
                if (firstRowSeen.isEmpty()) {
                    cells.values().stream().filter(v -> v != null && !v.isBlank()).forEach(firstRowSeen::add);
                }
                Optional<Map<String, String>> match = HeaderMatcher.match(kind, cells.values());
                if (match.isPresent()) {
                    columnToField = new LinkedHashMap<>();
                    for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                        for (Map.Entry<String, String> m : match.get().entrySet()) {
                            if (m.getValue().equals(cell.getValue())) {
                                columnToField.putIfAbsent(cell.getKey(), m.getKey());
                            }
                        }
                    }
                    firstRowSeen.clear();
                    firstRowSeen.addAll(cells.values());
                }
                return;
            }
            if (cells.values().stream().allMatch(v -> v == null || v.isBlank())) {
                return;
            }
            Map<String, String> byField = new LinkedHashMap<>();
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                String field = columnToField.get(cell.getKey());
                if (field != null) {
                    byField.put(field, cell.getValue());
                }
            }
            List<String> record = new ArrayList<>();
            for (ImportKind.Column column : kind.columns()) {
                record.add(byField.get(column.field()));
            }
            record.add(sheet);
            record.add(String.valueOf(rowIndex + 1));
            csv.printRecord(record);
            records++;
        }
    }

    /** Adapts POI's streaming callbacks to whole rows keyed by column index. */
    private static final class XlsxRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final SheetSink sink;
        private Map<Integer, String> cells = new TreeMap<>();
        private int nextColumn;

        XlsxRows(SheetSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new TreeMap<>();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            try {
                sink.row(rowNum, cells);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            cells.put(column, value);
            nextColumn = column + 1;
        }
    }

    /** Dates as ISO text whatever the cell's display format; other numbers as their plain digits. */
    private static final class LedgerCellFormatter extends DataFormatter {
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904);
                return value == Math.floor(value) ? t.toLocalDate().toString() : t.format(DATE_TIME);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
