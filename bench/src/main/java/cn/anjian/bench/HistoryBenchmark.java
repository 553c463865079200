package cn.anjian.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.anjian.AnjianApplication;
import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportService;
import cn.anjian.etl.ImportService.ImportStatus;

/**
 * Issue #14, "the import with change history on, against today's, in one run": imports the bench's N-row hazard
 * ledger, then a second file of the same rows of which every tenth has a changed description (so the import rewrites
 * them and copies their prior version into {@code fact_hazard_history}), and times that second import twice in one
 * JVM: on a warehouse with the history copy on (as every import runs), and on a fresh one with it off
 * ({@code anjian.etl.keep-history=false}, a bench-only switch). The difference of their load steps is the copy's
 * cost. Checks the rows (updated rows = history rows with the copy on, no history rows without) and exits 1 on a
 * mismatch. Run through {@code bench/run-import.sh --history [rows]}.
 */
public final class HistoryBenchmark {

    /** One mode's run: the first import, the second (changing) one, its load step and what it wrote. */
    private record Run(boolean history, double firstSeconds, double secondSeconds, double loadSeconds,
                       ImportStatus second, long historyRows, long factRows, long factRowsChanged) {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
        Path work = Path.of(System.getProperty("bench.dir", "bench/work")).toAbsolutePath();
        String resultsFile = System.getProperty("bench.results", "");
        String command = System.getProperty("bench.command", "bench/run-import.sh --history " + rows);

        HazardCsvGenerator.Summary generated = HazardCsvGenerator.existing(work, rows).orElseThrow(
                () -> new IllegalStateException("no generated file of " + rows + " rows in " + work));
        Path first = HazardCsvGenerator.hazardsFile(work, rows);
        Path second = work.resolve("hazards-" + rows + "-changed.csv");
        long changed = writeChanged(first, second);
        log("%,d of %,d rows changed in %s".formatted(changed, rows, second.getFileName()));

        List<Run> runs = new ArrayList<>();
        for (boolean history : new boolean[] {true, false}) {
            runs.add(run(work, history, first, second));
        }

        Run on = runs.get(0);
        Run off = runs.get(1);
        // with the copy off, the import's counts call the rewritten rows new (updates are counted from the history),
        // so both runs are checked by what landed: the same rows written, the changed ones rewritten
        long updated = on.second().changes() == null ? -1 : on.second().changes().updated();
        boolean ok = on.second().changes() != null && "COMPLETED".equals(on.second().status())
                && "COMPLETED".equals(off.second().status())
                && updated > 0 && on.second().written() == updated && off.second().written() == updated
                && on.historyRows() == updated && off.historyRows() == 0
                && on.factRowsChanged() == updated && off.factRowsChanged() == updated
                && on.factRows() == generated.good() && off.factRows() == generated.good();

        StringBuilder r = new StringBuilder();
        r.append("## ").append(LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" — change history: ")
                .append("%,d rows, then %,d of them changed".formatted(rows, changed)).append("\n\n");
        r.append("Command: `").append(command).append("`  \n");
        r.append("Code: ").append(System.getProperty("bench.git", "?")).append("  \n");
        r.append("Machine: nproc ").append(Runtime.getRuntime().availableProcessors()).append(", load average ")
                .append(loadAverage()).append(" after the run; JVM -Xmx").append(Runtime.getRuntime().maxMemory() >> 20)
                .append("m\n\n");
        r.append("| second import (10 % of rows changed) | first import s | second import s | its load step s"
                + " | rows rewritten | history rows copied |\n|---|---:|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            r.append("| %s | %.2f | %.2f | %.2f | %,d | %,d |\n".formatted(run.history()
                            ? "history copy on (every import today)" : "history copy off (`anjian.etl.keep-history=false`)",
                    run.firstSeconds(), run.secondSeconds(), run.loadSeconds(),
                    run.second().written(), run.historyRows()));
        }
        double cost = on.loadSeconds() - off.loadSeconds();
        r.append("\n**History copy: %+.2f s on the load step (%+.0f %% of the second import's %.2f s without it)**"
                .formatted(cost, 100 * (on.secondSeconds() - off.secondSeconds()) / off.secondSeconds(),
                        off.secondSeconds()));
        r.append(("; rows %s. The lake's rewrite after each import is off (`anjian.lake.after-import=false`), so it"
                + " does not run beside the next import.\n").formatted(ok
                ? "as expected (the same rows rewritten in both; history rows = rows rewritten with the copy on, none off)"
                : "MISMATCH"));

        System.out.println();
        System.out.println(r);
        System.out.printf("HISTORY second import %.2f s with the copy, %.2f s without; load step %.2f s vs %.2f s;"
                        + " %,d rows updated, %,d history rows (%s)%n", on.secondSeconds(), off.secondSeconds(),
                on.loadSeconds(), off.loadSeconds(), updated, on.historyRows(), ok ? "as expected" : "MISMATCH");
        if (!ok) {
            System.err.println("HISTORY BENCH FAILED: the rows are not as expected; nothing appended");
        } else if (!resultsFile.isBlank()) {
            Files.writeString(Path.of(resultsFile), "\n" + r, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            log("appended to " + resultsFile);
        }
        System.exit(ok ? 0 : 1);
    }

    /** Boots the app on a fresh warehouse with the history copy on or off and imports both files. */
    private static Run run(Path work, boolean history, Path first, Path second) throws Exception {
        Path db = work.resolve("history-" + (history ? "on" : "off") + ".duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        String[] props = {"--anjian.warehouse.path=" + db, "--anjian.etl.work-dir=" + work.resolve("etl-history"),
                "--anjian.etl.keep-history=" + history, "--anjian.demo.enabled=false", "--logging.level.root=WARN",
                "--anjian.lake.after-import=false", "--spring.main.banner-mode=off"};
        log("history copy %s: booting on %s".formatted(history ? "on" : "off", db));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AnjianApplication.class)
                .web(WebApplicationType.NONE).run(props)) {
            ImportService imports = context.getBean(ImportService.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            ImportStatus regions = imports.importNow(ImportKind.REGIONS, HazardCsvGenerator.regionsFile(work),
                    "regions.csv");
            require("COMPLETED".equals(regions.status()), "regions import failed: " + regions);

            long t0 = System.nanoTime();
            ImportStatus base = imports.importNow(ImportKind.HAZARDS, first, first.getFileName().toString());
            double firstSeconds = seconds(t0);
            require("COMPLETED".equals(base.status()), "first import failed: " + base);
            log("first import: %s in %.2f s".formatted(base.countsZh(), firstSeconds));

            long t1 = System.nanoTime();
            ImportStatus status = imports.importNow(ImportKind.HAZARDS, second, second.getFileName().toString());
            double secondSeconds = seconds(t1);
            log("second import: %s in %.2f s".formatted(status.countsZh(), secondSeconds));
            Long job = jdbc.queryForObject("SELECT job_execution_id FROM etl_batch WHERE batch_id = ?", Long.class,
                    status.id());
            Long loadMs = jdbc.queryForObject("SELECT epoch_ms(end_time) - epoch_ms(start_time)"
                    + " FROM batch_step_execution WHERE job_execution_id = ? AND step_name = 'load'", Long.class, job);
            long historyRows = jdbc.queryForObject("SELECT count(*) FROM fact_hazard_history", Long.class);
            long factRows = jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class);
            long factRowsChanged = jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE batch_id = ?"
                    + " AND description LIKE '%（复查补记）'", Long.class, status.id());
            return new Run(history, firstSeconds, secondSeconds, loadMs == null ? -1 : loadMs / 1000.0, status,
                    historyRows, factRows, factRowsChanged);
        }
    }

    /** The same file with every tenth row's description changed (a later note), by DuckDB; returns how many. */
    private static long writeChanged(Path from, Path to) throws Exception {
        String description = ImportKind.HAZARDS.headers().get(ImportKind.HAZARDS.headers().indexOf("隐患描述"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET preserve_insertion_order = true");
            s.execute("COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () % 10 = 0 THEN \"" + description
                    + "\" || '（复查补记）' ELSE \"" + description + "\" END AS \"" + description + "\")"
                    + " FROM read_csv(" + literal(from) + ", header = true, all_varchar = true)) TO " + literal(to)
                    + " (HEADER, DELIMITER ',')");
            try (var rs = s.executeQuery("SELECT count(*) FILTER (WHERE \"" + description + "\" LIKE '%（复查补记）')"
                    + " FROM read_csv(" + literal(to) + ", header = true, all_varchar = true)")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "? ? ?";
        }
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

    private HistoryBenchmark() {
    }
}
