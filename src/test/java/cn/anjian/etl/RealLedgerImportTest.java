package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real railway-construction hazard ledger in ../shared/realdata/ through its mapping profile: every record is
 * either in the warehouse with the right dates, level, status and region, or rejected with a reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RealLedgerImportTest {

    static final Path LEDGER = Path.of("../shared/realdata/cn-railway-hazard-ledger-2024-2025.xlsx");

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("real.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    LedgerStager stager;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RejectReport report;

    @Test
    void theRailwayLedgerImportsThroughItsProfile() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(LEDGER), "Skipped: the real ledger " + LEDGER.toAbsolutePath()
                + " is absent (it lives in ../shared/realdata/ next to the project, not in the repository)");
        Path regions = Path.of(getClass().getResource("/realdata/railway-regions.csv").toURI());
        assertThat(imports.importNow(ImportKind.REGIONS, regions, "railway-regions.csv").status()).isEqualTo("COMPLETED");

        // no kind, no profile named: the headers decide
        MappingProfile profile = stager.inspect(LEDGER, LEDGER.getFileName().toString(), null, null, null);
        assertThat(profile.name()).isEqualTo("railway-hazard-ledger");

        var status = imports.importNow(profile.kind(), null, null, LEDGER, LEDGER.getFileName().toString());
        long id = status.id();
        long splitRecords = jdbc.queryForObject("SELECT count(*) FROM etl_lineage WHERE batch_id = ?", Long.class, id);
        long splitRows = jdbc.queryForObject("SELECT count(DISTINCT sheet_name || row_no) FROM etl_lineage WHERE batch_id = ?", Long.class, id);
        List<Map<String, Object>> byReason = jdbc.queryForList("""
                SELECT field_name, regexp_replace(reason, '第 [0-9]+ 行', '第 N 行') AS reason, count(*) AS n
                FROM etl_reject WHERE batch_id = ? GROUP BY ALL ORDER BY n DESC, reason""", id);
        long sourceRows = jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT DISTINCT sheet_name, row_no FROM etl_reject WHERE batch_id = ?
                  UNION SELECT DISTINCT h.source_file, h.source_row FROM fact_hazard h WHERE false)""", Long.class, id);
        System.out.printf("%n真实台账 %s: 状态 %s, 方案 %s%n  读取记录 %d, 入库 %d, 拒收 %d%n  拆分: %d 行拆成 %d 条%n  有拒收的行: %d%n",
                LEDGER.getFileName(), status.status(), profile.name(), status.read(), status.written(), status.rejected(),
                splitRows, splitRecords, sourceRows);
        byReason.forEach(r -> System.out.printf("  拒收 %3d  [%s] %s%n", r.get("n"), r.get("field_name"), r.get("reason")));
        System.out.println("  消息: " + status.message());

        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.read()).isEqualTo(status.written() + status.rejected());
        // 135 ledger rows (105 + 30); 17 cells of numbered hazards split into 45 records → 168 records; the 18 rows
        // of the 2025 sheet repeating rows of the main sheet (23 records) supersede them; one row has 已整改 in
        // 整改完成日期 (the columns of sheet 2 row 29 are shifted) and is rejected
        assertThat(status.read()).isEqualTo(168);
        assertThat(splitRows).isEqualTo(17);
        assertThat(splitRecords).isEqualTo(45);
        assertThat(status.written()).isEqualTo(144);
        assertThat(status.rejected()).isEqualTo(24);
        assertThat(byReason).extracting(r -> r.get("field_name") + " " + r.get("reason") + " ×" + r.get("n")).containsExactly(
                "隐患编号 同一编号在工作表「建设系统（2025）」第 N 行有更新的记录，以该行为准 ×23",
                "整改完成日期 " + LoadPlans.DATE_FORMS + " ×1");
        assertThat(jdbc.queryForObject("""
                SELECT row_no FROM etl_reject WHERE batch_id = ? AND field_name = '整改完成日期'""", Long.class, id))
                .isEqualTo(29);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE batch_id = ?", Long.class, id))
                .isEqualTo(status.written());
        // every loaded record: a region of the ledger, construction, a level and a status, dates in the ledger's span
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM fact_hazard WHERE batch_id = ? AND (region_code NOT LIKE 'GXTL01%'
                  OR sector_code <> 'construction' OR hazard_level <> 'general'
                  OR found_date NOT BETWEEN DATE '2024-06-01' AND DATE '2025-08-31'
                  OR deadline_date < found_date OR status NOT IN ('open', 'rectifying', 'rectified', 'closed'))""",
                Long.class, id)).isZero();
        // every record read is accounted for: loaded, or rejected with a reason
        assertThat(jdbc.queryForObject("SELECT count(*) FROM etl_reject WHERE batch_id = ? AND (reason IS NULL OR reason = '')",
                Long.class, id)).isZero();

        // sheet 1 row 6: six numbered hazards under two headings, found 2024-06-22 (an Excel serial), 3级 → general
        List<Map<String, Object>> first = jdbc.queryForList("""
                SELECT h.* FROM fact_hazard h JOIN etl_lineage l ON l.natural_key = h.hazard_no
                WHERE l.batch_id = ? AND l.sheet_name LIKE '%总表%' AND l.row_no = 6 ORDER BY h.hazard_no""", id);
        assertThat(first).hasSize(6);
        assertThat(first).allSatisfy(h -> assertThat(h).containsEntry("found_date", LocalDate.of(2024, 6, 22))
                .containsEntry("deadline_date", LocalDate.of(2024, 6, 25)).containsEntry("hazard_level", "general")
                .containsEntry("status", "rectified").containsEntry("region_code", "GXTL01000001"));
        assertThat(first.get(0).get("description").toString()).startsWith("钦防二线DK154+215那徬特大桥：11#桥墩桩基承台积水");
        assertThat(first.get(0).get("hazard_no").toString()).matches("TL-[0-9a-f]{12}-1");

        // text dates (2025.8.4) and free-text status (待整改), sheet 2 row 32
        Map<String, Object> last = jdbc.queryForMap("""
                SELECT * FROM fact_hazard WHERE batch_id = ? AND found_date = DATE '2025-08-04'
                ORDER BY hazard_no LIMIT 1""", id);
        assertThat(last).containsEntry("deadline_date", LocalDate.of(2025, 8, 11)).containsEntry("status", "open")
                .containsEntry("region_code", "GXTL01000001");
        // 已整改销号 → closed, 5级 → general (sheet 1 row 84, 柳州建指, 2024-11-06)
        assertThat(jdbc.queryForObject("""
                SELECT status FROM fact_hazard WHERE batch_id = ? AND found_date = DATE '2024-11-06'
                  AND region_code = 'GXTL01000003'""", String.class, id)).isEqualTo("closed");

        // the reject report: the rejected ledger rows under the ledger's own headers, ready to fix and upload again
        java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
        report.write(id, xlsx);
        Path fixed = warehouse.resolve("railway-rejects.xlsx");
        Files.write(fixed, xlsx.toByteArray());
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(fixed))) {
            var sheet = book.getSheetAt(0);
            List<String> headers = new java.util.ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).contains("检查时间", "检查单位", "隐患问题描述", "整改责任单位/施工", RejectReport.REASON);
            assertThat(sheet.getLastRowNum()).isEqualTo(19);
        }
        assertThat(stager.inspect(fixed, "railway-rejects.xlsx", null, null, null).name()).isEqualTo("railway-hazard-ledger");

        // importing the same ledger again changes nothing, and says so: every accepted record unchanged
        long before = jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class);
        var again = imports.importNow(profile.kind(), "railway-hazard-ledger", null, LEDGER, LEDGER.getFileName().toString());
        assertThat(again.written()).isZero();
        assertThat(again.changes()).isEqualTo(new ImportService.Changes(0, 0, status.written()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class)).isEqualTo(before);
    }
}
