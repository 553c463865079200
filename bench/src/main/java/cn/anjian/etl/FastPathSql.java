package cn.anjian.etl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bench-only (issue #18, bench/run-fastpath.sh): the statements of the fast-path design for a CSV in our template,
 * built from the same {@link LoadPlan} as today's stage so that both check the same things.
 *
 * <ul>
 * <li><b>Typed read</b>: DuckDB's {@code read_csv} with explicit column types ({@code columns=}, dates
 * {@code dateformat='%Y-%m-%d'}, the amount {@code DECIMAL(18,2)}, the rest text) and {@code store_rejects=true}: a
 * line the typed reader refuses is left out of the result and kept, with its exact line number and its text, in a
 * rejects table.</li>
 * <li><b>Semantic checks as set-based SQL on typed columns</b>: the plan's values and checks with each date and amount
 * cell replaced by its typed column (so {@code anj_parse_date} and {@code anj_parse_amount} are not run), the text
 * cells trimmed as today ({@code anj_text}); look-ups through the same alias maps; reasons built only for a failing
 * row. One pass, no join: the stage's rowid follows the file's order.</li>
 * <li><b>Row numbers, in parallel</b>: the typed read's rowid counts accepted rows in file order; the lines it refused
 * are known exactly, so an accepted row's line is {@code rowid + 2 + (refused lines before it)}, found with an ASOF
 * join against the small table of refused lines (after the stage exists, so the join cannot scramble it).</li>
 * <li><b>Slow path</b>: only the refused lines, written to a small CSV under the file's header, go through today's
 * text stage; their rows are appended to the stage with their own line numbers.</li>
 * </ul>
 */
public final class FastPathSql {

    private static final Pattern RAW = Pattern.compile("\\$\\{([a-z_]+)}");

    /** Template fields DuckDB's reader types itself, and the plan value each one replaces. */
    static final Map<String, String> TYPED = new LinkedHashMap<>();
    static final Map<String, String> TYPED_VALUE = new LinkedHashMap<>();

    static {
        for (String date : List.of("found_date", "deadline_date", "rectified_date", "verified_date", "closed_date")) {
            TYPED.put(date, "DATE");
            TYPED_VALUE.put(date, date);
        }
        TYPED.put("funds", "DECIMAL(18, 2)");
        TYPED_VALUE.put("funds_yuan", "funds");
    }

    private FastPathSql() {
    }

    /** The columns the bench's files hold: the template up to 是否公布 (its later optional columns are left out). */
    static List<ImportKind.Column> fileColumns() {
        List<ImportKind.Column> all = ImportKind.HAZARDS.columns();
        int last = all.stream().map(ImportKind.Column::header).toList().indexOf("是否公布");
        return all.subList(0, last + 1);
    }

    /** The raw cells: the file's, typed or as text, and NULL for the template columns the file does not hold. */
    private static void cells(StringBuilder raw) {
        List<ImportKind.Column> held = fileColumns();
        for (ImportKind.Column column : ImportKind.HAZARDS.columns()) {
            String cell = StagingSql.quoteIdentifier(column.header());
            raw.append(",\n    ");
            if (!held.contains(column)) {
                raw.append("CAST(NULL AS VARCHAR) AS r_").append(column.field());
            } else {
                raw.append(TYPED.containsKey(column.field()) ? cell + " AS t_" : "anj_text(" + cell + ") AS r_")
                        .append(column.field());
            }
        }
        raw.append(",\n    CAST(NULL AS VARCHAR) AS src_extra");
    }

    /** The {@code read_csv(…)} call of the typed read of a hazards file in our template. */
    public static String typedRead(Path csv, String rejectsTable) {
        StringBuilder columns = new StringBuilder();
        for (ImportKind.Column c : fileColumns()) {
            if (!columns.isEmpty()) {
                columns.append(", ");
            }
            columns.append(StagingSql.quoteLiteral(c.header())).append(": ")
                    .append(StagingSql.quoteLiteral(TYPED.getOrDefault(c.field(), "VARCHAR")));
        }
        return "read_csv(" + StagingSql.quoteLiteral(csv.toAbsolutePath().toString()) + ", header = true,"
                + " auto_detect = false, columns = {" + columns + "}, dateformat = '%Y-%m-%d', delim = ',', quote = '\"',"
                + " escape = '\"', store_rejects = true, rejects_table = " + StagingSql.quoteLiteral(rejectsTable)
                + ", rejects_scan = " + StagingSql.quoteLiteral(rejectsTable + "_scan") + ")";
    }

    /** The alias maps (session variables) the stage looks codes up in: the same as today's. */
    public static List<String> aliasVariables() {
        return StagingSql.aliasVariables();
    }

    /** The fast stage: typed read, values and checks, reasons for failing rows only; table {@code stg_import_<id>}. */
    public static String stage(long batchId, Path csv, String rejectsTable) {
        LoadPlan plan = LoadPlans.of(ImportKind.HAZARDS);
        StringBuilder raw = new StringBuilder("CAST(NULL AS BIGINT) AS src_row, CAST(NULL AS VARCHAR) AS src_sheet,"
                + " CAST(NULL AS VARCHAR) AS src_note, CAST(NULL AS VARCHAR) AS src_error");
        cells(raw);
        StringBuilder parsed = new StringBuilder("*");
        for (LoadPlan.Value v : plan.values()) {
            String typed = TYPED_VALUE.get(v.name());
            parsed.append(",\n    ").append(typed != null ? "t_" + typed : cells(v.expression())).append(" AS ")
                    .append(v.name());
        }
        List<String> fails = new ArrayList<>();
        StringBuilder reasons = new StringBuilder("CASE WHEN src_error IS NOT NULL THEN {'field': '(整行)',"
                + " 'value': CAST(NULL AS VARCHAR), 'reason': src_error} END");
        fails.add("src_error IS NOT NULL");
        for (LoadPlan.Check c : plan.checks()) {
            String failsWhen = "coalesce(" + cells(c.failsWhen()) + ", false)";
            fails.add(failsWhen);
            String value = TYPED.containsKey(c.field()) ? "CAST(t_" + c.field() + " AS VARCHAR)" : "r_" + c.field();
            reasons.append(",\n      CASE WHEN ").append(failsWhen).append(" THEN {'field': ")
                    .append(StagingSql.quoteLiteral(header(c.field()))).append(", 'value': ").append(value)
                    .append(", 'reason': ").append(StagingSql.quoteLiteral(c.reason())).append("} END");
        }
        String outputs = String.join(", ", plan.values().stream().map(LoadPlan.Value::name).toList());
        return "CREATE OR REPLACE TABLE " + StagingSql.stageTable(batchId) + " AS\nSELECT src_row, src_sheet, src_note, "
                + outputs + ",\n  CASE WHEN " + String.join("\n    OR ", fails) + "\n  THEN list_filter([" + reasons
                + "], lambda x: x IS NOT NULL) ELSE [] END AS reasons,"
                + "\n  CAST(NULL AS STRUCT(field VARCHAR, value VARCHAR, message VARCHAR)[]) AS warnings"
                + "\nFROM (SELECT " + parsed + "\n  FROM (SELECT " + raw
                + "\n    FROM " + typedRead(csv, rejectsTable) + "))";
    }

    /**
     * The floor of a one-pass import: the typed read's values (look-ups included, no checks, no reasons, no row
     * numbers) inserted straight into a table shaped like the fact.
     */
    public static String straightInto(String table, Path csv, String rejectsTable) {
        LoadPlan plan = LoadPlans.of(ImportKind.HAZARDS);
        StringBuilder raw = new StringBuilder("CAST(NULL AS VARCHAR) AS src_error");
        cells(raw);
        StringBuilder parsed = new StringBuilder("*");
        for (LoadPlan.Value v : plan.values()) {
            String typed = TYPED_VALUE.get(v.name());
            parsed.append(",\n    ").append(typed != null ? "t_" + typed : cells(v.expression())).append(" AS ")
                    .append(v.name());
        }
        List<String> columns = plan.values().stream().map(LoadPlan.Value::name)
                .filter(n -> !n.equals("town") && !n.equals("village") && !n.equals("sector") && !n.equals("department")
                        && !n.equals("credit_code") && !n.equals("funds") && !n.startsWith(LoadPlans.HELPER)
                        && !n.equals("enterprise_id") && !n.equals("enterprise_id_key"))
                .toList();
        return "INSERT INTO " + table + " BY NAME SELECT " + String.join(", ", columns) + ", 2 AS batch_id FROM (SELECT "
                + parsed + "\n  FROM (SELECT " + raw + "\n    FROM " + typedRead(csv, rejectsTable) + "))";
    }

    /** Today's text stage of a file (the slow path runs it on the refused lines only). */
    public static String textStage(long batchId, Path csv) {
        Map<String, String> columns = HeaderMatcher.match(ImportKind.HAZARDS,
                fileColumns().stream().map(ImportKind.Column::header).toList()).orElseThrow();
        return StagingSql.stage(LoadPlans.of(ImportKind.HAZARDS), batchId, csv, columns, false);
    }

    /** Distinct thresholds a bucket of the line-number look-up may hold ({@link #line}). */
    static final int PER_BUCKET = 4;

    /**
     * Rows per bucket of the line-number look-up: the largest power of two up to 4,096 whose buckets hold at most
     * {@value #PER_BUCKET} distinct thresholds (a run of consecutive refused lines shares one threshold).
     */
    public static String bucketQuery(String shiftTable) {
        return "SELECT coalesce(max(b), 1) FROM (SELECT b FROM (SELECT unnest([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024,"
                + " 2048, 4096]) AS b) WHERE (SELECT coalesce(max(n), 0) FROM (SELECT count(DISTINCT t) AS n FROM "
                + shiftTable + " GROUP BY t // b)) <= " + PER_BUCKET + ")";
    }

    /**
     * The session variables that turn a typed stage row's rowid into its line without a join. The refused lines give
     * thresholds {@code t} (the first rowid that comes after {@code k} refused lines); distinct thresholds, sorted, go
     * into the flat lists {@code fp_t} and {@code fp_k}; for each bucket of {@code bucket} rowids, {@code fp_first}
     * holds the position of its first threshold and {@code fp_base} the refused lines before it. An ASOF join on the
     * stage gives the same numbers, but in the load it carried every column of 10 M rows through its sort (history,
     * MERGE and INSERT took 26–49 s each at 10 M); nested lists per bucket cost 4.6 CPU s per 1 M rows at 10 %
     * refused lines; positions in flat lists next to nothing.
     */
    public static List<String> shiftVariables(String shiftTable, long stageRows, int bucket) {
        long buckets = stageRows / bucket + 2;
        String distinct = "(SELECT t, max(k) AS k, row_number() OVER (ORDER BY t) AS i FROM " + shiftTable + " GROUP BY t)";
        return List.of(
                "CREATE OR REPLACE TEMP TABLE fp_thresholds AS SELECT * FROM " + distinct,
                "SET VARIABLE fp_t = (SELECT list(t ORDER BY i) FROM fp_thresholds)",
                "SET VARIABLE fp_k = (SELECT list(k ORDER BY i) FROM fp_thresholds)",
                "SET VARIABLE fp_first = (SELECT list(coalesce(x.i, 1 + (SELECT count(*) FROM fp_thresholds)) ORDER BY r.b)"
                        + " FROM range(" + (buckets + 1) + ") r(b) LEFT JOIN (SELECT min(i) AS i,"
                        + " t // " + bucket + " AS bb FROM fp_thresholds GROUP BY 2) x ON x.bb = r.b)",
                // a bucket without thresholds starts at the next one's first: fill backwards
                "SET VARIABLE fp_first = (SELECT list(f ORDER BY b) FROM (SELECT b, min(v) OVER (ORDER BY b DESC ROWS"
                        + " BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS f FROM (SELECT unnest(range(1, len(getvariable("
                        + "'fp_first')) + 1)) AS b, unnest(getvariable('fp_first')) AS v)))",
                "SET VARIABLE fp_base = (SELECT list(coalesce(getvariable('fp_k')[f - 1], 0) ORDER BY b) FROM (SELECT"
                        + " unnest(range(1, len(getvariable('fp_first')) + 1)) AS b, unnest(getvariable('fp_first')) AS f))");
    }

    /** The line of a typed stage row, from {@link #shiftVariables}. */
    public static String line(String alias, int rowsPerBucket) {
        String r = alias + ".rowid";
        String b = "(" + r + " // " + rowsPerBucket + " + 1)";
        String f = "getvariable('fp_first')[" + b + "]";
        String next = "getvariable('fp_first')[" + b + " + 1]";
        StringBuilder k = new StringBuilder("CASE");
        for (int j = PER_BUCKET - 1; j >= 0; j--) {
            k.append(" WHEN ").append(f).append(" + ").append(j).append(" < ").append(next)
                    .append(" AND getvariable('fp_t')[").append(f).append(" + ").append(j).append("] <= ").append(r)
                    .append(" THEN getvariable('fp_k')[").append(f).append(" + ").append(j).append("]");
        }
        k.append(" ELSE getvariable('fp_base')[").append(b).append("] END");
        return "(" + r + " + 2 + " + k + ")";
    }

    /** Today's load step, each typed stage row's line from the rejects ({@link #shiftVariables}). */
    public static List<String> load(long batchId, int bucket) {
        List<String> out = new ArrayList<>();
        for (String sql : StagingSql.load(LoadPlans.of(ImportKind.HAZARDS), batchId)) {
            out.add(sql.replace("s.rowid + 2", line("s", bucket)).replace("k.rowid + 2", line("k", bucket)));
        }
        return out;
    }

    public static String countAccepted(long batchId) {
        return StagingSql.countAccepted(batchId, "hazard_no");
    }

    private static String cells(String expression) {
        Matcher m = RAW.matcher(expression);
        return m.replaceAll(r -> (TYPED.containsKey(r.group(1)) ? "t_" : "r_") + r.group(1));
    }

    private static String header(String field) {
        return ImportKind.HAZARDS.columns().stream().filter(c -> c.field().equals(field))
                .map(ImportKind.Column::header).findFirst().orElse(field);
    }
}
