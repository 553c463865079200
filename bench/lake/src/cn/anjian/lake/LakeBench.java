package cn.anjian.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import cn.anjian.dashboard.PanelBench;

import org.jooq.impl.DSL;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lake write of the whole warehouse against DuckDB's own {@code COPY … TO parquet} of the same tables, side by
 * side in one run (issue #17 item 6; bench/lake/run.sh). The warehouse is the panel bench's county
 * (bench/panels/generate.sql: 12 towns, N hazards). Timed, in turn, {@code rounds} times each: {@link LakeWriter}
 * into an empty folder (fingerprints, Hive-partitioned COPYs, file checksums, manifest: what the first write and
 * the "write the whole lake" button cost), then one plain {@code COPY <table> TO '<file>.parquet'} per table of
 * {@link LakeTable#ALL} with DuckDB's defaults, and the same with the lake's ZSTD compression. Checks that the
 * lake holds every row of every table (read back with {@code read_parquet}) and exits 1 otherwise.
 */
public final class LakeBench {

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("lake bench FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/anjian-bench/lake.duckdb").toAbsolutePath();
        long hazards = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path out = file.getParent().resolve("lake-out");
        try (ConfigurableApplicationContext ctx = PanelBench.start(file)) {
            PanelBench.build(ctx, hazards);
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            LakeWriter writer = ctx.getBean(LakeWriter.class);
            long rows = 0;
            for (LakeTable t : LakeTable.ALL) {
                rows += jdbc.queryForObject("SELECT count(*) FROM " + t.name(), Long.class);
            }
            double[] load = {loadAverage(), 0};
            List<double[]> lake = new ArrayList<>();
            List<double[]> copy = new ArrayList<>();
            List<double[]> copyZstd = new ArrayList<>();
            List<double[]> floor = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // the three side by side in each round, so a burst of the machine's other work hits all of them
                LakeWriter.deleteTree(out);
                Path dir = out.resolve("lake");
                boolean first = round == 0;
                double[] t = timed(() -> {
                    LakeWrite w = writer.write(dir);
                    if (first) {
                        System.out.printf("lake: %,d partitions written, %,d rows%n", w.written().size(), w.rows());
                    }
                });
                lake.add(t);
                check(jdbc, dir);
                copy.add(timed(() -> copyAll(jdbc, out.resolve("copy"), "FORMAT parquet")));
                copyZstd.add(timed(() -> copyAll(jdbc, out.resolve("copy-zstd"), "FORMAT parquet, COMPRESSION zstd")));
                floor.add(timed(() -> partitioned(jdbc, out.resolve("partitioned"))));
                load[1] = Math.max(load[1], loadAverage());
            }
            System.out.printf("rows in the warehouse's lake tables: %,d (%d tables); lake %s MB, COPY %s MB, COPY zstd %s MB%n",
                    rows, LakeTable.ALL.size(), mb(out.resolve("lake")), mb(out.resolve("copy")),
                    mb(out.resolve("copy-zstd")));
            System.out.println();
            System.out.println("| write | best wall s | median wall s | best CPU s | rows/s (best wall) |");
            System.out.println("|---|---:|---:|---:|---:|");
            line("lake write (`LakeWriter.write`, empty folder)", lake, rows);
            line("DuckDB `COPY <table> TO … (FORMAT parquet)`, each table", copy, rows);
            line("DuckDB `COPY … (FORMAT parquet, COMPRESSION zstd)`, each table", copyZstd, rows);
            line("floor: the lake's own queries, one `COPY … (PARTITION_BY …)` each, no fingerprints or checksums", floor, rows);
            System.out.printf("%nLAKE / COPY = %.2f by best wall time, %.2f by median (target >= 0.50); "
                            + "against COPY with zstd %.2f / %.2f; by CPU %.2f%n",
                    best(copy) / best(lake), median(copy) / median(lake), best(copyZstd) / best(lake),
                    median(copyZstd) / median(lake), bestCpu(copy) / bestCpu(lake));
            System.out.printf("the lake's partitioned COPYs alone / COPY = %.2f by best wall time, %.2f by CPU; "
                            + "the lake write / its partitioned COPYs = %.2f by best wall time%n",
                    best(copy) / best(floor), bestCpu(copy) / bestCpu(floor), best(floor) / best(lake));
            System.out.printf("load average (1 min): %.2f before, %.2f highest between rounds; nproc %d; rounds %d%n",
                    load[0], load[1], Runtime.getRuntime().availableProcessors(), rounds);
            LakeWriter.deleteTree(out);
        }
    }

    /** Every table of the lake holds exactly the warehouse's rows (read back from its Parquet files). */
    private static void check(JdbcTemplate jdbc, Path dir) {
        for (LakeTable t : LakeTable.ALL) {
            long warehouse = jdbc.queryForObject("SELECT count(*) FROM " + t.name(), Long.class);
            long lake = warehouse == 0 ? 0 : jdbc.queryForObject("SELECT count(*) FROM read_parquet("
                    + DSL.inline(dir.resolve(t.name()) + "/**/*.parquet") + ")", Long.class);
            if (lake != warehouse) {
                throw new IllegalStateException("the lake's " + t.name() + " has " + lake + " rows, the warehouse "
                        + warehouse);
            }
        }
    }

    private static void copyAll(JdbcTemplate jdbc, Path dir, String options) {
        LakeWriter.deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (LakeTable t : LakeTable.ALL) {
            jdbc.execute("COPY " + t.name() + " TO " + DSL.inline(dir.resolve(t.name() + ".parquet").toString())
                    + " (" + options + ")");
        }
    }

    /** What the lake write cannot go below: DuckDB writing the same Hive partitions from the same queries. */
    private static void partitioned(JdbcTemplate jdbc, Path dir) {
        LakeWriter.deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (LakeTable t : LakeTable.ALL) {
            String target = DSL.inline(dir.resolve(t.name()).toString()).toString();
            if (t.partitioned()) {
                jdbc.execute("COPY (" + t.source() + ") TO " + target + " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ("
                        + String.join(", ", t.partitionBy()) + "), FILENAME_PATTERN 'data_{i}')");
            } else {
                jdbc.execute("COPY (" + t.source() + ") TO " + DSL.inline(dir.resolve(t.name() + ".parquet").toString())
                        + " (FORMAT parquet, COMPRESSION zstd)");
            }
        }
    }

    /** Wall and CPU seconds (all threads of this process: DuckDB's workers and the JVM's). */
    private static double[] timed(Runnable work) throws IOException {
        long cpu = processCpuNanos();
        long t = System.nanoTime();
        work.run();
        return new double[] {(System.nanoTime() - t) / 1e9, (processCpuNanos() - cpu) / 1e9};
    }

    private static long processCpuNanos() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime();
    }

    private static void line(String what, List<double[]> times, long rows) {
        System.out.printf("| %s | %.2f | %.2f | %.2f | %,.0f |%n", what, best(times), median(times), bestCpu(times),
                rows / best(times));
    }

    private static double best(List<double[]> times) {
        return times.stream().mapToDouble(t -> t[0]).min().orElseThrow();
    }

    private static double bestCpu(List<double[]> times) {
        return times.stream().mapToDouble(t -> t[1]).min().orElseThrow();
    }

    private static double median(List<double[]> times) {
        double[] s = times.stream().mapToDouble(t -> t[0]).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String mb(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return "0";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return String.format("%,.1f", bytes / 1e6);
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
