package cn.anjian.etl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the binary files of the bad-input corpus (src/test/resources/bad-input/); the text files there are written
 * by hand. Run once: {@code java -cp target/test-classes:<classpath> cn.anjian.etl.BadInputCorpusGenerator <dir>}.
 * The expected outcome of every file is in manifest.csv.
 */
public final class BadInputCorpusGenerator {

    static final List<String> H = ImportKind.HAZARDS.headers();

    static String[] good(String no, String found, String village) {
        return new String[]{no, found, "诸佛庵镇", village, "某饭店", "", "燃气", "液化气钢瓶未固定", "一般", "安监所", "", "",
                "", "", "", "", "", "", "", "", "", "", ""};
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/bad-input");
        Files.createDirectories(dir);

        // a valid workbook with a title row, used by several variants
        byte[] valid = xlsx(book -> {
            Sheet s = book.createSheet("隐患台账");
            s.createRow(0).createCell(0).setCellValue("诸佛庵镇隐患排查台账");
            header(s.createRow(1));
            row(s.createRow(2), good("YH-X-001", "2023-01-03", "诸佛庵村"));
            row(s.createRow(3), good("YH-X-002", "2023-01-04", "漫水河社区"));
        });
        Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(valid, valid.length / 2));
        Files.write(dir.resolve("xlsx-named-csv.csv"), valid);
        Files.write(dir.resolve("only-headers.xlsx"), xlsx(book -> header(book.createSheet("隐患").createRow(0))));
        Files.write(dir.resolve("empty-first-sheet.xlsx"), xlsx(book -> {
            book.createSheet("说明");
            Sheet s = book.createSheet("隐患");
            header(s.createRow(0));
            row(s.createRow(1), good("YH-X-010", "2023-02-01", "诸佛庵村"));
        }));
        Files.write(dir.resolve("zero-byte-sheet.xlsx"), replaceEntry(valid, "xl/worksheets/sheet1.xml", new byte[0]));
        Files.write(dir.resolve("formulas.xlsx"), xlsx(book -> {
            Sheet s = book.createSheet("隐患");
            header(s.createRow(0));
            row(s.createRow(1), good("YH-X-020", "2023-03-01", "诸佛庵村"));
            Row r = s.createRow(2);
            row(r, good("", "", "诸佛庵村"));
            r.getCell(0).setCellFormula("\"YH-X-\"&\"021\"");
            r.getCell(1).setCellFormula("DATE(2023,3,2)");
            r.getCell(1).setCellStyle(dateStyle(book));
            r.getCell(16).setCellFormula("1000*2");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
        }));
        Files.write(dir.resolve("title-and-two-row-header.xlsx"), xlsx(book -> {
            Sheet s = book.createSheet("2023年隐患");
            s.createRow(0).createCell(0).setCellValue("诸佛庵镇 2023 年安全隐患排查整治台账");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 10));
            Row top = s.createRow(2);
            Row sub = s.createRow(3);
            for (int i = 0; i < H.size(); i++) {
                if (i < 17) {
                    top.createCell(i).setCellValue(H.get(i));
                    s.addMergedRegion(new CellRangeAddress(2, 3, i, i));
                } else {
                    sub.createCell(i).setCellValue(H.get(i));
                }
            }
            top.createCell(17).setCellValue("五落实");
            s.addMergedRegion(new CellRangeAddress(2, 2, 17, 21));
            row(s.createRow(5), good("YH-X-030", "2023.4.5", "诸佛庵村"));
            row(s.createRow(7), good("YH-X-031", "2023年4月6日", "漫水河社区"));
        }));
        Files.write(dir.resolve("excel-serial-and-date-cells.xlsx"), xlsx(book -> {
            Sheet s = book.createSheet("隐患");
            header(s.createRow(0));
            Row r = s.createRow(1);
            row(r, good("YH-X-040", "", "诸佛庵村"));
            r.getCell(1).setCellValue(LocalDate.of(2023, 5, 6));
            r.getCell(1).setCellStyle(dateStyle(book));
            Row r2 = s.createRow(2);
            row(r2, good("YH-X-041", "", "诸佛庵村"));
            r2.getCell(1).setCellValue(45000.5);
            r2.getCell(1).setCellStyle(dateStyle(book));
        }));
        try (HSSFWorkbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("old-format.xls"))) {
            Sheet s = book.createSheet("隐患");
            header(s.createRow(0));
            row(s.createRow(1), good("YH-X-050", "2023-06-01", "诸佛庵村"));
            row(s.createRow(2), good("YH-X-051", "2023-06-31", "诸佛庵村"));
            book.write(out);
        }
        // password-protected (agile encryption; password 1234)
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword("1234");
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(valid);
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("password.xlsx"))) {
                fs.writeFilesystem(out);
            }
        }
        // a zip bomb dressed as a workbook: one sheet part of 60 MB of the same byte
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(valid))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                        zip.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes());
                        byte[] spaces = new byte[1 << 20];
                        Arrays.fill(spaces, (byte) ' ');
                        for (int i = 0; i < 60; i++) {
                            zip.write(spaces);
                        }
                        zip.write("</sheetData></worksheet>".getBytes());
                    } else {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
        }
        Files.write(dir.resolve("zip-bomb.xlsx"), bomb.toByteArray());

        // GBK and mixed encodings
        String header = String.join(",", H);
        String gbkBody = header + "\n" + String.join(",", good("YH-X-060", "2023/7/1", "诸佛庵村")) + "\n";
        Files.write(dir.resolve("gbk.csv"), gbkBody.getBytes(Charset.forName("GBK")));
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.write((header + "\n" + String.join(",", good("YH-X-070", "2023-07-01", "诸佛庵村")) + "\n").getBytes(StandardCharsets.UTF_8));
        mixed.write((String.join(",", good("YH-X-071", "2023-07-02", "漫水河社区")) + "\n").getBytes(Charset.forName("GBK")));
        Files.write(dir.resolve("mixed-encodings.csv"), mixed.toByteArray());
        Files.write(dir.resolve("binary-garbage.pdf"), "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >>\nendobj\n\u0000\u0001\u0002\u00ff\u00fe"
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    interface Filler {
        void fill(Workbook book) throws IOException;
    }

    static byte[] xlsx(Filler filler) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            filler.fill(book);
            book.write(out);
            return out.toByteArray();
        }
    }

    static CellStyle dateStyle(Workbook book) {
        CellStyle style = book.createCellStyle();
        style.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
        return style;
    }

    static void header(Row row) {
        for (int i = 0; i < H.size(); i++) {
            row.createCell(i).setCellValue(H.get(i));
        }
    }

    static void row(Row row, String[] values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    static byte[] replaceEntry(byte[] zipBytes, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(name)) {
                    zip.write(content);
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
