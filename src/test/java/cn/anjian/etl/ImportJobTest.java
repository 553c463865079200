package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every record type through the real import job into a real DuckDB file. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ImportJobTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("test.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    java.time.Clock clock;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoadFailureInjector failures;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    static final String REGIONS = """
            区划代码,名称,级别,上级区划代码,启用日期,撤并日期,并入区划代码,演示数据
            341525000000,霍山县,县,,,,,是
            341525106000,诸佛庵镇,镇,341525000000,,,,是
            341525106201,诸佛庵村,村,341525106000,,,,是
            341525106202,漫水河社区,社区,341525106000,,,,是
            341525106203,黄巢寺村,村,341525106000,,2024-06-30,341525106201,是
            """;

    @BeforeEach
    void regions() throws IOException {
        if (count("dim_region") == 0) {
            var status = imports.importNow(ImportKind.REGIONS, write("regions.csv", REGIONS, StandardCharsets.UTF_8), "regions.csv");
            assertThat(status.status()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void regionsLoadWithTheirHierarchy() {
        assertThat(count("dim_region")).isEqualTo(5);
        Map<String, Object> village = jdbc.queryForMap(
                "SELECT region_level, county_code, town_code, is_community, valid_to FROM dim_region WHERE region_code = '341525106202'");
        assertThat(village).containsEntry("region_level", "village").containsEntry("county_code", "341525000000")
                .containsEntry("town_code", "341525106000").containsEntry("is_community", true);
        assertThat(jdbc.queryForObject("SELECT valid_to FROM dim_region WHERE region_code = '341525106203'", LocalDate.class))
                .isEqualTo(LocalDate.of(2024, 6, 29));
    }

    @Test
    void hazardsFromGbkCsvLoadGoodRowsAndRejectBadOnesWithReasons() throws IOException {
        String csv = """
                隐患编号,发现日期,所属乡镇,村(社区),隐患单位或部位,统一社会信用代码,行业领域,隐患描述,隐患等级,责任单位,检查编号,整改期限,整改完成日期,复查验收日期,销号日期,整改状态,整改资金(元),责任落实,措施落实,资金落实,时限落实,预案落实,是否公布
                YH-T-001,2023-01-03,诸佛庵镇,诸佛庵村,某饭店,,燃气,液化气钢瓶未固定,一般隐患,安监所,,2023/1/10,2023.1.8,,2023年1月9日,已销号,"1,200元",是,是,是,是,是,否
                YH-T-002,2023/2/5,,漫水河社区,民房,,城乡自建房,墙体开裂,重大,城建办,,%s,,,,整改中,2.5万元,是,否,是,是,是,否
                YH-T-003,2023-02-30,诸佛庵镇,诸佛庵村,林地,,森林防火,野外用火,一般,林业站,,,,,,,,,,,,,
                YH-T-004,2023-03-01,诸佛庵镇,不存在村,商店,,消防,灭火器过期,一般,,,,,,,,,,,,,,
                ,2023-03-02,诸佛庵镇,诸佛庵村,商店,,消防,无编号,一般,,,,,,,,,,,,,,
                YH-T-006,2023-03-05,诸佛庵镇,诸佛庵村,商店,,消防,期限早于发现,一般,,,2023-03-01,,,,,-5,,,,,,
                YH-T-007,2023-04-01,诸佛庵镇,黄巢寺村,公路,,两客一危,护栏缺失,一般,派出所,,2023-04-20,,,,,,,,,,,
                YH-T-001,2023-05-01,诸佛庵镇,诸佛庵村,某饭店,,燃气,重复编号,一般,,,,,,,,,,,,,,
                """.formatted(LocalDate.now(clock).plusMonths(1));
        var status = imports.importNow(ImportKind.HAZARDS, write("hazards-gbk.csv", csv, Charset.forName("GBK")), "hazards-gbk.csv");

        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.read()).isEqualTo(8);
        assertThat(status.written()).isEqualTo(3);
        assertThat(status.rejected()).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT hazard_no FROM fact_hazard WHERE hazard_no LIKE 'YH-T-%' ORDER BY 1",
                String.class)).containsExactly("YH-T-001", "YH-T-002", "YH-T-007");
        Map<String, Object> first = jdbc.queryForMap("SELECT * FROM fact_hazard WHERE hazard_no = 'YH-T-001'");
        assertThat(first).containsEntry("sector_code", "town_gas").containsEntry("hazard_level", "general")
                .containsEntry("status", "closed").containsEntry("region_code", "341525106201")
                .containsEntry("department_code", "safety_office").containsEntry("source_row", 2)
                .containsEntry("description", "液化气钢瓶未固定");
        assertThat(first.get("funds_yuan").toString()).isEqualTo("1200.00");
        assertThat(first.get("rectified_date").toString()).isEqualTo("2023-01-08");
        Map<String, Object> second = jdbc.queryForMap("SELECT * FROM fact_hazard WHERE hazard_no = 'YH-T-002'");
        assertThat(second).containsEntry("hazard_level", "major").containsEntry("status", "rectifying")
                .containsEntry("sector_code", "self_built_housing").containsEntry("wl_measures", false)
                .containsEntry("deadline_date", LocalDate.now(clock).plusMonths(1));
        assertThat(second.get("funds_yuan").toString()).isEqualTo("25000.00");

        List<ImportService.Reject> rejects = imports.rejects(status.id());
        assertThat(rejects).extracting(ImportService.Reject::row, ImportService.Reject::field, ImportService.Reject::reason)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(4L, "发现日期", LoadPlans.DATE_FORMS),
                        org.assertj.core.groups.Tuple.tuple(5L, "村(社区)", "未知的村(社区): 区划表中没有（所属乡镇: 诸佛庵镇）"),
                        org.assertj.core.groups.Tuple.tuple(6L, "隐患编号", "必填项为空"),
                        org.assertj.core.groups.Tuple.tuple(7L, "整改期限", "整改期限早于发现日期"),
                        org.assertj.core.groups.Tuple.tuple(7L, "整改资金(元)", "金额不能为负数"),
                        org.assertj.core.groups.Tuple.tuple(9L, "隐患编号", "与第 2 行的编号重复"));
        assertThat(rejects).allSatisfy(r -> assertThat(r.fileName()).isEqualTo("hazards-gbk.csv"));
        assertThat(rejects.stream().filter(r -> r.row() == 4).findFirst().orElseThrow().value()).isEqualTo("2023-02-30");
    }

    @Test
    void importingTheSameFileTwiceLeavesTheWarehouseUnchanged() throws IOException {
        Path file = write("inspections.csv", """
                检查编号,检查日期,所属乡镇,村(社区),检查对象,统一社会信用代码,行业领域,责任单位,检查类型,检查人员,领导带队,双随机,发现隐患数,备注
                JC-T-1,2023-01-05,诸佛庵镇,诸佛庵村,村内巡查,,消防,,月度排查,张三,是,否,2,
                JC-T-2,2023-01-06,诸佛庵镇,漫水河社区,某商店,91341525MA2N000001,消防,市场监管所,双随机,李四,否,,0,
                """, StandardCharsets.UTF_8);
        imports.importNow(ImportKind.INSPECTIONS, file, "inspections.csv");
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM fact_inspection ORDER BY inspection_no");

        var again = imports.importNow(ImportKind.INSPECTIONS, file, "inspections.csv");

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("SELECT * FROM fact_inspection ORDER BY inspection_no")).isEqualTo(before);
        assertThat(before).hasSize(2);
        assertThat(before.get(1)).containsEntry("is_double_random", true).containsEntry("inspection_type", "double_random")
                .containsEntry("enterprise_code", "91341525MA2N000001");
        assertThat(before.get(0)).containsEntry("led_by_leader", true).containsEntry("hazards_found", 2);
    }

    @Test
    void aJobThatCrashesInItsLoadStepAndIsRestartedEndsExact() throws Exception {
        Path file = write("accidents.csv", """
                事故编号,事故日期,所属乡镇,村(社区),行业领域,事故单位,统一社会信用代码,事故等级,死亡人数,受伤人数,直接经济损失(元),是否瞒报,事故简况
                SG-T-1,2023-03-01,诸佛庵镇,诸佛庵村,道路交通,,,一般,1,2,"30,000",否,两车相撞
                SG-T-2,2023-04-01,诸佛庵镇,漫水河社区,消防,,,较大,0,0,,否,民房火灾
                """, StandardCharsets.UTF_8);
        long nextId = jdbc.queryForObject("SELECT currval('seq_etl_batch') + 1", Long.class);
        failures.failOnce(nextId);

        var crashed = imports.importNow(ImportKind.ACCIDENTS, file, "accidents.csv");

        assertThat(crashed.id()).isEqualTo(nextId);
        assertThat(crashed.status()).isEqualTo("FAILED");
        // the user reads a short reason with the file and the import's number; the raw error stays in the log
        assertThat(crashed.message()).contains("accidents.csv").contains("导入编号 " + nextId)
                .doesNotContain("simulated").doesNotContain("Exception");
        assertThat(count("fact_accident")).isZero();
        var execution = jobRepository.getJobExecution(
                jdbc.queryForObject("SELECT job_execution_id FROM etl_batch WHERE batch_id = ?", Long.class, nextId));
        jobOperator.restart(execution);
        assertThat(imports.status(nextId).orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(count("fact_accident")).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT sum(deaths) FROM fact_accident", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT accident_level FROM fact_accident WHERE accident_no = 'SG-T-2'", String.class))
                .isEqualTo("larger");
    }

    @Test
    void enforcementFromXlsxWithATitleRowAndDateCells() throws IOException {
        Path xlsx = files.resolve("enforcement.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = book.createSheet("执法台账");
            sheet.createRow(0).createCell(0).setCellValue("诸佛庵镇执法台账 (2023年)");
            Row header = sheet.createRow(2);
            List<String> headers = ImportKind.ENFORCEMENT.headers();
            for (int i = 0; i < headers.size(); i++) {
                header.createCell(i).setCellValue(headers.get(i));
            }
            CellStyle dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            Object[][] rows = {
                    {"ZF-T-1", LocalDate.of(2023, 5, 6), "诸佛庵镇", "诸佛庵村", "某加油站", "91341525MA2N000002", "危化品",
                            "安监所", "首查服务提醒", null, null, null, null, null, "首次检查"},
                    {"ZF-T-2", LocalDate.of(2023, 6, 6), "诸佛庵镇", "诸佛庵村", "某加油站", "91341525MA2N000002", "危化品",
                            "安监所", "三查依法查处", "3", 5000, 4000, null, null, "三查"},
                    {"ZF-T-3", LocalDate.of(2023, 6, 7), "诸佛庵镇", "诸佛庵村", "某加油站", null, "危化品",
                            "安监所", "罚款", null, "很多", null, null, null, null},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(4 + r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof LocalDate d) {
                        row.createCell(c).setCellValue(d);
                        row.getCell(c).setCellStyle(dateStyle);
                    } else if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
        }

        var status = imports.importNow(ImportKind.ENFORCEMENT, xlsx, "enforcement.xlsx");

        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.written()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT ladder_stage FROM fact_enforcement ORDER BY case_no", Integer.class))
                .containsExactly(1, 3);
        assertThat(jdbc.queryForObject("SELECT action_date FROM fact_enforcement WHERE case_no = 'ZF-T-1'", LocalDate.class))
                .isEqualTo(LocalDate.of(2023, 5, 6));
        assertThat(jdbc.queryForObject("SELECT fine_final_yuan FROM fact_enforcement WHERE case_no = 'ZF-T-2'", Double.class))
                .isEqualTo(4000.0);
        assertThat(imports.rejects(status.id())).singleElement().satisfies(r -> {
            assertThat(r.sheet()).isEqualTo("执法台账");
            assertThat(r.row()).isEqualTo(7);
            assertThat(r.field()).isEqualTo("拟罚款(元)");
            assertThat(r.value()).isEqualTo("很多");
        });
    }

    @Test
    void anUnknownCodeIsRejectedWithTheNearestAcceptedValuesAndWhereToAddANewOne() throws IOException {
        String header = String.join(",", ImportKind.HAZARDS.headers()) + "\n";
        var status = imports.importNow(ImportKind.HAZARDS, write("typo.csv", header
                + "YH-T-1,2023-03-01,诸佛庵镇,诸佛庵村,商店,,消放安全,灭火器过期,一般,,,,,,,,,,,,,,\n",
                StandardCharsets.UTF_8), "typo.csv");

        assertThat(status.rejected()).isEqualTo(1);
        ImportService.Reject reject = imports.rejects(status.id()).get(0);
        assertThat(reject.field()).isEqualTo("行业领域");
        assertThat(reject.reason()).startsWith("无法识别的取值").contains("相近的可填值: ").contains("消防安全")
                .contains("etl/codes.yaml");
        assertThat(reject.reason().split("相近的可填值: ")[1].split("。")[0].split("、")).hasSizeBetween(1, 5);
    }

    @Test
    void aFileWithoutTheTemplateHeadersFailsWithTheHeadersItFound() throws IOException {
        var status = imports.importNow(ImportKind.HAZARDS,
                write("wrong.csv", "编号,日期,说明\n1,2023-01-01,x\n", StandardCharsets.UTF_8), "wrong.csv");

        assertThat(status.status()).isEqualTo("FAILED");
        assertThat(status.message()).contains("wrong.csv").contains("隐患编号").contains("编号、日期、说明");
    }

    @Test
    void enterprisesKeepTheirHistoryWhenScaleChanges() throws IOException {
        String header = String.join(",", ImportKind.ENTERPRISES.headers());
        imports.importNow(ImportKind.ENTERPRISES, write("e1.csv", header + "\n"
                + "91341525MA2N000003,某茶厂,诸佛庵镇,诸佛庵村,工贸,小微企业,否,否,否,,,\n", StandardCharsets.UTF_8), "e1.csv");
        imports.importNow(ImportKind.ENTERPRISES, write("e2.csv", header + "\n"
                + "91341525MA2N000003,某茶厂,诸佛庵镇,诸佛庵村,工贸,规上企业,否,是,否,,,2024-01-01\n", StandardCharsets.UTF_8), "e2.csv");

        List<Map<String, Object>> versions = jdbc.queryForList(
                "SELECT scale, is_key, valid_from, valid_to, is_current FROM dim_enterprise WHERE enterprise_code = '91341525MA2N000003' ORDER BY valid_from");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).containsEntry("scale", "micro").containsEntry("is_current", false);
        assertThat(versions.get(0).get("valid_to").toString()).isEqualTo("2023-12-31");
        assertThat(versions.get(1)).containsEntry("scale", "above_scale").containsEntry("is_key", true)
                .containsEntry("is_current", true);
    }

    @Test
    void aLaterLedgerUpdatesChangedRowsAddsNewOnesAndLeavesTheRestAsLoaded() throws IOException {
        String header = "隐患编号,发现日期,所属乡镇,村(社区),隐患单位或部位,统一社会信用代码,行业领域,隐患描述,隐患等级,责任单位,检查编号,"
                + "整改期限,整改完成日期,复查验收日期,销号日期,整改状态,整改资金(元),责任落实,措施落实,资金落实,时限落实,预案落实,是否公布\n";
        var first = imports.importNow(ImportKind.HAZARDS, write("march.csv", header + """
                YH-U-1,2023-03-01,诸佛庵镇,诸佛庵村,商店,,消防,灭火器过期,一般,,,2023-03-10,,,,,,,,,,,
                YH-U-2,2023-03-02,诸佛庵镇,诸佛庵村,饭店,,燃气,软管老化,一般,,,2023-03-12,,,,,,,,,,,
                """, StandardCharsets.UTF_8), "march.csv");
        var second = imports.importNow(ImportKind.HAZARDS, write("april.csv", header + """
                YH-U-1,2023-03-01,诸佛庵镇,诸佛庵村,商店,,消防,灭火器过期,一般,,,2023-03-10,,,,,,,,,,,
                YH-U-2,2023-03-02,诸佛庵镇,诸佛庵村,饭店,,燃气,软管老化,一般,,,2023-03-12,2023-03-11,,,,,,,,,,
                YH-U-3,2023-04-02,诸佛庵镇,漫水河社区,民房,,城乡自建房,墙体开裂,一般,,,,,,,,,,,,,,
                """, StandardCharsets.UTF_8), "april.csv");

        assertThat(second.status()).isEqualTo("COMPLETED");
        assertThat(second.written()).isEqualTo(2);
        assertThat(second.changes()).isEqualTo(new ImportService.Changes(1, 1, 1));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT hazard_no, status, rectified_date, batch_id, source_file"
                + " FROM fact_hazard WHERE hazard_no LIKE 'YH-U-%' ORDER BY hazard_no");
        assertThat(rows).extracting(r -> r.get("hazard_no")).containsExactly("YH-U-1", "YH-U-2", "YH-U-3");
        assertThat(rows.get(0)).containsEntry("status", "open").containsEntry("batch_id", first.id())
                .containsEntry("source_file", "march.csv");
        assertThat(rows.get(1)).containsEntry("status", "rectified").containsEntry("batch_id", second.id())
                .containsEntry("source_file", "april.csv");
        assertThat(rows.get(1).get("rectified_date").toString()).isEqualTo("2023-03-11");
        assertThat(rows.get(2)).containsEntry("batch_id", second.id());
        assertThat(jdbc.queryForObject("SELECT count(*) - count(DISTINCT hazard_no) FROM fact_hazard", Long.class))
                .isZero();
    }

    @Test
    void aUtf8LedgerWithAGbkLineFarDownIsRefusedWithThatLine() throws IOException {
        // the first 64 KB are UTF-8, so DuckDB's reader is the one that finds the GBK line, and the import then
        // names it as the first line that is not UTF-8 — also behind a BOM, which our CSV template carries
        for (boolean bom : new boolean[] {false, true}) {
            StringBuilder csv = new StringBuilder(bom ? "\uFEFF" : "").append("隐患编号,发现日期,所属乡镇,村(社区),隐患单位或部位,"
                    + "统一社会信用代码,行业领域,隐患描述,隐患等级,责任单位,检查编号,整改期限,整改完成日期,复查验收日期,销号日期,整改状态,"
                    + "整改资金(元),责任落实,措施落实,资金落实,时限落实,预案落实,是否公布\n");
            int lines = 1;
            while (csv.length() < 100_000) {
                csv.append("YH-M-").append(lines++).append(",2023-03-01,诸佛庵镇,诸佛庵村,商店,,消防,灭火器过期,一般,,,,,,,,,,,,,,\n");
            }
            Path file = files.resolve("mixed-" + bom + ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
                out.write("YH-M-X,2023-03-01,诸佛庵镇,诸佛庵村,商店,,消防,灭火器过期,一般,,,,,,,,,,,,,,\n"
                        .getBytes(Charset.forName("GBK")));
            }

            var status = imports.importNow(ImportKind.HAZARDS, file, "mixed.csv");

            assertThat(status.status()).as("BOM " + bom).isEqualTo("FAILED");
            assertThat(status.message()).contains("混用了两种编码").contains("第 " + (lines + 1) + " 行");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE hazard_no LIKE 'YH-M-%'", Long.class))
                    .isZero();
        }
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        Path file = files.resolve(name);
        Files.writeString(file, content, charset);
        return file;
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
