package cn.anjian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportSqlDump;
import cn.anjian.warehouse.SchemaMigrator;

/**
 * Bench-only: the floor under the import's stage step (bench/RESULTS.md, "the floor"). On a freshly migrated
 * warehouse holding the bench's regions, times in one run, one after another on the same file: DuckDB's
 * {@code COPY}; storing the 23 cells trimmed (no parsing, no checks); the import's stage without trimming; and the
 * import's stage as it runs. Each is printed with its wall and CPU seconds and its multiple of the {@code COPY}.
 *
 * <p>Usage: {@code ImportFloor <hazards.csv> <regions.csv> <scratch.duckdb>} (bench/run-floor.sh). The file must be a
 * complete generation ({@code HazardCsvGenerator}'s .meta beside it, the size it records); the scratch warehouse is
 * made afresh; every timed statement's table is counted against the file's rows, and the run stops with exit code 1
 * at the first that does not match (issue #18: a bench refuses to time what it did not build).
 */
public final class ImportFloor {

    private static final Pattern TRIMMED_CELL = Pattern.compile("anj_text\\((\"[^\"]*\")\\)");

    public static void main(String[] args) throws Exception {
        Path hazards = Path.of(args[0]).toAbsolutePath();
        Path regions = Path.of(args[1]).toAbsolutePath();
        Path db = Path.of(args[2]).toAbsolutePath();
        java.util.regex.Matcher name = Pattern.compile("hazards-([0-9]+)\\.csv").matcher(hazards.getFileName().toString());
        require(name.matches(), "not a generated hazards-<rows>.csv: " + hazards);
        long rows = Long.parseLong(name.group(1));
        require(HazardCsvGenerator.existing(hazards.getParent(), rows).isPresent(), hazards
                + " is not a complete generation of " + rows + " rows (no matching .meta, or its size differs)");
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        Properties p = new Properties();
        p.setProperty("memory_limit", "4GB");
        p.setProperty("threads", "2");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db, p)) {
            SingleConnectionDataSource once = new SingleConnectionDataSource(c, true);
            new SchemaMigrator(once).migrate();
            try (Statement st = c.createStatement()) {
                for (long batch : new long[] {1, 2}) {
                    st.execute("INSERT INTO etl_batch (batch_id, kind, file_name, file_sha256, status, started_at,"
                            + " rows_read, rows_written, rows_rejected) VALUES (" + batch + ", 'bench', 'floor.csv', '-',"
                            + " 'STARTED', now(), 0, 0, 0)");
                }
                for (String sql : statements(ImportSqlDump.script(ImportKind.REGIONS, 1, regions), "stage", "load")) {
                    st.execute(sql);
                }
                long regionLines;
                try (var lines = Files.lines(regions)) {
                    regionLines = lines.count() - 1;
                }
                expect(st, "dim_region", regionLines);
                List<String> stage = statements(ImportSqlDump.script(ImportKind.HAZARDS, 2, hazards), "stage");
                String ctas = stage.get(stage.size() - 1);
                for (String sql : stage.subList(0, stage.size() - 1)) {
                    st.execute(sql); // the alias maps
                }
                String file = "'" + hazards.toString().replace("'", "''") + "'";
                String inner = ctas.substring(ctas.indexOf("(SELECT CAST(NULL AS BIGINT) AS src_row") + 1,
                        ctas.lastIndexOf(")))") + 1);
                st.execute("CREATE TABLE floor_copy AS SELECT * FROM read_csv(" + file + ") LIMIT 0");
                double copy = time(st, "COPY floor_copy FROM " + file + " (HEADER)", "DuckDB COPY", 0);
                expect(st, "floor_copy", rows);
                time(st, "CREATE TABLE floor_trimmed AS " + inner, "the 23 cells trimmed, stored (no parsing, no checks)", copy);
                expect(st, "floor_trimmed", rows);
                time(st, TRIMMED_CELL.matcher(ctas).replaceAll(m -> Matcher.quoteReplacement(m.group(1)))
                        .replace("stg_import_2", "floor_untrimmed"), "the stage without trimming", copy);
                expect(st, "floor_untrimmed", rows);
                time(st, ctas, "the stage as the import runs it", copy);
                expect(st, "stg_import_2", rows);
                System.out.printf("%nRows: %,d in the file, in each table above (checked).%n", rows);
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            System.err.println("FLOOR BENCH FAILED: " + message);
            System.exit(1);
        }
    }

    private static void expect(Statement st, String table, long rows) throws Exception {
        try (var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            long n = rs.getLong(1);
            require(n == rows, String.format("%s holds %,d rows, the file %,d: the figures above are not a measurement"
                    + " of this file", table, n, rows));
        }
    }

    /** The statements of the named steps of an {@link ImportSqlDump} script. */
    private static List<String> statements(List<String> script, String... steps) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : script) {
            if (line.startsWith("-- @step ")) {
                in = List.of(steps).contains(line.substring("-- @step ".length()));
            } else if (in) {
                for (String sql : new cn.anjian.warehouse.SqlScript("floor", line).statements()) {
                    out.add(sql);
                }
            }
        }
        return out;
    }

    private static double time(Statement st, String sql, String what, double copy) throws Exception {
        long wall = System.nanoTime();
        long cpu = SqlRunner.cpuNanos();
        st.execute(sql);
        double seconds = (System.nanoTime() - wall) / 1e9;
        System.out.printf("| %s | %.1f | %.1f | %s |%n", what, seconds, (SqlRunner.cpuNanos() - cpu) / 1e9,
                copy == 0 ? "1.00" : String.format("%.2f", seconds / copy));
        return seconds;
    }

    private ImportFloor() {
    }
}
