package cn.anjian.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Properties;

import cn.anjian.warehouse.SqlScript;

/**
 * Bench-only harness: runs a SQL script on a DuckDB file, statement by statement, printing each statement's wall
 * time (and the rows of any query). Used to find where an import's time goes (bench/README.md).
 *
 * <p>Usage: {@code SqlRunner <db> <script.sql> [memory_limit] [threads]}. A line {@code -- @tx} in the script
 * starts a transaction that runs until {@code -- @commit}.
 */
public final class SqlRunner {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8)
                .replace("-- @tx", "SELECT '@tx';").replace("-- @commit", "SELECT '@commit';");
        Properties p = new Properties();
        p.setProperty("memory_limit", args.length > 2 ? args[2] : "4GB");
        p.setProperty("threads", args.length > 3 ? args[3] : "2");
        long total = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p)) {
            for (String sql : new SqlScript("script", text).statements()) {
                if (sql.equals("SELECT '@tx'")) {
                    c.setAutoCommit(false);
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT 1");
                    }
                    continue;
                }
                if (sql.equals("SELECT '@commit'")) {
                    long t = System.nanoTime();
                    c.commit();
                    c.setAutoCommit(true);
                    System.out.printf("%8.2f s  COMMIT%n", (System.nanoTime() - t) / 1e9);
                    continue;
                }
                long t = System.nanoTime();
                long cpu = cpuNanos();
                StringBuilder rows = new StringBuilder();
                try (Statement st = c.createStatement()) {
                    if (st.execute(sql)) {
                        try (ResultSet rs = st.getResultSet()) {
                            ResultSetMetaData md = rs.getMetaData();
                            int n = 0;
                            while (rs.next()) {
                                if (n++ < 40) {
                                    rows.append("          ");
                                    for (int i = 1; i <= md.getColumnCount(); i++) {
                                        rows.append(i > 1 ? " | " : "").append(rs.getString(i));
                                    }
                                    rows.append('\n');
                                }
                            }
                        }
                    }
                }
                String oneLine = sql.replaceAll("\\s+", " ");
                System.out.printf("%8.2f s %6.2f cpu-s  %s%n", (System.nanoTime() - t) / 1e9, (cpuNanos() - cpu) / 1e9,
                        oneLine.length() > 150 ? oneLine.substring(0, 150) + " …" : oneLine);
                System.out.print(rows);
            }
        }
        System.out.printf("%8.2f s %6.2f cpu-s  total%n", (System.nanoTime() - total) / 1e9, cpuNanos() / 1e9);
    }

    /** CPU time of the whole process, DuckDB's native threads included. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private SqlRunner() {
    }
}
