package cn.anjian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.anjian.AnjianApplication;
import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportService;
import cn.anjian.etl.ImportService.ImportStatus;

/**
 * Issue #2, "Speed, measured": imports an N-row hazard ledger through the real import path (Spring Batch job: stage,
 * validation, rejects, MERGE upsert, marts) into a fresh DuckDB file, then loads the same file with DuckDB's own
 * {@code COPY} (and {@code CREATE TABLE AS SELECT * FROM read_csv}) in the same JVM and database, and reports rows/s
 * of both, their ratio, heap, peak RSS and DuckDB's memory against its {@code memory_limit}. Appends a result block
 * to {@code bench/RESULTS.md} when {@code -Dbench.results} names it. Run through {@code bench/run-import.sh}.
 */
public final class ImportBenchmark {

    private static final double TARGET_RATIO = 0.50;

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path work = Path.of(System.getProperty("bench.dir", "bench/work")).toAbsolutePath();
        String memoryLimit = System.getProperty("bench.memory-limit", "");
        String resultsFile = System.getProperty("bench.results", "");
        String command = System.getProperty("bench.command", "bench/run-import.sh " + rows);
        boolean failed;

        HazardCsvGenerator.Summary generated = HazardCsvGenerator.existing(work, rows).orElseThrow(
                () -> new IllegalStateException("no generated file of " + rows + " rows in " + work
                        + ": run HazardCsvGenerator first (bench/run-import.sh does)"));
        Path csv = HazardCsvGenerator.hazardsFile(work, rows);
        Path regions = HazardCsvGenerator.regionsFile(work);
        Path db = work.resolve("bench.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(work.resolve("bench.duckdb.wal"));
        deleteTree(work.resolve("etl"));

        // command-line arguments, so they win over application.properties (SpringApplicationBuilder.properties would not)
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("anjian.warehouse.path", db.toString());
        props.put("anjian.etl.work-dir", work.resolve("etl").toString());
        if (!memoryLimit.isBlank()) {
            props.put("anjian.warehouse.memory-limit", memoryLimit);
        }
        props.put("anjian.demo.enabled", "false");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.cn.anjian", "INFO");

        log("booting the application (non-web) on " + db);
        long bootStart = System.nanoTime();
        require(db.isAbsolute(), "database path must be absolute");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AnjianApplication.class)
                .web(WebApplicationType.NONE)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
            double bootSeconds = seconds(bootStart);
            ImportService imports = context.getBean(ImportService.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String dbInUse = jdbc.queryForObject(
                    "SELECT path FROM duckdb_databases() WHERE database_name = current_database()", String.class);
            require(db.toString().equals(dbInUse), "the app opened " + dbInUse + ", not " + db);
            String limitInEffect = jdbc.queryForObject("SELECT current_setting('memory_limit')", String.class);
            String threads = jdbc.queryForObject("SELECT current_setting('threads')::VARCHAR", String.class);
            String duckdbVersion = jdbc.queryForObject("SELECT version()", String.class);
            log("booted in %.1f s; DuckDB %s, memory_limit %s, threads %s".formatted(bootSeconds, duckdbVersion,
                    limitInEffect, threads));

            ImportStatus regionStatus = imports.importNow(ImportKind.REGIONS, regions, "regions.csv");
            require("COMPLETED".equals(regionStatus.status()), "regions import failed: " + regionStatus);
            log("regions: %d written".formatted(regionStatus.written()));

            // ---- 1. the real import path ----
            Sampler sampler = new Sampler(jdbc);
            resetPeaks();
            sampler.start();
            log("importing %,d rows (%,d bytes) through ImportService.importNow(HAZARDS, …)".formatted(rows,
                    generated.bytes()));
            String loadBefore = loadAverage();
            long t0 = System.nanoTime();
            long cpu0 = SqlRunner.cpuNanos();
            ImportStatus status = imports.importNow(ImportKind.HAZARDS, csv, csv.getFileName().toString());
            double importSeconds = seconds(t0);
            double importCpu = (SqlRunner.cpuNanos() - cpu0) / 1e9;
            Sampler.Peak importPeak = sampler.stop();
            long importHwm = vmKb("VmHWM");
            long heapPeak = heapPeakBytes();
            log("import: %s in %.2f s".formatted(status, importSeconds));

            Long jobExecutionId = jdbc.queryForObject("SELECT job_execution_id FROM etl_batch WHERE batch_id = ?",
                    Long.class, status.id());
            List<String[]> steps = jdbc.query("""
                    SELECT step_name, epoch_ms(end_time) - epoch_ms(start_time) AS ms, status
                    FROM batch_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id""",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, jobExecutionId);
            double hashSeconds = timeSha256(csv);
            long factRows = count(jdbc, "SELECT count(*) FROM fact_hazard");
            long martRows = count(jdbc, "SELECT count(*) FROM mart_hazard_month");
            long martFound = count(jdbc, "SELECT coalesce(sum(found_count), 0) FROM mart_hazard_month");
            List<String[]> reasons = jdbc.query("""
                    SELECT field_name, regexp_replace(reason, '第 [0-9]+ 行', '第 N 行') AS r, count(*)
                    FROM etl_reject WHERE batch_id = ? GROUP BY ALL ORDER BY 3 DESC""",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, status.id());

            // ---- 2. DuckDB's own loaders, same JVM, same database ----
            String file = "'" + csv.toString().replace("'", "''") + "'";
            jdbc.execute("CREATE OR REPLACE TABLE bench_scratch AS SELECT * FROM read_csv(" + file + ", header = true) LIMIT 0");
            resetPeaks();
            sampler = new Sampler(jdbc);
            sampler.start();
            long c0 = System.nanoTime();
            long cpu1 = SqlRunner.cpuNanos();
            jdbc.execute("COPY bench_scratch FROM " + file + " (HEADER)");
            double copySeconds = seconds(c0);
            double copyCpu = (SqlRunner.cpuNanos() - cpu1) / 1e9;
            Sampler.Peak copyPeak = sampler.stop();
            long copyHwm = vmKb("VmHWM");
            long copyRows = count(jdbc, "SELECT count(*) FROM bench_scratch");
            jdbc.execute("DROP TABLE bench_scratch");
            log("COPY: %,d rows in %.2f s".formatted(copyRows, copySeconds));

            long a0 = System.nanoTime();
            long cpu2 = SqlRunner.cpuNanos();
            jdbc.execute("CREATE OR REPLACE TABLE bench_scratch AS SELECT * FROM read_csv(" + file + ", header = true)");
            double ctasSeconds = seconds(a0);
            double ctasCpu = (SqlRunner.cpuNanos() - cpu2) / 1e9;
            String loadAfter = loadAverage();
            long ctasRows = count(jdbc, "SELECT count(*) FROM bench_scratch");
            jdbc.execute("DROP TABLE bench_scratch");
            log("CTAS read_csv: %,d rows in %.2f s".formatted(ctasRows, ctasSeconds));
            jdbc.execute("CHECKPOINT");
            long dbBytes = Files.size(db);

            // ---- report ----
            double importRate = rows / importSeconds;
            double copyRate = copyRows / copySeconds;
            double ctasRate = ctasRows / ctasSeconds;
            double ratio = importRate / copyRate;
            long maxHeap = Runtime.getRuntime().maxMemory();
            // the configured value (DuckDB: GB = 1000^3, GiB = 1024^3); current_setting() shows it rounded
            long limitBytes = parseSize(context.getEnvironment().getProperty("anjian.warehouse.memory-limit", "4GB"));
            boolean countsOk = "COMPLETED".equals(status.status()) && status.read() == rows
                    && status.written() == generated.good() && status.rejected() == generated.bad()
                    && factRows == generated.good() && martFound == generated.good() && copyRows == rows
                    && ctasRows == rows;
            failed = !countsOk;

            StringBuilder r = new StringBuilder();
            r.append("## ").append(LocalDateTime.now(ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" — ").append(String.format("%,d", rows))
                    .append(" rows\n\n");
            r.append("Command: `").append(command).append("`  \n");
            r.append("Code: ").append(System.getProperty("bench.git", "?")).append("  \n");
            r.append("Machine: ").append(machine()).append("  \n");
            r.append("JVM: Java ").append(System.getProperty("java.version")).append(", ")
                    .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(a -> a.startsWith("-Xm")).toList()))
                    .append(" (max heap ").append(mb(maxHeap)).append("); ").append(duckdbVersion)
                    .append(", memory_limit ").append(limitInEffect).append(", threads ").append(threads).append("\n\n");
            r.append("| load | wall s | rows/s | CPU s (all threads) | peak RSS (VmHWM) | peak DuckDB memory | DuckDB temp files |\n");
            r.append("|---|---:|---:|---:|---:|---:|---:|\n");
            r.append("| import: `ImportService.importNow(HAZARDS, …)` | %.2f | %,.0f | %.1f | %s | %s | %s |\n".formatted(
                    importSeconds, importRate, importCpu, mb(importHwm * 1024), mb(importPeak.duckdbBytes()),
                    mb(importPeak.tempBytes())));
            r.append("| DuckDB `COPY … FROM … (HEADER)` | %.2f | %,.0f | %.1f | %s | %s | %s |\n".formatted(copySeconds,
                    copyRate, copyCpu, mb(copyHwm * 1024), mb(copyPeak.duckdbBytes()), mb(copyPeak.tempBytes())));
            r.append("| DuckDB `CREATE TABLE AS SELECT * FROM read_csv(…)` | %.2f | %,.0f | %.1f | | | |\n".formatted(
                    ctasSeconds, ctasRate, ctasCpu));
            r.append("\n**Import / COPY = %.2f** by wall time (target ≥ %.2f: %s); by CPU time %.2f. Import / CTAS = %.2f.  \n"
                    .formatted(ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "NOT met", copyCpu / importCpu,
                            importRate / ctasRate));
            double maxLoad = Math.max(importPeak.maxLoad(), copyPeak.maxLoad());
            r.append("Load average (1/5/15 min) before the import: %s; after the CTAS: %s; highest 1-min value seen during the loads: %.1f%s.  \n"
                    .formatted(loadBefore, loadAfter, maxLoad, maxLoad > nproc()
                            ? " — more runnable work than the " + nproc() + " cores: the machine was busy with other work,"
                                    + " so wall times are inflated; compare CPU s" : ""));
            r.append("Import steps (Spring Batch): ");
            r.append(String.join(", ", steps.stream().map(s -> "%s %.2f s".formatted(s[0], Long.parseLong(s[1]) / 1000.0))
                    .toList()));
            r.append("; before the job, SHA-256 of the file ≈ %.2f s (timed again separately).  \n".formatted(hashSeconds));
            r.append("Peak Java heap used during the import: %s of %s.  \n".formatted(mb(heapPeak), mb(maxHeap)));
            r.append("DuckDB memory: peak %s sampled during the import (limit %s) — %s.  \n".formatted(
                    mb(importPeak.duckdbBytes()), limitInEffect,
                    memoryVerdict(importPeak, limitBytes)));
            r.append("Peak DuckDB memory by import step: %s.  \n".formatted(String.join(", ", importPeak.duckdbByStep()
                    .entrySet().stream().map(e -> e.getKey() + " " + mb(e.getValue())).toList())));
            r.append("Stage SQL of this build: sha1 %s (`ImportSqlDump`), so results of different import code can be told apart.  \n"
                    .formatted(stageSqlHash(csv)));
            r.append("Rows: file %,d (generated bad: %,d unknown village, %,d bad date, %,d negative funds, %,d duplicate no.)"
                    .formatted(rows, generated.unknownVillage(), generated.badDate(), generated.negativeFunds(),
                            generated.duplicates()));
            r.append("; import read %,d, written %,d, rejected %,d; fact_hazard %,d; mart found_count %,d (%d mart rows); "
                    .formatted(status.read(), status.written(), status.rejected(), factRows, martFound, martRows));
            r.append("COPY %,d, CTAS %,d — %s.  \n".formatted(copyRows, ctasRows,
                    countsOk ? "all as generated" : "MISMATCH"));
            r.append("Reject reasons: ").append(String.join("; ", reasons.stream()
                    .map(x -> "%s %s × %s".formatted(x[0], x[1], x[2])).toList())).append(".  \n");
            r.append("File: %s, %s; database after the run: %s.\n".formatted(csv.getFileName(), mb(generated.bytes()),
                    mb(dbBytes)));

            System.out.println();
            System.out.println(r);
            System.out.printf("SUMMARY import %,.0f rows/s | COPY %,.0f rows/s | ratio %.2f (by CPU %.2f) | heap max %s (peak used %s) |"
                    + " peak RSS import %s, COPY %s | rows written %,d rejected %,d (%s)%n", importRate, copyRate, ratio,
                    copyCpu / importCpu,
                    mb(maxHeap), mb(heapPeak), mb(importHwm * 1024), mb(copyHwm * 1024), status.written(),
                    status.rejected(), countsOk ? "as generated" : "MISMATCH");
            if (!countsOk) {
                System.err.println("IMPORT BENCH FAILED: the rows are not what the generator wrote (see \"Rows:\" above);"
                        + " the figures describe a broken import and were not appended to the results");
            } else if (!resultsFile.isBlank()) {
                Path results = Path.of(resultsFile);
                if (!Files.exists(results)) {
                    Files.writeString(results, "# Import benchmark results\n\nAppended by `bench/run-import.sh`"
                            + " (see bench/README.md); newest last.\n", StandardCharsets.UTF_8);
                }
                Files.writeString(results, "\n" + r, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                log("appended to " + results);
            }
        }
        System.exit(failed ? 1 : 0);
    }

    /** Samples DuckDB's memory, its temp files and the process RSS every 200 ms on a pool connection of its own. */
    static final class Sampler {
        record Peak(long duckdbBytes, long tempBytes, long rssKb, double maxLoad, Map<String, Long> duckdbByStep) {
        }

        private final JdbcTemplate jdbc;
        private final AtomicLong duckdb = new AtomicLong();
        private final AtomicLong temp = new AtomicLong();
        private final AtomicLong rss = new AtomicLong();
        private final Map<String, Long> byStep = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile double maxLoad;
        private volatile boolean running = true;
        private Thread thread;

        Sampler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        long used = count(jdbc, "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()");
                        duckdb.accumulateAndGet(used, Math::max);
                        // Batch saves a step's execution (STARTED) before running it, so this names the running step
                        List<String> step = jdbc.queryForList("SELECT step_name FROM batch_step_execution"
                                + " WHERE status = 'STARTED' ORDER BY step_execution_id DESC LIMIT 1", String.class);
                        byStep.merge(step.isEmpty() ? "(outside the job's steps)" : step.get(0), used, Math::max);
                        temp.accumulateAndGet(count(jdbc,
                                "SELECT coalesce(sum(size), 0) FROM duckdb_temporary_files()"), Math::max);
                    } catch (RuntimeException e) {
                        // the pool may be busy; the next sample will do
                    }
                    rss.accumulateAndGet(vmKb("VmRSS"), Math::max);
                    try {
                        maxLoad = Math.max(maxLoad, Double.parseDouble(loadAverage().split(" ")[0]));
                    } catch (RuntimeException e) {
                        // no /proc/loadavg
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        Peak stop() throws InterruptedException {
            running = false;
            thread.join();
            return new Peak(duckdb.get(), temp.get(), rss.get(), maxLoad, new java.util.TreeMap<>(byStep));
        }
    }

    private static double timeSha256(Path csv) throws Exception {
        long t = System.nanoTime();
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = new java.security.DigestInputStream(Files.newInputStream(csv), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return seconds(t);
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Number n = jdbc.queryForObject(sql, Number.class);
        return n == null ? 0 : n.longValue();
    }

    /** Resets the kernel's peak-RSS mark (VmHWM) and the JVM's heap peaks, so each phase gets its own peak. */
    private static void resetPeaks() {
        System.gc();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: VmHWM then is the peak since the JVM started
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapPeakBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static long vmKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    private static String stageSqlHash(Path csv) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(String.join("\n",
                    cn.anjian.etl.ImportSqlDump.script(ImportKind.HAZARDS, 0, csv)).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 10);
        } catch (Exception e) {
            return "?";
        }
    }

    private static String memoryVerdict(Sampler.Peak peak, long limitBytes) {
        String spill = peak.tempBytes() == 0 ? "no spill to temp files"
                : "spilled up to " + mb(peak.tempBytes()) + " to temp files";
        if (peak.duckdbBytes() > limitBytes * 1.01) {
            return "OVER the limit of " + mb(limitBytes) + ", " + spill;
        }
        if (peak.duckdbBytes() >= limitBytes * 0.97) {
            return "reached the limit of " + mb(limitBytes) + " (so DuckDB, not the data, bounded it), " + spill;
        }
        return "within the limit of " + mb(limitBytes) + ", " + spill;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "? ? ?";
        }
    }

    private static int nproc() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String machine() {
        String cpu = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            // keep "?"
        }
        return "nproc %s, %s; `free -g`: %s".formatted(run("nproc"), cpu,
                run("free", "-g").lines().filter(l -> l.startsWith("Mem:")).findFirst().orElse("?")
                        .replaceAll("\\s+", " "));
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static long parseSize(String s) {
        var m = java.util.regex.Pattern.compile("([0-9.]+)\\s*([KMGT]i?B)?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(s.trim());
        if (!m.find()) {
            return Long.MAX_VALUE;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase();
        boolean binary = unit.length() == 3;
        double k = binary ? 1024 : 1000;
        return (long) switch (unit.charAt(0)) {
            case 'K' -> v * k;
            case 'M' -> v * k * k;
            case 'G' -> v * k * k * k;
            case 'T' -> v * k * k * k * k;
            default -> v;
        };
    }

    private static String mb(long bytes) {
        return "%,d MB".formatted(Math.round(bytes / (double) (1L << 20)));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ImportBenchmark() {
    }
}
