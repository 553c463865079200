package cn.anjian.export;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static cn.anjian.export.ExportRequests.download;
import static cn.anjian.export.ExportRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Panel and dashboard exports hold the panel API's numbers, in well-formed CSV and XLSX files, and are audited. */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class PanelExportTest {

    private static final String PANELS = "/api/dashboards/hazard-trends/panels/";
    private static final String[] FILTERS = {"from", "2024-03", "to", "2024-08", "village", HazardFixture.XIHE};

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("panel-export-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.demo.enabled", () -> "false");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
        marts.refresh();
    }

    private List<List<Object>> apiRows(String panel) throws Exception {
        String json = mvc.perform(request(PANELS + panel, FILTERS)).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.rows");
    }

    @Test
    void panelCsvHasABomChineseHeadersAndTheApisNumbers() throws Exception {
        MockHttpServletResponse response = download(mvc, request(PANELS + "by-sector/export.csv", FILTERS));

        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition"))
                .contains("filename=\"hazard-trends-by-sector.csv\"")
                .contains("filename*=UTF-8''%E5%90%84");
        List<CSVRecord> records = ExportRequests.csv(response.getContentAsByteArray());
        assertThat(records.get(0).toList()).containsExactly("月份", "行业领域", "发现隐患(件)");
        List<List<Object>> api = apiRows("by-sector");
        assertThat(records).hasSize(api.size() + 1);
        long fileSum = records.stream().skip(1).mapToLong(r -> Long.parseLong(r.get(2))).sum();
        long apiSum = api.stream().mapToLong(r -> ((Number) r.get(2)).longValue()).sum();
        assertThat(fileSum).isEqualTo(apiSum).isPositive();
        assertThat(records.get(1).get(1)).doesNotMatch("[a-z_]+"); // a Chinese sector name, not its code
    }

    @Test
    void panelXlsxHasNumbersAsNumbersAndAFrozenHeader() throws Exception {
        MockHttpServletResponse response = download(mvc, request(PANELS + "villages/export.xlsx", FILTERS));

        try (XSSFWorkbook book = ExportRequests.xlsx(response.getContentAsByteArray())) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("各村(社区)发现隐患排名");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("西河村");
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) sheet.getRow(1).getCell(1).getNumericCellValue())
                    .isEqualTo(((Number) apiRows("villages").get(0).get(1)).longValue());
            assertThat(sheet.getColumnWidth(0)).isGreaterThanOrEqualTo(7 * 256);
        }
    }

    @Test
    void dashboardWorkbookHasAFilterSheetAndOneSheetPerPanel() throws Exception {
        MockHttpServletResponse response = download(mvc,
                request("/api/dashboards/hazard-trends/export.xlsx", FILTERS));

        try (XSSFWorkbook book = ExportRequests.xlsx(response.getContentAsByteArray())) {
            assertThat(book.getNumberOfSheets()).isEqualTo(4);
            Sheet about = book.getSheetAt(0);
            assertThat(about.getSheetName()).isEqualTo("说明");
            StringBuilder text = new StringBuilder();
            about.forEach(row -> row.forEach(cell -> text.append(cell.getStringCellValue()).append('|')));
            assertThat(text.toString()).contains("隐患趋势", "2024-03 至 2024-08", "西河村", "数据截至", "导出时间");
            assertThat(book.getSheetAt(1).getSheetName()).isEqualTo("发现隐患总数");
            Sheet bySector = book.getSheetAt(2);
            long sum = 0;
            for (int i = 1; i <= bySector.getLastRowNum(); i++) {
                sum += (long) bySector.getRow(i).getCell(2).getNumericCellValue();
            }
            long apiSum = apiRows("by-sector").stream().mapToLong(r -> ((Number) r.get(2)).longValue()).sum();
            assertThat(sum).isEqualTo(apiSum);
        }
    }

    @Test
    void everyExportIsAudited() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM export_audit", Long.class);
        download(mvc, request(PANELS + "villages/export.csv", FILTERS));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM export_audit", Long.class)).isEqualTo(before + 1);
        var last = jdbc.queryForMap("SELECT * FROM export_audit ORDER BY audit_id DESC LIMIT 1");
        assertThat(last.get("principal")).isEqualTo("test-admin");
        assertThat(last.get("export_format")).isEqualTo("csv");
        assertThat((String) last.get("filters")).contains("西河村");
        assertThat(((Number) last.get("row_count")).longValue()).isEqualTo(1L);
        assertThat(last.get("outcome")).isEqualTo("成功");
    }

    @Test
    void unknownPanelAndFormatAre404() throws Exception {
        assertThat(mvc.perform(request(PANELS + "nope/export.csv")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(request(PANELS + "villages/export.pdf")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void theAdminPageListsExports() throws Exception {
        download(mvc, request(PANELS + "villages/export.xlsx", FILTERS));

        download(mvc, request("/api/export/hazards.csv", "from", "2024-01"));

        String html = mvc.perform(request("/admin/exports")).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("导出记录", "看板 隐患趋势 / 图表 各村(社区)发现隐患排名", "XLSX", "西河村", "成功")
                .contains("时间范围: 2024-01 起").doesNotContain("2999-12").doesNotContain("看板 hazard-trends");
    }
}
