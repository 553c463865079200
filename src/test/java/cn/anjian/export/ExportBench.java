package cn.anjian.export;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Export throughput next to DuckDB's own {@code COPY … TO} of the same query, in the same run (bench/exports).
 * Not a test (surefire skips the name): {@code ./mvnw -q -B test -Dtest=ExportBench -Dbench.rows=10000000
 * -Dsurefire.failIfNoSpecifiedTests=false}. Appends to bench/exports/RESULTS-exports.md.
 */
@SpringBootTest
class ExportBench {

    static final Path WORK = Path.of("bench/exports/work").toAbsolutePath();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws Exception {
        Files.createDirectories(WORK);
        Files.deleteIfExists(WORK.resolve("bench.duckdb"));
        Files.deleteIfExists(WORK.resolve("bench.duckdb.wal"));
        registry.add("anjian.warehouse.path", () -> WORK.resolve("bench.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "2GB");
        registry.add("anjian.demo.enabled", () -> "false");
        registry.add("anjian.reports.cron", () -> "-");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FactExports facts;

    @Test
    void run() throws Exception {
        int rows = Integer.getInteger("bench.rows", 10_000_000);
        cn.anjian.semantic.HazardFixture.insert(jdbc, java.time.YearMonth.of(2024, 12));
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, deadline_date, rectified_date, hazard_level,
                    sector_code, region_code, target_name, description, status, funds_yuan, wl_responsibility,
                    wl_measures, wl_funds, wl_time_limit, wl_contingency, is_published, batch_id)
                SELECT 'BENCH-' || lpad(i::VARCHAR, 9, '0'), DATE '2020-01-01' + (i % 1800)::INTEGER,
                    DATE '2020-02-01' + (i % 1800)::INTEGER,
                    CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2020-01-10' + (i % 1800)::INTEGER END,
                    CASE WHEN i % 50 = 0 THEN 'major' ELSE 'general' END,
                    ['fire', 'road_traffic', 'town_gas', 'construction'][1 + i % 4],
                    ['341525106201', '341525106202', '341525106203'][1 + i % 3],
                    '某某有限公司第' || (i % 997) || '车间', '消防通道堆放杂物，灭火器过期未检，安全出口锁闭 ' || i,
                    CASE WHEN i % 3 = 0 THEN 'open' ELSE 'rectified' END, (i % 1000) * 1.5,
                    true, true, false, true, false, false, 1
                FROM range(?) t(i)""", rows);
        long total = jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class);
        // built as an administrator would (the row scope shows an anonymous caller nothing)
        var query = cn.anjian.security.SystemActor.call("bench",
                () -> facts.query(Fact.HAZARDS, FactExports.ALL_TIME, ExportFormat.CSV));
        var parquetQuery = cn.anjian.security.SystemActor.call("bench",
                () -> facts.query(Fact.HAZARDS, FactExports.ALL_TIME, ExportFormat.PARQUET));
        String inlined = org.jooq.impl.DSL.using(org.jooq.SQLDialect.DUCKDB).renderInlined(query);

        Path ourCsv = WORK.resolve("ours.csv");
        Path copyCsv = WORK.resolve("copy.csv");
        Path ourParquet = WORK.resolve("ours.parquet");
        Path copyParquet = WORK.resolve("copy.parquet");
        StringBuilder report = new StringBuilder();
        report.append("\n## ").append(LocalDateTime.now().withNano(0)).append(" — ").append(total)
                .append(" hazard rows, load average ").append(load()).append(", nproc ")
                .append(Runtime.getRuntime().availableProcessors()).append(", -Xmx")
                .append(Runtime.getRuntime().maxMemory() >> 20).append("m\n\n")
                .append("| what | seconds | rows/s | MB | ratio to COPY |\n|---|---|---|---|---|\n");

        double copyCsvSeconds = time(() -> jdbc.execute("COPY (" + inlined + ") TO '" + copyCsv
                + "' (FORMAT csv, HEADER)"));
        double ourCsvSeconds = time(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(ourCsv), 1 << 16)) {
                facts.write(Fact.HAZARDS, query, ExportFormat.CSV, out);
            }
        });
        double copyParquetSeconds = time(() -> jdbc.execute("COPY (" + inlined + ") TO '" + copyParquet
                + "' (FORMAT parquet)"));
        double ourParquetSeconds = time(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(ourParquet), 1 << 16)) {
                facts.write(Fact.HAZARDS, parquetQuery, ExportFormat.PARQUET, out);
            }
        });
        line(report, "DuckDB COPY … TO csv", copyCsvSeconds, total, copyCsv, copyCsvSeconds);
        line(report, "export CSV (DuckDB COPY into a named pipe → response, BOM, neutralized)", ourCsvSeconds, total, ourCsv,
                copyCsvSeconds);
        line(report, "DuckDB COPY … TO parquet", copyParquetSeconds, total, copyParquet, copyParquetSeconds);
        line(report, "export Parquet (COPY to temp file + stream + delete, ZSTD)", ourParquetSeconds, total, ourParquet,
                copyParquetSeconds);
        report.append("\nPeak heap used (JVM): ")
                .append(ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20).append(" MB\n");
        System.out.println(report);
        Files.writeString(Path.of("bench/exports/RESULTS-exports.md"), report, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        for (Path p : new Path[] {ourCsv, copyCsv, ourParquet, copyParquet}) {
            Files.deleteIfExists(p);
        }
    }

    private static void line(StringBuilder b, String what, double seconds, long rows, Path file, double copy)
            throws Exception {
        b.append(String.format("| %s | %.1f | %,.0f | %,d | %.2f |%n", what, seconds, rows / seconds,
                Files.size(file) >> 20, copy / seconds));
    }

    private static String load() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    interface Work {
        void run() throws Exception;
    }

    private static double time(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e9;
    }
}
