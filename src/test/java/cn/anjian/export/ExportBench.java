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
 * Not a test (surefire skips the name): {@code bench/exports/run.sh [rows]} (its {@link #main}), or
 * {@code ./mvnw -q -B test -Dtest=ExportBench -Dbench.rows=10000000 -Dsurefire.failIfNoSpecifiedTests=false}.
 * Appends to bench/exports/RESULTS-exports.md unless {@code -Dbench.results=0}. Starts from a fresh scratch
 * warehouse ({@code -Dbench.dir}, default bench/exports/work) and checks the rows it generated before timing and the
 * rows of every file it wrote after; it fails rather than report figures over the wrong data (issue #18).
 */
@SpringBootTest
class ExportBench {

    static final Path WORK = Path.of(System.getProperty("bench.dir", "bench/exports/work")).toAbsolutePath();

    /** The scratch warehouse's settings, for the test and for {@link #main}. */
    static java.util.Map<String, String> properties() throws Exception {
        Files.createDirectories(WORK);
        Files.deleteIfExists(WORK.resolve("bench.duckdb"));
        Files.deleteIfExists(WORK.resolve("bench.duckdb.wal"));
        return java.util.Map.of("anjian.warehouse.path", WORK.resolve("bench.duckdb").toString(),
                "anjian.etl.work-dir", WORK.resolve("etl").toString(),
                "anjian.warehouse.memory-limit", "2GB", "anjian.demo.enabled", "false", "anjian.reports.cron", "-");
    }

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws Exception {
        properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** bench/exports/run.sh: {@code ExportBench [rows]}, the application booted without the test framework. */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : Integer.getInteger("bench.rows", 10_000_000);
        try (var ctx = new org.springframework.boot.builder.SpringApplicationBuilder(cn.anjian.AnjianApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run(properties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            measure(ctx.getBean(JdbcTemplate.class), ctx.getBean(FactExports.class), rows);
        } catch (Exception e) {
            System.err.println("export bench FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FactExports facts;

    @Test
    void run() throws Exception {
        measure(jdbc, facts, Integer.getInteger("bench.rows", 10_000_000));
    }

    static void measure(JdbcTemplate jdbc, FactExports facts, int rows) throws Exception {
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
        long generated = jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE hazard_no LIKE 'BENCH-%'", Long.class);
        if (generated != rows) {
            throw new IllegalStateException(String.format("fact_hazard holds %,d generated rows, asked for %,d: refusing"
                    + " to time it", generated, rows));
        }
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
        // the rows of every file written: an export that lost rows must not be reported as fast
        for (Path p : new Path[] {ourCsv, copyCsv, ourParquet, copyParquet}) {
            long n = p.toString().endsWith(".csv") ? lines(p) - 1
                    : jdbc.queryForObject("SELECT count(*) FROM read_parquet('" + p + "')", Long.class);
            if (n != total) {
                throw new IllegalStateException(String.format("%s holds %,d rows, the query %,d", p.getFileName(), n, total));
            }
        }
        report.append("\nPeak heap used (JVM): ")
                .append(ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20).append(" MB\n");
        System.out.println(report);
        if (!"0".equals(System.getProperty("bench.results"))) {
            Files.writeString(Path.of("bench/exports/RESULTS-exports.md"), report, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        for (Path p : new Path[] {ourCsv, copyCsv, ourParquet, copyParquet}) {
            Files.deleteIfExists(p);
        }
    }

    private static void line(StringBuilder b, String what, double seconds, long rows, Path file, double copy)
            throws Exception {
        b.append(String.format("| %s | %.1f | %,.0f | %,d | %.2f |%n", what, seconds, rows / seconds,
                Files.size(file) >> 20, copy / seconds));
    }

    /** Line breaks in a file (the bench's texts hold none, so one a row plus the header's). */
    private static long lines(Path file) throws Exception {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
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
