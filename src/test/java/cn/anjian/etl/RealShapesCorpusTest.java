package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;

/**
 * Ledgers in the shapes clerks really keep them (issue #15): merged cells, dates as notices write them, a stated
 * status without its date, ⑴/① numbering, header and village-name variants, columns no field takes. The files are
 * written here by POI; {@code real-shapes/expectations.csv} says, row by row, what each must become: loaded with
 * these values (and, when the reading assumed something, this warning), or rejected with this reason. Every data row
 * of every file is one or the other, and the same rows exported in the plain template shape import unchanged.
 */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class RealShapesCorpusTest {

    static final List<String> HEADERS = List.of("序号", "检查时间", "标段", "工点", "问题描述", "隐患等级", "整改期限",
            "整改完成日期", "整改情况");
    static final String PROFILE = "notice-hazards";

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> dir.resolve("shapes.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.work-dir", () -> dir.resolve("work").toString());
        registry.add("anjian.etl.mappings-dir", () -> dir.resolve("mappings").toString());
        registry.add("anjian.demo.enabled", () -> "false");
    }

    /** The import of each corpus file, by file name. */
    static final Map<String, ImportService.ImportStatus> IMPORTS = new LinkedHashMap<>();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerImportService imports;

    @Autowired
    MetricQueryService queries;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void importTheCorpus(@Autowired LedgerImportService imports) throws Exception {
        Files.createDirectories(dir.resolve("mappings"));
        try (InputStream profile = RealShapesCorpusTest.class.getResourceAsStream("/real-shapes/" + PROFILE + ".yaml")) {
            Files.copy(profile, dir.resolve("mappings").resolve(PROFILE + ".yaml"));
        }
        Path regions = Files.writeString(dir.resolve("regions.csv"), """
                区划代码,名称,级别,上级区划代码
                341525000000,霍山县,县,
                341525106000,诸佛庵镇,乡镇,341525000000
                341525106001,南崇3标,村,341525106000
                341525106002,沿海建指,村,341525106000
                341525106003,桃园村,村,341525106000
                """);
        assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").rejected()).isZero();
        for (Map.Entry<String, Ledger> e : corpus().entrySet()) {
            Path file = e.getValue().write(dir.resolve(e.getKey()));
            IMPORTS.put(e.getKey(), imports.importNow(ImportKind.HAZARDS, PROFILE, null, file, e.getKey()));
        }
    }

    @Test
    void everyRowOfEveryFileIsLoadedWithItsValuesOrRejectedWithItsReason() throws Exception {
        List<CSVRecord> expected = expectations();
        Map<String, Set<Long>> expectedRows = new LinkedHashMap<>();
        for (CSVRecord x : expected) {
            String file = x.get("file");
            long row = Long.parseLong(x.get("row"));
            expectedRows.computeIfAbsent(file, f -> new TreeSet<>()).add(row);
            ImportService.ImportStatus status = IMPORTS.get(file);
            assertThat(status.status()).as(file + ": " + status.message()).isEqualTo("COMPLETED");
            String at = file + " 第 " + row + " 行" + (x.get("item").isEmpty() ? "" : " 第 " + x.get("item") + " 条");
            if (x.get("outcome").equals("rejected")) {
                List<String> reasons = jdbc.queryForList("SELECT reason FROM etl_reject WHERE batch_id = ? AND row_no = ?",
                        String.class, status.id(), row);
                assertThat(reasons).as(at).anySatisfy(r -> assertThat(r).contains(x.get("message")));
                continue;
            }
            List<Map<String, Object>> facts = jdbc.queryForList("""
                    SELECT h.*, r.region_name FROM fact_hazard h JOIN dim_region r USING (region_code)
                    WHERE h.source_file = ? AND h.source_row = ? AND (? = '' OR h.hazard_no LIKE '%-' || ?)""",
                    file, row, x.get("item"), x.get("item"));
            assertThat(facts).as(at).hasSize(1);
            Map<String, Object> h = facts.get(0);
            assertThat(String.valueOf(h.get("found_date"))).as(at + " 检查时间").isEqualTo(x.get("found_date"));
            assertThat(h.get("region_name")).as(at + " 标段").isEqualTo(x.get("village"));
            assertThat(h.get("target_name")).as(at + " 工点").isEqualTo(x.get("target"));
            assertThat(text(h.get("deadline_date"))).as(at + " 整改期限").isEqualTo(x.get("deadline_date"));
            assertThat(text(h.get("rectified_date"))).as(at + " 整改完成日期").isEqualTo(x.get("rectified_date"));
            assertThat(h.get("status")).as(at + " 整改情况").isEqualTo(x.get("status"));
            assertThat(h.get("description")).as(at + " 问题描述").isEqualTo(x.get("description"));
            if (!x.get("extra").isEmpty()) {
                assertThat(h.get("extra")).as(at + " 其他列").isEqualTo(x.get("extra"));
            }
            List<String> warnings = jdbc.queryForList("SELECT message FROM etl_warning WHERE batch_id = ? AND row_no = ?",
                    String.class, status.id(), row);
            if (x.get("message").isEmpty()) {
                assertThat(warnings).as(at + ": no warning").isEmpty();
            } else {
                assertThat(warnings).as(at).anySatisfy(w -> assertThat(w).contains(x.get("message")));
            }
        }
        // no row unaccounted for: the rows loaded or rejected are exactly the data rows the table lists
        expectedRows.forEach((file, rows) -> {
            long id = IMPORTS.get(file).id();
            Set<Long> seen = new TreeSet<>(jdbc.queryForList("""
                    SELECT source_row FROM fact_hazard WHERE source_file = ?
                    UNION SELECT row_no FROM etl_reject WHERE batch_id = ?""", Long.class, file, id));
            assertThat(seen).as(file).isEqualTo(rows);
            assertThat(IMPORTS.get(file).read()).as(file + " read = loaded + rejected")
                    .isEqualTo(IMPORTS.get(file).written() + IMPORTS.get(file).rejected());
        });
        assertThat(expectedRows.keySet()).containsAll(IMPORTS.keySet().stream().filter(f -> !f.endsWith(".xls")).toList());
    }

    @Test
    void mergedCellsAreFilledToEveryRowTheySpanAndTheResultSaysHowMany() {
        ImportService.ImportStatus xlsx = IMPORTS.get("merged.xlsx");
        // 检查时间 B3:B5, 标段 C3:C5 and C6:C8, 工点 D3:D4 and D6:D8, 整改期限 G3:G5: 11 cells; the note under the
        // table (A9:I10, the whole width) is not a value and not a record
        assertThat(xlsx.cellsFilled()).isEqualTo(11);
        assertThat(xlsx.read()).isEqualTo(6);
        assertThat(xlsx.rejected()).isZero();
        assertThat(xlsx.countsZh()).contains("合并单元格填充 11 格");
        assertThat(imports.warnings(xlsx.id(), 10)).anySatisfy(w -> assertThat(w.describeZh())
                .contains("有 11 个单元格取自合并单元格").contains("检查时间").contains("标段"));
        // the same ledger saved as .xls: the same records, so nothing changes
        ImportService.ImportStatus xls = IMPORTS.get("merged.xls");
        assertThat(xls.cellsFilled()).isEqualTo(11);
        assertThat(xls.rejected()).isZero();
        assertThat(xls.changes()).isEqualTo(new ImportService.Changes(0, 0, 6));
    }

    @Test
    void theResultPageAndTheApiSayWhatTheImportAssumed() throws Exception {
        long merged = IMPORTS.get("merged.xlsx").id();
        mvc.perform(get("/api/imports/{id}", merged))
                .andExpect(jsonPath("$.cellsFilled").value(11))
                .andExpect(jsonPath("$.warnings[0].message").value(containsString("有 11 个单元格取自合并单元格")));
        long headers = IMPORTS.get("headers.xlsx").id();
        mvc.perform(get("/api/imports/{id}/warnings", headers))
                .andExpect(jsonPath("$[*].message", hasItem(containsString("映射方案的列「整改完成日期」在文件中没有找到"))));
        long dates = IMPORTS.get("dates.xlsx").id();
        String page = mvc.perform(get("/imports/{id}", dates)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"warnings\"").contains("两位年份 25 读作 2025 年")
                .contains("日期晚于今天 (读作 2205-08-20)");
        assertThat(IMPORTS.get("dates.xlsx").warned()).isEqualTo(5);
    }

    @Test
    void aProfileColumnNotInTheFileIsAWarningAndAHeaderThatDiffersSlightlyIsStillRead() {
        ImportService.ImportStatus status = IMPORTS.get("headers.xlsx");
        assertThat(status.rejected()).isZero();
        assertThat(imports.warnings(status.id(), 10)).extracting(ImportService.Warning::describeZh)
                .anySatisfy(w -> assertThat(w).contains("映射方案的列「整改期限」按文件中相近的列「整改期限（日期）」读取"))
                .anySatisfy(w -> assertThat(w).contains("映射方案的列「整改完成日期」在文件中没有找到"));
    }

    @Test
    void aStatedStatusWithoutItsDateIsNeverCountedAgainstTheUnitAndIsListedOnTheDataQualityPage() {
        // July 2025 holds the four rows of status.xlsx only
        Filters july = new Filters(YearMonth.of(2025, 7), YearMonth.of(2025, 7), List.of(), List.of(), Map.of(),
                LocalDate.of(2026, 6, 15));
        List<Object> values = queries.run(new MetricQuery(List.of("hazards_found", "hazards_open", "hazards_overdue",
                "hazards_rectified", "status_date_conflicts", "mean_days_to_rectify", "on_time_rectification_rate"),
                List.of(), july, null, null)).rows().get(0);
        // 已整改 and 已销号 without a date: rectified on an unknown day, neither open nor overdue; 整改中 is overdue;
        // days to rectify and the on-time rate read only 待整改's stated date (4 days, on time)
        assertThat(values).extracting(v -> ((Number) v).doubleValue()).containsExactly(4.0, 1.0, 1.0, 3.0, 3.0, 4.0, 1.0);
        assertThat(queries.detail("status_date_conflicts", july, 100).rows()).hasSize(3);
        assertThat(IMPORTS.get("status.xlsx").warned()).isEqualTo(3);
    }

    @Test
    void columnsNoFieldTakesAreKeptShownAndExportedAndFiveMeasuresTheLedgerNeverHadStayEmpty() throws Exception {
        Map<String, Object> h = jdbc.queryForMap("SELECT * FROM fact_hazard WHERE source_file = 'extra.xlsx' AND source_row = 3");
        assertThat(h.get("wl_responsibility")).isNull();
        assertThat(h.get("is_published")).isNull();
        Filters august = new Filters(YearMonth.of(2025, 8), YearMonth.of(2025, 8), List.of(), List.of(), Map.of(),
                LocalDate.of(2026, 6, 15));
        var list = queries.detail("hazard_list", august, 1000);
        int extraColumn = list.columns().stream().map(c -> c.id()).toList().indexOf("extra");
        assertThat(list.rows()).extracting(r -> r.get(extraColumn))
                .contains("施工单位: 中铁十局一公司；监理单位: 华东监理；通知书编号: JD-2025-08");

        byte[] xlsx = download("/api/export/hazards.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            int extra = header.indexOf(ImportKind.EXTRA_HEADER);
            int measures = header.indexOf("责任落实");
            int description = header.indexOf("隐患描述");
            Row row = null;
            for (Row r : sheet) {
                if (r.getRowNum() > 0 && "有其他列".equals(r.getCell(description).getStringCellValue())) {
                    row = r;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.getCell(extra).getStringCellValue()).contains("\"通知书编号\":\"JD-2025-08\"");
            Cell blank = row.getCell(measures);
            assertThat(blank == null ? "" : blank.getStringCellValue()).isEmpty();
        }
    }

    @Test
    void aTemplateCsvReadByDuckDbDirectlyKeepsItsOtherColumnsToo() throws Exception {
        Path csv = Files.writeString(dir.resolve("template-extra.csv"), """
                隐患编号,发现日期,村(社区),行业领域,隐患描述,隐患等级,现场照片,复核人
                KJ-1,2025-09-01,桃园村,建筑施工,基坑无护栏,一般,IMG_001.jpg,
                KJ-2,2025-09-01,桃园村,建筑施工,塔吊无证,一般,,张三
                """);
        ImportService.ImportStatus status = imports.importNow(ImportKind.HAZARDS, csv, "template-extra.csv");
        assertThat(status.written()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT extra FROM fact_hazard WHERE hazard_no LIKE 'KJ-%' ORDER BY hazard_no",
                String.class)).containsExactly("{\"现场照片\":\"IMG_001.jpg\"}", "{\"复核人\":\"张三\"}");
        // the 五落实 columns the file does not have are not stated
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE hazard_no LIKE 'KJ-%'"
                + " AND wl_measures IS NULL AND is_published IS NULL", Long.class)).isEqualTo(2);
    }

    /** An export's CSV read back: its 台账其他列 is merged with the file's own other columns, never nested deeper. */
    @Test
    void anExportsOtherColumnsReadBackFromCsvAreNotNested() throws Exception {
        Path csv = Files.writeString(dir.resolve("export-extra.csv"), """
                隐患编号,发现日期,村(社区),行业领域,隐患描述,隐患等级,台账其他列,复核人
                KX-9,2025-09-02,桃园村,建筑施工,脚手架缺扣件,一般,"{""施工单位"":""中铁十局""}",李四
                """);
        ImportService.ImportStatus status = imports.importNow(ImportKind.HAZARDS, csv, "export-extra.csv");
        assertThat(status.written()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT extra FROM fact_hazard WHERE hazard_no = 'KX-9'", String.class))
                .isEqualTo("{\"施工单位\":\"中铁十局\",\"复核人\":\"李四\"}");
    }

    @Test
    void theSameRowsInThePlainTemplateShapeLoadUnchanged() throws Exception {
        String columns = "hazard_no, found_date, deadline_date, rectified_date, closed_date, hazard_level, sector_code,"
                + " region_code, target_name, description, status, wl_responsibility, is_published, open_until, extra";
        List<Map<String, Object>> before = jdbc.queryForList("SELECT " + columns + " FROM fact_hazard ORDER BY hazard_no");
        Path template = Files.write(dir.resolve("隐患明细.xlsx"), download("/api/export/hazards.xlsx"));

        ImportService.ImportStatus again = imports.importNow(ImportKind.HAZARDS, template, "隐患明细.xlsx");

        assertThat(again.status()).as(again.message()).isEqualTo("COMPLETED");
        assertThat(again.rejected()).isZero();
        assertThat(again.changes()).isEqualTo(new ImportService.Changes(0, 0, before.size()));
        assertThat(jdbc.queryForList("SELECT " + columns + " FROM fact_hazard ORDER BY hazard_no")).isEqualTo(before);
    }

    private byte[] download(String url) throws Exception {
        MvcResult started = mvc.perform(get(url)).andReturn();
        var response = started.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(started)).andReturn().getResponse() : started.getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static List<CSVRecord> expectations() throws IOException {
        try (var in = new InputStreamReader(RealShapesCorpusTest.class.getResourceAsStream(
                "/real-shapes/expectations.csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    // ------------------------------------------------------------------ the corpus

    /** A ledger file: its sheet's name, rows (null: a blank cell; a LocalDate: a real Excel date) and merged regions. */
    record Ledger(String sheet, List<List<Object>> rows, List<String> merges, boolean xls) {

        Path write(Path file) throws IOException {
            try (Workbook book = xls ? new HSSFWorkbook() : new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
                Sheet s = book.createSheet(sheet);
                CellStyle date = book.createCellStyle();
                date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
                for (int r = 0; r < rows.size(); r++) {
                    Row row = s.createRow(r);
                    List<Object> cells = rows.get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        Object v = cells.get(c);
                        if (v instanceof LocalDate d) {
                            Cell cell = row.createCell(c);
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        } else if (v != null) {
                            row.createCell(c).setCellValue(v.toString());
                        }
                    }
                }
                merges.forEach(m -> s.addMergedRegion(CellRangeAddress.valueOf(m)));
                book.write(out);
            }
            return file;
        }
    }

    private static List<Object> row(Object... cells) {
        return java.util.Arrays.asList(cells);
    }

    /** The corpus, by file name; expectations.csv says what each row must become. */
    static Map<String, Ledger> corpus() {
        Map<String, Ledger> files = new LinkedHashMap<>();
        List<List<Object>> merged = List.of(
                row("2025年8月中铁十局项目隐患排查台账"),
                HEADERS.stream().map(Object.class::cast).toList(),
                row("1", LocalDate.of(2025, 8, 20), "南崇3标", "1#桥", "临边防护缺失", "3级", "2025-08-25", null, "整改中"),
                row("2", null, null, null, "配电箱未上锁", "3级", null, null, null),
                row("3", null, null, "2#隧道", "安全帽未佩戴", "3级", null, "2025-08-22", "已整改"),
                row("4", "2025.8.21", "沿海建指", "3#墩", "脚手架未验收", "一般", "2025-08-28", null, "待整改"),
                row("5", "2025-08-21", null, null, "灭火器过期", "3级", "2025/8/29", null, null),
                row("6", "2025/8/21", null, null, "消防通道堵塞", "3级", "2025.8.30", null, null),
                row("填写说明：本表由各标段每月报送，合并的单元格表示各行相同"));
        List<String> merges = List.of("A1:I1", "B3:B5", "C3:C5", "D3:D4", "G3:G5", "C6:C8", "D6:D8", "A9:I10");
        files.put("merged.xlsx", new Ledger("隐患清单", merged, merges, false));
        files.put("merged.xls", new Ledger("隐患清单", merged, merges, true));
        files.put("dates.xlsx", new Ledger("日期", List.of(
                row("2025年8月隐患排查台账"),
                HEADERS.stream().map(Object.class::cast).toList(),
                row("1", "2025 年8月20日", "南崇3标", "D1", "空格日期", "3级", null, null, null),
                row("2", "2025年8月20日-22日", "南崇3标", "D2", "日期范围", "3级", "8月25日至30日", null, null),
                row("3", "2025年8月", "南崇3标", "D3", "只有月份", "3级", null, null, null),
                row("4", "8月20日", "南崇3标", "D4", "没有年份", "3级", null, null, null),
                row("5", "20号", "南崇3标", "D5", "只有日", "3级", null, null, null),
                row("6", "二〇二五年八月二十日", "南崇3标", "D6", "中文数字", "3级", null, null, null),
                row("7", "25.8.20", "南崇3标", "D7", "两位年份", "3级", null, null, null),
                row("8", "2205.8.20", "南崇3标", "D8", "年份错位", "3级", null, null, null),
                row("9", "8月上旬", "南崇3标", "D9", "不是日期", "3级", null, null, null),
                row("10", "1985年8月20日", "南崇3标", "D10", "太早", "3级", null, null, null)), List.of(), false));
        files.put("no-year.xlsx", new Ledger("Sheet1", List.of(
                row("隐患排查台账"),
                HEADERS.stream().map(Object.class::cast).toList(),
                row("1", "8月20日", "南崇3标", "N1", "映射方案的年份", "3级", null, null, null),
                row("2", "20号", "南崇3标", "N2", "没有年月", "3级", null, null, null)), List.of(), false));
        files.put("status.xlsx", new Ledger("隐患", List.of(
                row("2025年隐患台账"),
                HEADERS.stream().map(Object.class::cast).toList(),
                row("1", "2025-07-01", "南崇3标", "S1", "已整改无日期", "3级", "2025-07-10", null, "已整改"),
                row("2", "2025-07-01", "南崇3标", "S2", "已销号无日期", "3级", "2025-07-10", null, "已销号"),
                row("3", "2025-07-01", "南崇3标", "S3", "待整改有日期", "3级", "2025-07-10", "2025-07-05", "待整改"),
                row("4", "2025-07-01", "南崇3标", "S4", "整改中逾期", "3级", "2025-07-10", null, "整改中")), List.of(), false));
        files.put("numbering.xlsx", new Ledger("编号", List.of(
                row("2025年8月检查"),
                HEADERS.stream().map(Object.class::cast).toList(),
                row("1", "2025-08-20", "南崇3标", "P1", "⑴临边防护缺失\n⑵配电箱未上锁\n⑶安全帽未佩戴", "3级", null, null, null),
                row("2", "2025-08-20", "南崇3标", "P2", "①灭火器过期；②消防通道堵塞；③应急照明损坏", "3级", null, null, null)),
                List.of(), false));
        files.put("headers.xlsx", new Ledger("表头", List.of(
                row("2025年8月检查"),
                row("序号", "检查时间", "标段", "工点", "问题描述", "隐患等级", "整改期限（日期）", "整改情况"),
                row("1", "2025-08-20", "南崇3标", "H1", "表头不同", "3级", "2025-08-25", null),
                row("2", "2025-08-20", "沿海建指", "H2", "表头不同二", "3级", "2025-08-26", null)), List.of(), false));
        files.put("names.xlsx", new Ledger("名称", List.of(
                row("2025年8月检查"),
                HEADERS.stream().map(Object.class::cast).toList(),
                row("1", "2025-08-20", "南崇 ３标", "R1", "全角与空格", "3级", null, null, null),
                row("2", "2025-08-20", "南崇3", "R2", "缺少标字", "3级", null, null, null),
                row("3", "2025-08-20", "中铁十局沿海建指", "R3", "带前缀", "3级", null, null, null),
                row("4", "2025-08-20", "桃园 村", "R4", "中间空格", "3级", null, null, null),
                row("5", "2025-08-20", "李家村", "R5", "不认识的村", "3级", null, null, null),
                row("6", "2025-08-20", "桃园村委会", "R6", "村委会", "3级", null, null, null)), List.of(), false));
        files.put("extra.xlsx", new Ledger("其他列", List.of(
                row("2025年8月检查"),
                row("检查时间", "标段", "工点", "问题描述", "隐患等级", "施工单位", "监理单位", "通知书编号"),
                row("2025-08-20", "南崇3标", "E1", "有其他列", "3级", "中铁十局一公司", "华东监理", "JD-2025-08"),
                row("2025-08-20", "南崇3标", "E2", "其他列部分为空", "3级", null, "华东监理", null)), List.of(), false));
        return files;
    }
}
