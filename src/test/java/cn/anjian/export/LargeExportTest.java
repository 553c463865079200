package cn.anjian.export;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.HazardFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A million-row export streams: the retained heap stays small next to the file, and XLSX splits sheets. */
@WithAccount(Role.ADMIN)
@SpringBootTest
class LargeExportTest {

    private static final int ROWS = 1_000_000;

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("large-export-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.demo.enabled", () -> "false");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FactExports facts;

    @Test
    void aMillionHazardsStreamToCsvWithBoundedHeap() throws Exception {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, hazard_level, sector_code, region_code, target_name,
                    description, status, funds_yuan, wl_responsibility, wl_measures, wl_funds, wl_time_limit,
                    wl_contingency, is_published, batch_id)
                SELECT 'BIG-' || lpad(i::VARCHAR, 8, '0'), DATE '2020-01-01' + (i % 1800)::INTEGER,
                    CASE WHEN i % 50 = 0 THEN 'major' ELSE 'general' END,
                    ['fire', 'road_traffic', 'town_gas', 'construction'][1 + i % 4],
                    ['341525106201', '341525106202', '341525106203'][1 + i % 3],
                    '某某有限公司第' || (i % 997) || '车间', '消防通道堆放杂物，灭火器过期未检，安全出口锁闭 ' || i,
                    'open', (i % 1000) * 1.5, true, true, false, true, false, false, 1
                FROM range(?) t(i)""", ROWS);
        MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old")).findFirst().orElseThrow();
        System.gc();
        long baseline = old.getUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(old.getUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        CountingSink out = new CountingSink();
        long started = System.nanoTime();

        long rows = facts.write(Fact.HAZARDS, facts.query(Fact.HAZARDS, FactExports.ALL_TIME, ExportFormat.CSV), ExportFormat.CSV, out);

        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();
        long growth = peak.get() - baseline;
        System.out.printf("exported %,d rows, %,d bytes in %.1f s (%.0f rows/s); old-gen growth %,d bytes%n",
                rows, out.bytes, seconds, rows / seconds, growth);
        assertThat(rows).isGreaterThanOrEqualTo(ROWS);
        assertThat(out.bytes).isGreaterThan(100L * ROWS);
        assertThat(growth).as("retained heap growth vs file size %,d", out.bytes).isLessThan(out.bytes / 10);
    }

    @Test
    void xlsxContinuesOnANewSheetPastTheRowLimit() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (XlsxSink sink = new XlsxSink(bytes, 3)) {
            sink.table("隐患明细", java.util.List.of("编号"), java.util.List.of(ColumnKind.INTEGER));
            for (long i = 0; i < 7; i++) {
                sink.row(new Object[] {i});
            }
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(3);
            assertThat(book.getSheetName(1)).isEqualTo("隐患明细(2)");
            assertThat(book.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(book.getSheetAt(2).getLastRowNum()).isEqualTo(1);
        }
        assertThat(XlsxSink.MAX_DATA_ROWS).isEqualTo(1_048_575);
    }

    /** Counts and discards: the test measures the exporter, not a buffer. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
