package cn.anjian.export;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.HazardFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static cn.anjian.export.ExportRequests.download;
import static cn.anjian.export.ExportRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled job on 1 April writes March's report and the first quarter's, with the warehouse's numbers. */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class ReportJobTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> dir.resolve("report-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.demo.enabled", () -> "false");
        registry.add("anjian.reports.dir", () -> dir.resolve("reports").toString());
        registry.add("anjian.reports.cron", () -> "-");
        registry.add("anjian.today", () -> "2024-04-01T01:30");
    }

    @Autowired
    ReportJob job;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc) {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
    }

    @Test
    void onTheFirstOfAprilTheJobWritesMarchAndTheFirstQuarter() throws Exception {
        List<Path> written = job.run();

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("安全生产统计月报_2024-03.xlsx", "安全生产统计季报_2024-Q1.xlsx");
        assertThat(written).allSatisfy(p -> assertThat(p).exists().hasParent(dir.resolve("reports")));
        long march = jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE found_date BETWEEN"
                + " DATE '2024-03-01' AND DATE '2024-03-31'", Long.class);
        try (InputStream in = Files.newInputStream(written.get(0)); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).contains("2024年3月");
            assertThat(book.getSheetName(1)).isEqualTo("隐患排查治理按村(社区)");
            assertThat(book.getSheetName(4)).isEqualTo("执法按村(社区)");
            assertThat(book.getNumberOfSheets()).isEqualTo(7);
            Sheet villages = book.getSheetAt(1);
            assertThat(villages.getRow(0).getCell(0).getStringCellValue()).isEqualTo("村(社区)");
            Row total = villages.getRow(villages.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) total.getCell(1).getNumericCellValue()).isEqualTo(march);
            // the rate as the catalogue shows rectification_rate: in percent to one decimal, a real number
            assertThat(villages.getRow(0).getCell(5).getStringCellValue()).isEqualTo("整改率(%)");
            assertThat(total.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            double rate = (double) (long) total.getCell(4).getNumericCellValue() / march;
            assertThat(total.getCell(5).getNumericCellValue())
                    .isEqualTo(java.math.BigDecimal.valueOf(rate).setScale(3, java.math.RoundingMode.HALF_UP)
                            .doubleValue());
            assertThat(total.getCell(7).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            // every village is listed, those without a hazard in March with 0
            long villageCount = jdbc.queryForObject("SELECT count(*) FROM dim_region WHERE region_level = 'village'",
                    Long.class);
            assertThat(villages.getLastRowNum() - 1).as("village rows").isEqualTo(villageCount);
            List<String> quiet = jdbc.queryForList("""
                    SELECT region_name FROM dim_region v WHERE region_level = 'village' AND NOT EXISTS (
                      SELECT 1 FROM fact_hazard f WHERE f.region_code = v.region_code
                        AND found_date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31')""", String.class);
            assertThat(quiet).as("a village without a hazard in March in the fixture").isNotEmpty();
            for (int r = 1; r < villages.getLastRowNum(); r++) {
                Row row = villages.getRow(r);
                if (quiet.contains(row.getCell(0).getStringCellValue())) {
                    assertThat(row.getCell(1).getNumericCellValue()).isZero();
                    assertThat(row.getCell(2).getNumericCellValue()).as("一般 of a quiet village").isZero();
                }
                // 一般 and 重大 always add up to the hazards found
                assertThat(row.getCell(2).getNumericCellValue() + row.getCell(3).getNumericCellValue())
                        .isEqualTo(row.getCell(1).getNumericCellValue());
            }
            Sheet sectors = book.getSheetAt(3);
            assertThat((long) sectors.getRow(sectors.getLastRowNum()).getCell(1).getNumericCellValue())
                    .isEqualTo(march);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM export_audit WHERE principal = 'scheduler'",
                Long.class)).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void theSameReportCanBeMadeOnDemandForAPastQuarter() throws Exception {
        byte[] body = download(mvc, request("/reports/2023-Q4.xlsx")).getContentAsByteArray();

        long q4 = jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE found_date BETWEEN"
                + " DATE '2023-10-01' AND DATE '2023-12-31'", Long.class);
        try (XSSFWorkbook book = ExportRequests.xlsx(body)) {
            Sheet villages = book.getSheetAt(1);
            assertThat((long) villages.getRow(villages.getLastRowNum()).getCell(1).getNumericCellValue())
                    .isEqualTo(q4);
        }
        assertThat(mvc.perform(request("/reports/2024-Q2.xlsx")).andReturn().getResponse().getStatus())
                .as("a period not yet over").isEqualTo(400);
        assertThat(mvc.perform(request("/reports")).andReturn().getResponse().getContentAsString())
                .contains("生成季报");
    }
}
