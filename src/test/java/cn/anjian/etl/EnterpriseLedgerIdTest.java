package cn.anjian.etl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Enterprises keyed by the ledger's own number (issue #15, item 4): establishments without a credit code, two of one
 * name in one village, stay apart by their 企业内部编号; the fines of the enforcement ledger that name them by that
 * number link to them and show on the enterprise page; a number the town's enterprise ledger lacks is refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithAccount(Role.ADMIN)
class EnterpriseLedgerIdTest {

    private static final String TOWN = "341525106000";
    private static final String FIRST = "L" + TOWN + "-QY-001";
    private static final String SECOND = "L" + TOWN + "-QY-002";

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("enterprise-ledger-id.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEnterpriseKeyedByItsOwnNumberLinksItsFinesAndTheyShowOnItsPage() throws Exception {
        Path regions = files.resolve("regions.csv");
        Files.writeString(regions, ImportJobTest.REGIONS, StandardCharsets.UTF_8);
        assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").rejected()).isZero();

        // given: an enterprise ledger without credit codes, two 农家乐 of one name in one village
        Path enterprises = xlsx("生产经营单位.xlsx", List.of("企业内部编号", "单位名称", "村(社区)", "行业领域", "企业规模"),
                List.of(List.of("QY-001", "山里人家农家乐", "诸佛庵村", "旅游", "小微"),
                        List.of("QY-002", "山里人家农家乐", "诸佛庵村", "旅游", "小微"),
                        List.of("QY-003", "竹海茶厂", "漫水河社区", "工贸", "小微")));
        ImportService.ImportStatus ledger = imports.importNow(ImportKind.ENTERPRISES, enterprises, "生产经营单位.xlsx");
        assertThat(ledger.rejected()).isZero();
        assertThat(jdbc.queryForList("SELECT enterprise_code || ' ' || ledger_id FROM dim_enterprise WHERE ledger_id LIKE 'QY-00%' ORDER BY 1",
                String.class)).containsExactly(FIRST + " QY-001", SECOND + " QY-002", "L" + TOWN + "-QY-003 QY-003");
        // the same ledger again changes nothing (the number is the key, not the name)
        assertThat(imports.importNow(ImportKind.ENTERPRISES, enterprises, "生产经营单位.xlsx").changes().unchanged())
                .isEqualTo(3);

        // when: the fines name the enterprises by that number (one number the ledger does not have)
        Path fines = xlsx("执法台账.xlsx", List.of("案件编号", "执法日期", "村(社区)", "当事单位", "行业领域", "执法措施",
                        "实际罚款(元)", "企业内部编号"),
                List.of(List.of("ZF-1", "2026-03-02", "诸佛庵村", "山里人家农家乐", "旅游", "行政处罚", "5000", "QY-001"),
                        List.of("ZF-2", "2026-04-11", "诸佛庵村", "山里人家农家乐", "旅游", "行政处罚", "3000", "QY-001"),
                        List.of("ZF-3", "2026-04-12", "诸佛庵村", "山里人家农家乐", "旅游", "警告", "", "QY-002"),
                        List.of("ZF-4", "2026-04-13", "漫水河社区", "某小卖部", "工贸", "警告", "", "QY-404")));
        ImportService.ImportStatus enforcement = imports.importNow(ImportKind.ENFORCEMENT, fines, "执法台账.xlsx");

        // then: three cases linked to their enterprise, the unknown number refused with its reason
        assertThat(enforcement.rejected()).isEqualTo(1);
        assertThat(imports.rejects(enforcement.id())).extracting(ImportService.Reject::field, ImportService.Reject::value,
                ImportService.Reject::reason).containsExactly(
                tuple("企业内部编号", "QY-404", "未知的企业内部编号: 本乡镇的生产经营单位台账中没有这个编号"));
        assertThat(jdbc.queryForList("SELECT case_no || ' ' || enterprise_code FROM fact_enforcement ORDER BY 1",
                String.class)).containsExactly("ZF-1 " + FIRST, "ZF-2 " + FIRST, "ZF-3 " + SECOND);

        // the enterprise page: its cases and its fines, not its namesake's
        mvc.perform(get("/api/dashboards/enterprise/panels/enforcement").param("enterprise", FIRST))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[*][0]", containsInAnyOrder("ZF-1", "ZF-2")));
        mvc.perform(get("/api/dashboards/enterprise/panels/kpis").param("enterprise", FIRST))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kpis[?(@.metric == 'enforcement_actions')].value").value(2))
                .andExpect(jsonPath("$.kpis[?(@.metric == 'fines_final')].value").value(8000.0));
        String page = mvc.perform(get("/dashboards/enterprise").param("q", "QY-00")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("/dashboards/enterprise?enterprise=" + FIRST)
                .contains("/dashboards/enterprise?enterprise=" + SECOND);
    }

    @Test
    void aNumberAlreadyUsedInTheTownByAnotherEnterpriseIsRefused() throws Exception {
        Path regions = files.resolve("regions.csv");
        Files.writeString(regions, ImportJobTest.REGIONS, StandardCharsets.UTF_8);
        imports.importNow(ImportKind.REGIONS, regions, "regions.csv");
        imports.importNow(ImportKind.ENTERPRISES, xlsx("a.xlsx", List.of("企业内部编号", "单位名称", "村(社区)", "行业领域",
                "企业规模"), List.of(List.of("QY-777", "甲厂", "诸佛庵村", "工贸", "小微"))), "a.xlsx");

        ImportService.ImportStatus second = imports.importNow(ImportKind.ENTERPRISES, xlsx("b.xlsx", List.of(
                "统一社会信用代码", "企业内部编号", "单位名称", "村(社区)", "行业领域", "企业规模"),
                List.of(List.of("91341525MA2N000001", "QY-777", "乙厂", "漫水河社区", "工贸", "小微"))), "b.xlsx");

        assertThat(second.rejected()).isEqualTo(1);
        assertThat(imports.rejects(second.id())).extracting(ImportService.Reject::reason)
                .containsExactly("企业内部编号在本乡镇已被另一家生产经营单位使用");
    }

    /** The clerk fills in the credit code of an enterprise first listed by its number only: it is the same one. */
    @Test
    void anEnterpriseKeyedByItsNumberThatGainsACreditCodeStaysOneEnterprise() throws Exception {
        Path regions = files.resolve("regions.csv");
        Files.writeString(regions, ImportJobTest.REGIONS, StandardCharsets.UTF_8);
        imports.importNow(ImportKind.REGIONS, regions, "regions.csv");
        List<String> headers = List.of("统一社会信用代码", "企业内部编号", "单位名称", "村(社区)", "行业领域", "企业规模");
        imports.importNow(ImportKind.ENTERPRISES, xlsx("c.xlsx", headers,
                List.of(List.of("", "QY-888", "丙厂", "诸佛庵村", "工贸", "小微"))), "c.xlsx");

        ImportService.ImportStatus later = imports.importNow(ImportKind.ENTERPRISES, xlsx("c2.xlsx", headers,
                List.of(List.of("91341525MA2N000009", "QY-888", "丙厂", "诸佛庵村", "工贸", "小微"))), "c2.xlsx");

        assertThat(later.rejected()).isZero();
        assertThat(jdbc.queryForList("SELECT enterprise_code || ' ' || coalesce(credit_code, '-') FROM dim_enterprise"
                + " WHERE ledger_id = 'QY-888' AND is_current", String.class))
                .containsExactly("L" + TOWN + "-QY-888 91341525MA2N000009");
    }

    private Path xlsx(String name, List<String> headers, List<List<String>> rows) throws IOException {
        Path file = Files.createTempDirectory(files, "x").resolve(name);
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("台账");
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            book.write(out);
        }
        return file;
    }
}
