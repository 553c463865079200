package cn.anjian.export;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportService;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.semantic.RowScope;

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

/** Detail exports: template headers, typed cells, neutralized formulas, row scope, Parquet, and the round trip. */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class FactExportTest {

    private static final String EVIL = "=HYPERLINK(\"http://x\",\"点我\")";

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("fact-export-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.demo.enabled", () -> "false");
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportService imports;

    @Autowired
    FactExports facts;

    @Autowired
    CopyStreams copies;

    @BeforeEach
    void fill() {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
        jdbc.update("UPDATE fact_hazard SET description = ?, target_name = '@SUM(A1)', funds_yuan = 1234.50,"
                + " deadline_date = found_date + 30, department_code = (SELECT min(department_code) FROM dim_department)"
                + " WHERE hazard_no = (SELECT min(hazard_no) FROM fact_hazard)", EVIL);
    }

    private static final String BUSINESS_COLUMNS = """
            hazard_no, found_date, deadline_date, rectified_date, verified_date, closed_date, hazard_level,
            sector_code, region_code, enterprise_code, target_name, department_code, inspection_no, description,
            status, funds_yuan, wl_responsibility, wl_measures, wl_funds, wl_time_limit, wl_contingency, is_published""";

    @Test
    void hazardsCsvHasTheTemplateHeadersTheFilteredRowsAndNeutralizedFormulas() throws Exception {
        MockHttpServletResponse response = download(mvc, request("/api/export/hazards.csv",
                "from", "2023-11", "to", "2024-02", "village", HazardFixture.XIHE));

        assertThat(response.getHeader("Content-Disposition")).contains("filename*=UTF-8''")
                .contains("filename=\"hazards.csv\"");
        List<CSVRecord> records = ExportRequests.csv(response.getContentAsByteArray());
        // the template's headers, then the ledger's other columns as imported
        assertThat(records.get(0).toList()).isEqualTo(withExtra(ImportKind.HAZARDS));
        long expected = jdbc.queryForObject("""
                SELECT count(*) FROM fact_hazard WHERE found_date >= DATE '2023-11-01'
                  AND found_date < DATE '2024-03-01' AND region_code = ?""", Long.class, HazardFixture.XIHE);
        assertThat(records).hasSize((int) expected + 1);
        assertThat(records.stream().skip(1).map(r -> r.get(3)).distinct()).containsExactly("西河村");

        List<CSVRecord> all = ExportRequests.csv(download(mvc, request("/api/export/hazards.csv"))
                .getContentAsByteArray());
        CSVRecord evil = all.stream().filter(r -> r.get(7).contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(evil.get(7)).isEqualTo("'" + EVIL);
        assertThat(evil.get(4)).isEqualTo("'@SUM(A1)");
        assertThat(evil.get(16)).isEqualTo("1234.50");
        assertThat(all.stream().skip(1).map(r -> r.get(8)).distinct()).containsOnly("一般隐患", "重大隐患");
        assertThat(new String(download(mvc, request("/api/export/hazards.csv")).getContentAsByteArray(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",")
                .doesNotContain(",=HYPERLINK");
    }

    @Test
    void theSqlFormulaRuleOfCsvAnswersAsTheJavaRuleOfXlsx() {
        for (String text : List.of("=1+2", "+86 138", "-灭火器过期", "@SUM(A1)", "\t=cmd", "\r=cmd", "正常文字",
                "a=b", "'=already", "", " =lead space", "１=全角")) {
            assertThat(jdbc.queryForObject("SELECT anj_formula_safe(?)", String.class, text)).as(text)
                    .isEqualTo(Cells.neutralize(text));
        }
        assertThat(jdbc.queryForObject("SELECT anj_formula_safe(NULL)", String.class)).isNull();
    }

    @Test
    void aClientThatGoesAwayMidDownloadEndsDuckDbsWriterAndLeavesNoPipe() throws Exception {
        var query = facts.query(Fact.HAZARDS, FactExports.ALL_TIME, ExportFormat.CSV);
        java.io.OutputStream breaksAfter100Bytes = new java.io.OutputStream() {
            int written;

            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                written += len;
                if (written > 100) {
                    throw new java.io.IOException("Broken pipe (client closed the connection)");
                }
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> facts.write(Fact.HAZARDS, query, ExportFormat.CSV,
                breaksAfter100Bytes)).isInstanceOf(java.io.IOException.class).hasMessageContaining("client closed");

        try (var files = Files.list(warehouse.resolve("work").resolve("exports"))) {
            assertThat(files).as("pipe removed").isEmpty();
        }
        // the warehouse answers the next export at once: no COPY is left holding a connection
        var out = new java.io.ByteArrayOutputStream();
        assertThat(facts.write(Fact.HAZARDS, query, ExportFormat.CSV, out))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class));
    }

    @Test
    void aCopyThatFailsReportsDuckDbsErrorInsteadOfHanging() throws Exception {
        var broken = org.jooq.impl.DSL.using(org.jooq.SQLDialect.DUCKDB)
                .select(org.jooq.impl.DSL.field("no_such_column")).from(org.jooq.impl.DSL.table("fact_hazard"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> copies.csv(broken,
                new java.io.ByteArrayOutputStream())).hasStackTraceContaining("no_such_column");

        try (var files = Files.list(warehouse.resolve("work").resolve("exports"))) {
            assertThat(files).as("pipe removed").isEmpty();
        }
    }

    @Test
    void hazardsXlsxHasRealDatesNumbersAndAFrozenTemplateHeader() throws Exception {
        MockHttpServletResponse response = download(mvc, request("/api/export/hazards.xlsx"));

        try (XSSFWorkbook book = ExportRequests.xlsx(response.getContentAsByteArray())) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            Row header = sheet.getRow(0);
            for (int i = 0; i < ImportKind.HAZARDS.headers().size(); i++) {
                assertThat(header.getCell(i).getStringCellValue()).isEqualTo(ImportKind.HAZARDS.headers().get(i));
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM fact_hazard",
                    Integer.class));
            Row first = sheet.getRow(1);
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(1))).isTrue();
            assertThat(first.getCell(16).getNumericCellValue()).isEqualTo(1234.5);
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo(EVIL);
            assertThat(first.getCell(7).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getColumnWidth(7)).as("fits Chinese text").isGreaterThan(12 * 256);
        }
    }

    @Test
    void exportingHazardsToXlsxAndImportingTheFileLeavesTheWarehouseUnchanged() throws Exception {
        List<Map<String, Object>> before = jdbc.queryForList("SELECT " + BUSINESS_COLUMNS
                + " FROM fact_hazard ORDER BY hazard_no");
        byte[] file = download(mvc, request("/api/export/hazards.xlsx")).getContentAsByteArray();
        Path xlsx = Files.write(warehouse.resolve("隐患明细.xlsx"), file);

        ImportService.ImportStatus status = imports.importNow(ImportKind.HAZARDS, xlsx, "隐患明细.xlsx");

        assertThat(status.status()).as(status.message()).isEqualTo("COMPLETED");
        assertThat(status.rejected()).isZero();
        assertThat(status.read()).isEqualTo(before.size());
        List<Map<String, Object>> after = jdbc.queryForList("SELECT " + BUSINESS_COLUMNS
                + " FROM fact_hazard ORDER BY hazard_no");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void parquetHoldsTheSameRowsWithChineseColumnNames() throws Exception {
        byte[] file = download(mvc, request("/api/export/hazards.parquet", "sector", "fire"))
                .getContentAsByteArray();
        Path parquet = Files.write(warehouse.resolve("hazards.parquet"), file);

        long rows = jdbc.queryForObject("SELECT count(*) FROM read_parquet(?)", Long.class, parquet.toString());
        assertThat(rows).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM fact_hazard WHERE sector_code = 'fire'", Long.class));
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT \"行业领域\") FROM read_parquet(?)", Long.class,
                parquet.toString())).isEqualTo(1L);
        try (var files = Files.list(warehouse.resolve("work").resolve("exports"))) {
            assertThat(files).as("temp files deleted").isEmpty();
        }
    }

    @Test
    void theRowScopeLimitsTheExport() throws Exception {
        RowScope onlyDongshan = region -> region.eq(HazardFixture.DONGSHAN);
        FactExports scoped = new FactExports(org.jooq.impl.DSL.using(jdbc.getDataSource(),
                org.jooq.SQLDialect.DUCKDB), null, onlyDongshan, copies);
        var out = new java.io.ByteArrayOutputStream();

        long rows = scoped.write(Fact.HAZARDS, scoped.query(Fact.HAZARDS, FactExports.ALL_TIME, ExportFormat.CSV),
                ExportFormat.CSV,
                out);

        assertThat(rows).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM fact_hazard WHERE region_code = ?", Long.class, HazardFixture.DONGSHAN));
        List<CSVRecord> records = ExportRequests.csv(out.toByteArray());
        assertThat(records.stream().skip(1).map(r -> r.get(3)).distinct()).containsExactly("东山村");
    }

    @Test
    void unknownFactsAndFiltersAreRefused() throws Exception {
        assertThat(mvc.perform(request("/api/export/people.csv")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(request("/api/export/hazards.csv", "village", "'; DROP TABLE x"))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(request("/api/export/accidents.csv", "hazard_level", "major"))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void otherFactsExportWithTheirTemplateHeaders() throws Exception {
        for (ImportKind kind : List.of(ImportKind.INSPECTIONS, ImportKind.ENFORCEMENT, ImportKind.ACCIDENTS)) {
            List<CSVRecord> records = ExportRequests.csv(download(mvc,
                    request("/api/export/" + kind.code() + ".csv")).getContentAsByteArray());
            assertThat(records.get(0).toList()).isEqualTo(withExtra(kind));
        }
    }

    private static List<String> withExtra(ImportKind kind) {
        List<String> headers = new java.util.ArrayList<>(kind.headers());
        headers.add(ImportKind.EXTRA_HEADER);
        return headers;
    }
}
