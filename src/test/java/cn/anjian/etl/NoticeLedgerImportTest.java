package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.semantic.QueryResult;

/**
 * Ledgers typed from notices (issue #15): a profile reads only the 整改通知单 rows of a mixed list ({@code where:}),
 * counting the others as skipped, not rejected; the notice fields (整改要求, 整改责任人, 检查人员, 通知书编号) load under
 * their real headers; an enforcement ledger's 责令限期整改 and the other measures of the Work Safety Law are actions,
 * and the fines stay what the ledger says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithAccount(Role.ADMIN)
class NoticeLedgerImportTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> dir.resolve("notices.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> dir.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.mappings-dir", NoticeLedgerImportTest::mappings);
    }

    static final String PROFILE = """
            title: 内部监督通知书问题清单
            kind: hazards
            columns:
              found_date: 检查日期
              village: 检查单位
              target_name: 工点
              description: 问题描述
              hazard_level: 隐患等级
              deadline_date: 整改期限
              rectification_measures: 整改要求
              responsible_person: 整改责任人
              inspectors: 检查人员
              document_no: 通知书编号
            constants:
              sector: 建筑施工
            key:
              prefix: TZ-
              columns: [通知书编号, 问题描述]
            where:
              文书类型: [整改通知单, 整改通知书]
            """;

    private static String mappings() {
        try {
            Path folder = Files.createDirectories(dir.resolve("mappings"));
            Files.writeString(folder.resolve("notice-list.yaml"), PROFILE);
            return folder.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MetricQueryService queries;

    @BeforeEach
    void regions() throws IOException {
        if (jdbc.queryForObject("SELECT count(*) FROM dim_region", Long.class) == 0) {
            Path regions = write("regions.csv", """
                    区划代码,名称,级别,上级区划代码
                    341525000000,霍山县,县,
                    341525106000,诸佛庵镇,镇,341525000000
                    341525106201,诸佛庵村,村,341525106000
                    """);
            assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").status()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aProfileReadsOnlyTheRowsItsWhereNamesAndCountsTheOthersAsSkipped() throws IOException {
        Path file = dir.resolve("通知书问题清单.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("问题清单");
            row(sheet, 0, "2025年内部监督通知书问题清单");
            row(sheet, 1, "序号", "文书类型", "通知书编号", "检查日期", "检查单位", "工点", "问题描述", "隐患等级", "整改要求",
                    "整改期限", "整改责任人", "检查人员");
            row(sheet, 2, "1", "整改通知单", "安监通〔2025〕12号", "2025-08-20", "诸佛庵村", "1#工点", "临边防护缺失", "一般",
                    "立即设置防护栏杆", "2025-08-25", "张工", "李四、王五");
            row(sheet, 3, "2", "安全检查记录", "检记〔2025〕3号", "2025-08-20", "诸佛庵村", "2#工点", "现场文明施工良好", "一般",
                    "", "", "", "李四");
            row(sheet, 4, "3", "整改通知单", "安监通〔2025〕12号", "2025-08-20", "诸佛庵村", "3#工点", "配电箱未上锁", "一般",
                    "配电箱加锁", "2025-08-22", "赵工", "李四、王五");
            row(sheet, 5, "4", "整改通知书", "安监通〔2025〕13号", "2025-08-21", "不存在村", "4#工点", "脚手架缺扣件", "重大",
                    "停工整改", "2025-08-30", "钱工", "孙六");
            row(sheet, 6, "5", "检查记录", "检记〔2025〕4号", "2025-08-21", "诸佛庵村", "5#工点", "未发现问题", "一般",
                    "", "", "", "孙六");
            row(sheet, 7, "6", "整改通知单 ", "安监通〔2025〕14号", "2025-08-22", "诸佛庵村", "6#工点", "灭火器失效", "一般",
                    "更换灭火器", "", "", "");
            book.write(out);
        }

        ImportService.ImportStatus status = imports.importNow(ImportKind.HAZARDS, null, null, file, file.getFileName()
                .toString());

        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.profile()).isEqualTo("notice-list");
        assertThat(status.read()).isEqualTo(4);
        assertThat(status.written()).isEqualTo(3);
        assertThat(status.rejected()).isEqualTo(1);
        assertThat(status.skipped()).isEqualTo(2);
        assertThat(status.countsZh()).contains("按映射方案的筛选条件跳过 2 行");
        assertThat(imports.rejects(status.id())).extracting(ImportService.Reject::value).containsExactly("不存在村");
        assertThat(jdbc.queryForList("SELECT description FROM fact_hazard WHERE hazard_no LIKE 'TZ-%'"
                + " ORDER BY description", String.class))
                .containsExactly("临边防护缺失", "灭火器失效", "配电箱未上锁");
        Map<String, Object> first = jdbc.queryForMap("SELECT * FROM fact_hazard WHERE description = '临边防护缺失'");
        assertThat(first).containsEntry("rectification_measures", "立即设置防护栏杆")
                .containsEntry("responsible_person", "张工").containsEntry("inspectors", "李四、王五")
                .containsEntry("document_no", "安监通〔2025〕12号").containsEntry("sector_code", "construction");
    }

    @Test
    void aWhereWithoutAValueIsAProfileMistakeWithItsLine() {
        assertThatThrownBy(() -> MappingProfiles.parse("notices", PROFILE.replace("文书类型: [整改通知单, 整改通知书]",
                "文书类型:"))).isInstanceOfSatisfying(MappingProfiles.ProfileProblem.class, e -> {
                    assertThat(e.line).isEqualTo(20);
                    assertThat(e.getMessage()).contains("where 中列「文书类型」没有写取值");
                });
    }

    @Test
    void theTemplatesNoticeColumnsAreFoundUnderTheHeadersLedgersGiveThem() throws IOException {
        List<String> headers = ImportKind.HAZARDS.headers().stream().map(h -> switch (h) {
            case "整改措施" -> "整改要求";
            case "文书编号" -> "通知书编号";
            case "检查人员" -> "检查人";
            default -> h;
        }).toList();
        Path file = write("隐患台账.csv", String.join(",", headers) + "\n"
                + "YH-N-1,2026-04-01,,诸佛庵村,商店,,消防,消防通道堵塞,一般,,,2026-04-10,,,,,,,,,,,,清理通道,李老板,张三,诸安监通〔2026〕9号\n");

        ImportService.ImportStatus status = imports.importNow(ImportKind.HAZARDS, file, "隐患台账.csv");

        assertThat(status.written()).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT rectification_measures, responsible_person, inspectors, document_no"
                + " FROM fact_hazard WHERE hazard_no = 'YH-N-1'")).containsExactly(
                Map.entry("rectification_measures", "清理通道"), Map.entry("responsible_person", "李老板"),
                Map.entry("inspectors", "张三"), Map.entry("document_no", "诸安监通〔2026〕9号"));
    }

    @Test
    void theWorkSafetyLawsMeasuresAreEnforcementActionsAndFinesStayRight() throws IOException {
        String header = String.join(",", ImportKind.ENFORCEMENT.headers()) + "\n";
        Path file = write("执法台账.csv", header + """
                ZF-1,2026-03-01,,诸佛庵村,某木业厂,,工贸,,责令限期整改,,,,,,粉尘清扫不及时
                ZF-2,2026-03-02,,诸佛庵村,某木业厂,,工贸,,责令限期改正,,,,,,除尘器未接地
                ZF-3,2026-03-03,,诸佛庵村,某石料厂,,工贸,,责令改正,,,,,,
                ZF-4,2026-03-04,,诸佛庵村,某石料厂,,工贸,,罚款,,5000,5000,,,
                ZF-5,2026-03-05,,诸佛庵村,某烟花店,,危化品,,三查,,2000,2000,,,
                ZF-6,2026-03-06,,诸佛庵村,某烟花店,,危化品,,没收违法所得,,,,,,
                ZF-7,2026-03-07,,诸佛庵村,某烟花店,,危化品,,暂扣安全生产许可证,,,,,,
                """);

        ImportService.ImportStatus status = imports.importNow(ImportKind.ENFORCEMENT, file, "执法台账.csv");

        assertThat(status.rejected()).isZero();
        assertThat(status.written()).isEqualTo(7);
        assertThat(jdbc.queryForList("SELECT action_code || ':' || coalesce(CAST(ladder_stage AS VARCHAR), '-')"
                + " FROM fact_enforcement ORDER BY case_no", String.class)).containsExactly(
                "rectify_by_deadline:-", "rectify_by_deadline:-", "rectify_now:-", "fine:-", "penalty:3",
                "confiscation:-", "license_suspension:-");

        Filters march = new Filters(YearMonth.of(2026, 3), YearMonth.of(2026, 3), List.of(), List.of());
        QueryResult totals = queries.run(new MetricQuery(List.of("enforcement_actions", "fines_final",
                "enforcement_stage_3"), List.of(), march, null, null));
        assertThat(totals.rows().get(0).get(0)).isEqualTo(7L);
        assertThat((BigDecimal) totals.rows().get(0).get(1)).isEqualByComparingTo("7000");
        assertThat(totals.rows().get(0).get(2)).isEqualTo(1L);
        QueryResult byAction = queries.run(new MetricQuery(List.of("enforcement_actions"),
                List.of("enforcement_action"), march, null, null));
        assertThat(byAction.labels().get("enforcement_action")).extracting(m -> m.label().zh())
                .contains("责令限期整改", "责令改正", "没收违法所得", "暂扣证照");
        assertThat(byAction.rows()).filteredOn(r -> r.get(0).equals("rectify_by_deadline"))
                .singleElement().satisfies(r -> assertThat(r.get(1)).isEqualTo(2L));
        assertThat(byAction.labels().get("enforcement_action")).extracting(Member::code).doesNotContainNull();
    }

    private static void row(Sheet sheet, int index, String... cells) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < cells.length; c++) {
            row.createCell(c).setCellValue(cells[c]);
        }
    }

    private static Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
