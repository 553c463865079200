package cn.anjian.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import cn.anjian.etl.FastPathSql;
import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportSqlDump;
import cn.anjian.warehouse.SchemaMigrator;

/**
 * Bench-only (issue #18, "Import speed, decided"; bench/run-fastpath.sh): the fast-path design measured side by side
 * with DuckDB's {@code COPY} of the same file and with today's stage, in one JVM on one fresh warehouse.
 *
 * <p>The file is a hazard ledger in our template, generated here with DuckDB (fixed, deterministic): ISO dates, plain
 * amounts, 是/否, sector and level spellings from the alias table, the town beside every village; one row in 1,000
 * bad (in turn: unknown village, impossible date 2023-02-30, negative funds, the previous row's hazard number); and
 * {@code messy} rows in 100 written as clerks also write them (2023/1/3, "1,200元"), which the typed reader refuses
 * and the slow path accepts. Each hazard number carries its row's index, so the harness checks every loaded row's
 * {@code source_row} against its true line.
 *
 * <p>Usage: {@code FastPathBench <rows> <messy per 100> <work dir>}. Exits 1, reporting nothing, when any count or
 * any line number is not what was generated.
 */
public final class FastPathBench {

    private static final long BATCH = 2;
    private static final long SLOW_BATCH = 3;
    private static final long TODAY_BATCH = 4;

    private record Timing(String what, double wall, double cpu) {
    }

    private static final List<Timing> timings = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0].replace("_", ""));
        int messy = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(work);
        Path db = work.resolve("fastpath.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        Path regions = work.resolve("fastpath-regions.csv");
        new HazardCsvGenerator().writeRegions(regions);
        Path csv = work.resolve("template-" + rows + "-messy" + messy + ".csv");
        Path csvRows = Path.of(csv + ".rows");
        Path slowCsv = work.resolve("fastpath-refused.csv");
        Properties p = new Properties();
        p.setProperty("memory_limit", System.getProperty("bench.memory-limit", "4GB"));
        p.setProperty("threads", "2");
        String loadBefore = load();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db, p)) {
            new SchemaMigrator(new SingleConnectionDataSource(c, true)).migrate();
            for (long batch : new long[] {1, BATCH, SLOW_BATCH, TODAY_BATCH}) {
                exec(c, "INSERT INTO etl_batch (batch_id, kind, file_name, file_sha256, status, started_at, rows_read,"
                        + " rows_written, rows_rejected) VALUES (" + batch + ", 'hazards', 'fastpath.csv', '-', 'STARTED',"
                        + " now(), 0, 0, 0)");
            }
            exec(c, "SET VARIABLE anj_today = DATE '2026-06-15'"); // the bench's fixed day, as the tests' clock
            List<String> regionScript = ImportSqlDump.script(ImportKind.REGIONS, 1, regions);
            for (String sql : statements(regionScript, "stage", "load")) {
                exec(c, sql);
            }
            require(count(c, "SELECT count(*) FROM dim_region WHERE region_level = 'village'") > 100, "regions not loaded");
            for (String sql : FastPathSql.aliasVariables()) {
                exec(c, sql);
            }

            // ---- the file ----
            long t = System.nanoTime();
            // a file from an earlier run is reused only when the rows and bytes it was written with match
            String stamp = rows + " " + (Files.exists(csv) ? Files.size(csv) : -1);
            boolean reuse = Files.exists(csvRows) && Files.readString(csvRows).trim().equals(stamp);
            if (!reuse) {
                Files.deleteIfExists(csvRows);
                long written = generate(c, csv, rows, messy);
                require(written == rows, "generated " + written + " rows, asked for " + rows);
                Files.writeString(csvRows, rows + " " + Files.size(csv));
            } else {
                generateVillages(c); // not timed; the file is as written then
            }
            long bad = count(c, "SELECT count(*) FROM range(" + rows + ") r(n) WHERE n % 1000 = 999");
            long messyRows = count(c, "SELECT count(*) FROM range(" + rows + ") r(n) WHERE n % 100 < " + messy
                    + " AND n % 1000 <> 999");
            long badDates = count(c, "SELECT count(*) FROM range(" + rows + ") r(n) WHERE n % 1000 = 999 AND (n // 1000) % 4 = 1");
            System.out.printf("file: %s, %,d rows (%,d bad, %,d messy), %,d MB, generated in %.1f s%n", csv.getFileName(),
                    rows, bad, messyRows, Files.size(csv) >> 20, (System.nanoTime() - t) / 1e9);
            String file = "'" + csv.toString().replace("'", "''") + "'";

            // ---- 1. DuckDB's COPY of the file (every cell text, as the file holds it) ----
            exec(c, "CREATE TABLE fp_copy AS SELECT * FROM read_csv(" + file + ", header = true, all_varchar = true) LIMIT 0");
            double copy = time(c, "COPY fp_copy FROM " + file + " (HEADER)", "DuckDB `COPY` into 23 text columns");
            expect(c, "SELECT count(*) FROM fp_copy", rows, "COPY");
            exec(c, "DROP TABLE fp_copy");

            // ---- 2. the typed read alone (the floor of the design) ----
            time(c, "CREATE TABLE fp_typed AS SELECT * FROM " + FastPathSql.typedRead(csv, "fp_typed_rejects"),
                    "typed `read_csv` alone (types, dateformat, store_rejects) into a table");
            long typedRefused = count(c, "SELECT count(DISTINCT line) FROM fp_typed_rejects");
            expect(c, "SELECT count(*) FROM fp_typed", rows - typedRefused, "typed read");
            exec(c, "DROP TABLE fp_typed");
            exec(c, "CREATE TABLE fp_fact AS SELECT * FROM fact_hazard LIMIT 0");
            time(c, FastPathSql.straightInto("fp_fact", csv, "fp_fact_rejects"),
                    "floor of one pass: typed read + look-ups straight into a fact-shaped table (no checks, reasons, lines)");
            expect(c, "SELECT count(*) FROM fp_fact", rows - typedRefused, "straight into the fact");
            exec(c, "DROP TABLE fp_fact");

            // ---- 3. the fast path: typed read + checks, row numbers, slow path, load ----
            String stage = "stg_import_" + BATCH;
            time(c, FastPathSql.stage(BATCH, csv, "fp_rejects"), "fast stage: typed read + semantic checks (one pass)");
            long refused = count(c, "SELECT count(DISTINCT line) FROM fp_rejects");
            expect(c, "SELECT count(*) FROM " + stage, rows - refused, "fast stage");
            require(refused == typedRefused, "the fast stage refused " + refused + " lines, the typed read " + typedRefused);
            require(refused == messyRows + badDates, String.format("the typed reader refused %,d lines, the file has %,d messy"
                    + " rows and %,d impossible dates", refused, messyRows, badDates));
            long bt = System.nanoTime();
            long bc = SqlRunner.cpuNanos();
            exec(c, "CREATE TEMP TABLE fp_lines AS SELECT line, any_value(csv_line) AS csv_line,"
                    + " row_number() OVER (ORDER BY line) - 1 AS k FROM fp_rejects GROUP BY line");
            // t: the first rowid of the typed stage that comes after k + 1 refused lines
            exec(c, "CREATE TEMP TABLE fp_shift AS SELECT line - 2 - k AS t, k + 1 AS k FROM fp_lines");
            String header = String.join(",", HazardCsvGenerator.HEADERS);
            exec(c, "COPY (SELECT csv_line FROM (SELECT " + quote(header) + " AS csv_line, -1 AS k UNION ALL"
                    + " SELECT csv_line, k FROM fp_lines) ORDER BY k) TO '" + slowCsv + "' (HEADER false, QUOTE '',"
                    + " ESCAPE '', DELIMITER '\u0001')");
            exec(c, FastPathSql.textStage(SLOW_BATCH, slowCsv));
            expect(c, "SELECT count(*) FROM stg_import_" + SLOW_BATCH, refused, "slow stage");
            exec(c, "INSERT INTO " + stage + " BY NAME SELECT s.* REPLACE (CAST(l.line AS BIGINT) AS src_row) FROM stg_import_"
                    + SLOW_BATCH + " s JOIN fp_lines l ON l.k = s.rowid");
            record("slow path: the refused lines through today's text stage, appended with their lines",
                    (System.nanoTime() - bt) / 1e9, (SqlRunner.cpuNanos() - bc) / 1e9);
            long vt = System.nanoTime();
            long vc = SqlRunner.cpuNanos();
            int bucket = (int) count(c, FastPathSql.bucketQuery("fp_shift"));
            for (String sql : FastPathSql.shiftVariables("fp_shift", rows - refused, bucket)) {
                exec(c, sql);
            }
            record("line-number look-up from the refused lines (flat list variables, " + bucket + " rows a bucket)", (System.nanoTime() - vt) / 1e9,
                    (SqlRunner.cpuNanos() - vc) / 1e9);
            time(c, "SELECT sum(" + FastPathSql.line("s", bucket) + ") FROM " + stage + " s",
                    "(the line of every accepted row, computed alone; the load computes it where it needs it)");
            long lt = System.nanoTime();
            long lc = SqlRunner.cpuNanos();
            c.setAutoCommit(false);
            exec(c, "SELECT 1");
            List<String> loadParts = new ArrayList<>();
            for (String sql : FastPathSql.load(BATCH, bucket)) {
                long st0 = System.nanoTime();
                exec(c, sql);
                double secs = (System.nanoTime() - st0) / 1e9;
                if (secs >= 0.05) {
                    loadParts.add(String.format("%s… %.2f s", sql.replaceAll("\\s+", " ").substring(0, Math.min(40,
                            sql.replaceAll("\\s+", " ").length())), secs));
                }
            }
            c.commit();
            c.setAutoCommit(true);
            record("load: today's load step (rejects, duplicates, upsert into fact_hazard), lines from the rejects",
                    (System.nanoTime() - lt) / 1e9, (SqlRunner.cpuNanos() - lc) / 1e9);
            System.out.println("    load statements ≥ 0.05 s: " + String.join("; ", loadParts));

            // the fast path's result, checked before anything is reported
            long facts = count(c, "SELECT count(*) FROM fact_hazard WHERE batch_id = " + BATCH);
            long rejectedRows = count(c, "SELECT count(DISTINCT row_no) FROM etl_reject WHERE batch_id = " + BATCH);
            long wrongLines = count(c, "SELECT count(*) FROM fact_hazard WHERE batch_id = " + BATCH
                    + " AND source_row <> CAST(substr(hazard_no, 3) AS BIGINT) + 2");
            long wrongRejectLines = count(c, "SELECT count(*) FROM etl_reject WHERE batch_id = " + BATCH
                    + " AND (row_no - 2) % 1000 <> 999");
            require(facts == rows - bad, String.format("fact_hazard holds %,d rows of the fast path, expected %,d", facts,
                    rows - bad));
            require(rejectedRows == bad, String.format("%,d rows rejected, generated %,d bad", rejectedRows, bad));
            require(wrongLines == 0, String.format("%,d loaded rows carry the wrong source_row", wrongLines));
            require(wrongRejectLines == 0, String.format("%,d rejects name a line that is not a bad one", wrongRejectLines));
            List<String> reasons = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT field_name, regexp_replace(reason, '第 [0-9]+ 行', '第 N 行'), count(*)"
                    + " FROM etl_reject WHERE batch_id = " + BATCH + " GROUP BY ALL ORDER BY 3 DESC, 1")) {
                while (rs.next()) {
                    reasons.add(rs.getString(1) + " " + rs.getString(2) + " × "
                            + rs.getLong(3));
                }
            }

            // ---- 4. today's stage of the same file, for comparison ----
            List<String> today = statements(ImportSqlDump.script(ImportKind.HAZARDS, TODAY_BATCH, csv), "stage");
            time(c, today.get(today.size() - 1), "today's stage (every cell as text, parsed) — for comparison");
            expect(c, "SELECT count(*) FROM stg_import_" + TODAY_BATCH, rows, "today's stage");

            // ---- report ----
            String loadAfter = load();
            long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(m -> m.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(m -> m.getPeakUsage().getUsed()).sum();
            Timing copyT = timings.get(0);
            double fastWall = 0;
            double fastCpu = 0;
            System.out.println();
            System.out.println("| statement | wall s | CPU s | × COPY (wall) | × COPY (CPU) |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (Timing x : timings) {
                System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f |%n", x.what(), x.wall(), x.cpu(), x.wall() / copyT.wall(),
                        x.cpu() / copyT.cpu());
                if (x.what().startsWith("fast stage") || x.what().startsWith("slow path") || x.what().startsWith("load:")
                        || x.what().startsWith("line-number")) {
                    fastWall += x.wall();
                    fastCpu += x.cpu();
                }
            }
            System.out.printf("| **fast path: stage + slow path + line look-up + load** | **%.2f** | **%.2f** | %.2f | %.2f |%n", fastWall,
                    fastCpu, fastWall / copyT.wall(), fastCpu / copyT.cpu());
            System.out.printf("%nFAST PATH / COPY (rows/s): %.2f by wall time, %.2f by CPU time; typed read alone: %.2f by wall,"
                            + " %.2f by CPU%n", copyT.wall() / fastWall, copyT.cpu() / fastCpu,
                    copyT.wall() / timings.get(1).wall(), copyT.cpu() / timings.get(1).cpu());
            System.out.printf("IMPORT (fast path + file checks, SHA-256, marts — not run here): ~%.0f s for these %,d rows%n",
                    fastWall, rows);
            System.out.printf("Rows: %,d in the file; typed reader refused %,d lines (%,d messy + %,d impossible dates);"
                            + " fact_hazard %,d, rejected %,d rows — as generated; every source_row and reject line checked.%n",
                    rows, refused, messyRows, badDates, facts, rejectedRows);
            System.out.println("Reject reasons: " + String.join("; ", reasons) + ".");
            System.out.printf("Load average before: %s; after: %s; nproc %d; DuckDB threads 2, memory_limit %s;"
                    + " JVM heap peak %,d MB of %,d MB.%n", loadBefore, loadAfter, Runtime.getRuntime().availableProcessors(),
                    p.getProperty("memory_limit"), heap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        Files.deleteIfExists(slowCsv);
    }

    /** Writes the template CSV with DuckDB; returns the rows written. */
    private static long generateVillages(Connection c) throws Exception {
        exec(c, "CREATE OR REPLACE TEMP TABLE gen_villages AS SELECT row_number() OVER (ORDER BY v.region_code) - 1 AS i,"
                + " t.region_name AS town, v.region_name AS village FROM dim_region v JOIN dim_region t"
                + " ON t.region_code = v.parent_code WHERE v.region_level = 'village'");
        return count(c, "SELECT count(*) FROM gen_villages");
    }

    private static long generate(Connection c, Path csv, long rows, int messy) throws Exception {
        long villages = generateVillages(c);
        exec(c, "SET VARIABLE gen_sectors = (SELECT list(alias ORDER BY alias) FROM code_alias WHERE domain = 'sector'"
                + " AND getvariable('alias_sector')[alias] IS NOT NULL)");
        exec(c, "SET VARIABLE gen_departments = (SELECT list(alias ORDER BY alias) FROM code_alias WHERE domain = 'department'"
                + " AND getvariable('alias_department')[alias] IS NOT NULL)");
        String messyRow = "(n % 100 < " + messy + " AND n % 1000 <> 999)";
        String badKind = "CASE WHEN n % 1000 = 999 THEN (n // 1000) % 4 END";
        String sql = """
                COPY (
                SELECT CASE WHEN %2$s = 3 THEN 'YH' || lpad((n - 1)::VARCHAR, 9, '0') ELSE 'YH' || lpad(n::VARCHAR, 9, '0') END AS "隐患编号",
                  CASE WHEN %2$s = 1 THEN '2023-02-30' WHEN %1$s THEN strftime(found, '%%Y/%%-m/%%-d') ELSE strftime(found, '%%Y-%%m-%%d') END AS "发现日期",
                  v.town AS "所属乡镇",
                  CASE WHEN %2$s = 0 THEN '幸福里村' ELSE v.village END AS "村(社区)",
                  '某某有限公司第' || (n %% 997) || '车间' AS "隐患单位或部位",
                  CASE WHEN n %% 5 = 0 THEN '91341525MA2' || lpad((n %% 10000000)::VARCHAR, 7, '0') END AS "统一社会信用代码",
                  getvariable('gen_sectors')[1 + (n * 31) %% len(getvariable('gen_sectors'))] AS "行业领域",
                  '消防通道堆放杂物，灭火器过期未检，安全出口锁闭，第' || (n %% 97) || '处' AS "隐患描述",
                  CASE WHEN n %% 50 = 0 THEN '重大' ELSE '一般' END AS "隐患等级",
                  CASE WHEN n %% 3 = 0 THEN getvariable('gen_departments')[1 + (n * 13) %% len(getvariable('gen_departments'))] END AS "责任单位",
                  CASE WHEN n %% 4 = 0 THEN 'JC' || n END AS "检查编号",
                  strftime(found + 30, '%%Y-%%m-%%d') AS "整改期限",
                  strftime(rectified, '%%Y-%%m-%%d') AS "整改完成日期",
                  strftime(verified, '%%Y-%%m-%%d') AS "复查验收日期",
                  strftime(closed, '%%Y-%%m-%%d') AS "销号日期",
                  CASE WHEN closed IS NOT NULL THEN '已销号' WHEN rectified IS NOT NULL THEN '已整改' ELSE '整改中' END AS "整改状态",
                  CASE WHEN %2$s = 2 THEN '-1200' WHEN %1$s THEN '1,' || lpad(((n %% 50) * 10)::VARCHAR, 3, '0') || '元'
                       WHEN n %% 4 = 0 THEN NULL ELSE ((n %% 50) * 100)::VARCHAR END AS "整改资金(元)",
                  CASE WHEN n %% 7 = 0 THEN '否' ELSE '是' END AS "责任落实",
                  CASE WHEN n %% 11 = 0 THEN '否' ELSE '是' END AS "措施落实",
                  CASE WHEN n %% 13 = 0 THEN '否' ELSE '是' END AS "资金落实",
                  '是' AS "时限落实",
                  CASE WHEN n %% 17 = 0 THEN '否' ELSE '是' END AS "预案落实",
                  CASE WHEN n %% 2 = 0 THEN '是' ELSE '否' END AS "是否公布"
                FROM (SELECT n, found,
                        CASE WHEN n %% 100 < 80 THEN found + (n %% 25)::INTEGER END AS rectified,
                        CASE WHEN n %% 100 < 70 THEN found + (n %% 25)::INTEGER + 2 END AS verified,
                        CASE WHEN n %% 100 < 60 THEN found + (n %% 25)::INTEGER + 5 END AS closed
                      FROM (SELECT n, DATE '2023-01-01' + (n %% 700)::INTEGER AS found FROM range(%3$d) r(n))) h
                JOIN gen_villages v ON v.i = (h.n * 7919) %% %4$d
                ORDER BY n) TO '%5$s' (HEADER, DELIMITER ',', QUOTE '"')""".formatted(messyRow, badKind, rows, villages,
                csv.toString().replace("'", "''"));
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static double time(Connection c, String sql, String what) throws Exception {
        long wall = System.nanoTime();
        long cpu = SqlRunner.cpuNanos();
        exec(c, sql);
        double seconds = (System.nanoTime() - wall) / 1e9;
        record(what, seconds, (SqlRunner.cpuNanos() - cpu) / 1e9);
        return seconds;
    }

    private static void record(String what, double wall, double cpu) {
        timings.add(new Timing(what, wall, cpu));
        System.out.printf("  %s: %.2f s (CPU %.2f s)%n", what, wall, cpu);
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void expect(Connection c, String sql, long expected, String what) throws Exception {
        long n = count(c, sql);
        require(n == expected, String.format("%s: %,d rows, expected %,d", what, n, expected));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            System.err.println("FAST PATH BENCH FAILED: " + message + " — refusing to report figures");
            System.exit(1);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll(" [0-9]+/.*", "");
        } catch (Exception e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
                out.addAll(new cn.anjian.warehouse.SqlScript("fastpath", line).statements());
            }
        }
        return out;
    }

    private FastPathBench() {
    }
}
