package cn.anjian.etl;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
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
 * Reads any ledger file as rows of cells keyed by column index, with 1-based sheet row numbers (CSV: the physical
 * line a record starts on, so quoted line breaks and blank lines keep numbers right). .xlsx streams through POI's
 * SAX reader (a 50 MB workbook needs little heap); .xls through HSSF; CSV through commons-csv in its detected encoding
 * ({@link CsvCharsets}) with the separator detected. Date cells become ISO text, numbers their plain digits.
 */
final class LedgerRows {

    /** Receives a file's rows; may throw {@link Stop} to end reading early. */
    interface Sink {
        void startSheet(String name) throws IOException;

        void row(int rowNumber, Map<Integer, String> cells) throws IOException;

        void endSheet() throws IOException;

        /** The sheet's merged cell regions, after {@link #startSheet} and before its rows (Excel only). */
        default void mergedRegions(java.util.List<org.apache.poi.ss.util.CellRangeAddress> regions) {
        }

        /** Fraction of the file read so far (0..1), called now and then. */
        default void progress(double fraction) {
        }
    }

    /** Thrown by a sink that has seen enough. */
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private LedgerRows() {
    }

    static void read(Path file, String fileName, Sink sink) throws IOException {
        read(file, fileName, sink, null);
    }

    /** Reads any ledger; a CSV in the given encoding, or the one detected when null. */
    static void read(Path file, String fileName, Sink sink, Charset encoding) throws IOException {
        switch (LedgerStager.Format.of(file)) {
            case XLSX -> readXlsx(file, fileName, sink);
            case XLS -> readXls(file, fileName, sink);
            case CSV -> readCsv(file, fileName, sink, encoding != null ? encoding : CsvCharsets.detect(file, fileName));
        }
    }

    static void readXlsx(Path workbook, String fileName, Sink sink) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            int sheetCount = 0;
            for (var it = reader.getSheetsData(); it.hasNext(); sheetCount++) {
                it.next().close();
            }
            int sheetNo = 0;
            while (sheets.hasNext()) {
                try (InputStream raw = sheets.next()) {
                    long partSize = Math.max(1, sheets.getSheetPart().getSize());
                    int index = sheetNo++;
                    int count = Math.max(1, sheetCount);
                    Counting in = new Counting(raw, n -> sink.progress(
                            Math.min(0.99, (index + Math.min(1.0, (double) n / partSize)) / count)));
                    sink.startSheet(sheets.getSheetName());
                    try (InputStream again = sheets.getSheetPart().getInputStream()) {
                        sink.mergedRegions(mergedRegions(again));
                    }
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new XlsxRows(sink),
                            new LedgerCellFormatter(), false));
                    parser.parse(new InputSource(in));
                    sink.endSheet();
                }
            }
        } catch (UncheckedIOException e) {
            throw bombOr(fileName, e.getCause());
        } catch (EncryptedDocumentException e) {
            throw new LedgerFormatException("文件「" + fileName + "」设有密码，请取消密码后再导入", e);
        } catch (OpenXML4JException | SAXException | org.apache.poi.ooxml.POIXMLException
                 | org.apache.poi.openxml4j.exceptions.InvalidOperationException
                 | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw bombOr(fileName, e);
        } catch (IOException e) {
            throw bombOr(fileName, e);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            if (e instanceof Stop || e instanceof LedgerFormatException) {
                throw e;
            }
            throw bombOr(fileName, e);
        }
    }

    private static final java.util.regex.Pattern MERGE_CELL = java.util.regex.Pattern.compile(
            "<(?:[A-Za-z0-9_]+:)?mergeCell\\s[^>]*?ref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"");

    /**
     * The merged regions of an .xlsx sheet. They are listed after the sheet's rows ({@code <mergeCells>} follows
     * {@code <sheetData>}), so the streaming reader cannot see them in time: the part is scanned for them first,
     * as bytes (a pass without XML parsing), keeping only the {@code ref}s.
     */
    static java.util.List<org.apache.poi.ss.util.CellRangeAddress> mergedRegions(InputStream sheetXml) throws IOException {
        java.util.List<org.apache.poi.ss.util.CellRangeAddress> regions = new java.util.ArrayList<>();
        byte[] buffer = new byte[1 << 16];
        String carry = "";
        int n;
        while ((n = sheetXml.read(buffer)) > 0) {
            String chunk = carry + new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            int cut = chunk.lastIndexOf('<');
            String complete = cut < 0 ? chunk : chunk.substring(0, cut);
            carry = cut < 0 ? "" : chunk.substring(cut);
            if (carry.length() > 4096) { // a long text without tags: no mergeCell is cut at it
                complete = chunk;
                carry = "";
            }
            if (complete.contains("mergeCell")) {
                java.util.regex.Matcher m = MERGE_CELL.matcher(complete);
                while (m.find()) {
                    String ref = m.group(1);
                    regions.add(org.apache.poi.ss.util.CellRangeAddress.valueOf(ref.contains(":") ? ref : ref + ":" + ref));
                }
            }
        }
        if (carry.contains("mergeCell")) {
            java.util.regex.Matcher m = MERGE_CELL.matcher(carry);
            while (m.find()) {
                String ref = m.group(1);
                regions.add(org.apache.poi.ss.util.CellRangeAddress.valueOf(ref.contains(":") ? ref : ref + ":" + ref));
            }
        }
        return regions;
    }

    /** A zip bomb, else a damaged or truncated workbook; the message names the file. */
    private static LedgerFormatException bombOr(String fileName, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Zip bomb") || String.valueOf(t.getMessage()).contains("zip bomb")) {
                return new LedgerFormatException("文件「" + fileName + "」的压缩比异常 (疑似压缩炸弹)，已拒绝导入", e);
            }
            if (t instanceof EncryptedDocumentException) {
                return new LedgerFormatException("文件「" + fileName + "」设有密码，请取消密码后再导入", e);
            }
        }
        return new LedgerFormatException("文件「" + fileName + "」不是有效的 Excel (.xlsx) 文件或已损坏 (可能未完整上传): "
                + rootMessage(e), e);
    }

    static void readXls(Path workbook, String fileName, Sink sink) throws IOException {
        DataFormatter formatter = new LedgerCellFormatter();
        try (InputStream in = Files.newInputStream(workbook); POIFSFileSystem fs = new POIFSFileSystem(in)) {
            if (fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage")) {
                throw new LedgerFormatException("文件「" + fileName + "」设有密码，请取消密码后再导入");
            }
            try (HSSFWorkbook book = new HSSFWorkbook(fs.getRoot(), true)) {
                int sheetNo = 0;
                for (Sheet sheet : book) {
                    sink.startSheet(sheet.getSheetName());
                    sink.mergedRegions(sheet.getMergedRegions());
                    for (Row row : sheet) {
                        Map<Integer, String> cells = new TreeMap<>();
                        for (Cell cell : row) {
                            String value = cell.getCellType() == CellType.FORMULA
                                    ? formatter.formatCellValue(cell, book.getCreationHelper().createFormulaEvaluator())
                                    : formatter.formatCellValue(cell);
                            cells.put(cell.getColumnIndex(), value);
                        }
                        sink.row(row.getRowNum() + 1, cells);
                    }
                    sink.endSheet();
                    sink.progress((double) ++sheetNo / book.getNumberOfSheets());
                }
            }
        } catch (EncryptedDocumentException e) {
            throw new LedgerFormatException("文件「" + fileName + "」设有密码，请取消密码后再导入", e);
        } catch (org.apache.poi.util.RecordFormatException | IllegalArgumentException | IndexOutOfBoundsException
                 | IllegalStateException e) {
            throw new LedgerFormatException("文件「" + fileName + "」不是有效的 Excel (.xls) 文件或已损坏: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LedgerFormatException("文件「" + fileName + "」不是有效的 Excel (.xls) 文件或已损坏: " + e.getMessage(), e);
        }
    }

    /** CSV in the given encoding, separator , ; or tab; records keep the line they start on. */
    static void readCsv(Path file, String fileName, Sink sink, Charset charset) throws IOException {
        char delimiter = CsvScan.delimiter(file, charset);
        long total = Math.max(1, Files.size(file));
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setTrim(false).get();
        Counting counting = new Counting(Files.newInputStream(file), n -> sink.progress((double) n / total));
        try (Reader reader = new BufferedReader(new InputStreamReader(counting, charset), 1 << 16);
             CSVParser parser = CSVParser.builder().setReader(skipBom(reader)).setFormat(format).get()) {
            sink.startSheet(null);
            long nextLine = 1;
            var it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    String cause = String.valueOf(rootMessage(e));
                    throw new LedgerFormatException(cause.contains("EOF")
                            ? "文件「" + fileName + "」第 " + nextLine + " 行起的引号没有闭合 (一个单元格以 \" 开始，直到文件末尾也没有结束的 \")，无法读取"
                            : "文件「" + fileName + "」第 " + nextLine + " 行的引号用法有误 (用引号括起的单元格里，引号要写成两个 \"\"): " + cause, e);
                }
                Map<Integer, String> cells = new TreeMap<>();
                for (int i = 0; i < record.size(); i++) {
                    cells.put(i, record.get(i));
                }
                sink.row((int) nextLine, cells);
                nextLine = parser.getCurrentLineNumber() + 1;
            }
            sink.endSheet();
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static Reader skipBom(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != 0xFEFF) {
            reader.reset();
        }
        return reader;
    }

    /** Counts bytes read and reports every 1 MB. */
    static final class Counting extends FilterInputStream {
        private final java.util.function.LongConsumer report;
        private long count;
        private long reported;

        Counting(InputStream in, java.util.function.LongConsumer report) {
            super(in);
            this.report = report;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (count - reported >= (1 << 20)) {
                reported = count;
                report.accept(count);
            }
        }
    }

    /** Adapts POI's streaming callbacks to whole rows keyed by column index. */
    private static final class XlsxRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Sink sink;
        private Map<Integer, String> cells = new TreeMap<>();
        private int nextColumn;

        XlsxRows(Sink sink) {
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
                sink.row(rowNum + 1, cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
    static final class LedgerCellFormatter extends DataFormatter {
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904, true);
                return value == Math.floor(value) ? t.toLocalDate().toString() : t.format(DATE_TIME);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
