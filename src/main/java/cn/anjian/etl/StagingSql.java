package cn.anjian.etl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link LoadPlan} into the DuckDB statements of one import. All values come from the ledger through
 * DuckDB's own CSV reader and stay inside SQL; the only things written into the SQL text are our own constants,
 * quoted identifiers of the file's headers, the server-side path of the staged file and the numeric batch id.
 */
final class StagingSql {

    private static final Pattern RAW = Pattern.compile("\\$\\{([a-z_]+)}");

    private StagingSql() {
    }

    static String stageTable(long batchId) {
        return "stg_import_" + batchId;
    }

    /** Session variables holding the alias maps the plan looks codes up in (joins would scramble row order). */
    static List<String> aliasVariables() {
        List<String> sql = new ArrayList<>();
        for (String domain : LoadPlans.ALIAS_DOMAINS) {
            sql.add("SET VARIABLE alias_" + domain + " = (SELECT map(list(alias), list(code)) FROM code_alias"
                    + " WHERE domain = '" + domain + "')");
        }
        sql.add("""
                SET VARIABLE alias_region = (SELECT map(list(k), list(v)) FROM (
                    SELECT k, min(v) AS v FROM (
                        SELECT t.region_name || '|' || r.region_name AS k, r.region_code AS v
                        FROM dim_region r JOIN dim_region t ON t.region_code = r.parent_code
                        WHERE r.region_level = 'village'
                        UNION ALL SELECT region_name, region_code FROM dim_region WHERE region_level = 'village'
                        UNION ALL SELECT region_code, region_code FROM dim_region WHERE region_level = 'village')
                    GROUP BY k HAVING count(DISTINCT v) = 1))""");
        return sql;
    }

    /**
     * One pass from the file into the stage table: raw cells, parsed values and the list of reasons per row. No
     * joins, so the stage table's rowid follows the file's row order (row numbers for rejects).
     *
     * @param columns source column (file header) of each template field present in the file
     */
    static String stage(LoadPlan plan, long batchId, Path csv, Map<String, String> columns, boolean explicitRows) {
        StringBuilder raw = new StringBuilder();
        raw.append(explicitRows ? "TRY_CAST(\"__row\" AS BIGINT) AS src_row, \"__sheet\" AS src_sheet"
                : "CAST(NULL AS BIGINT) AS src_row, CAST(NULL AS VARCHAR) AS src_sheet");
        for (ImportKind.Column column : plan.kind().columns()) {
            String source = columns.get(column.field());
            raw.append(",\n    ").append(source == null ? "CAST(NULL AS VARCHAR)" : "anj_text(" + quoteIdentifier(source) + ")")
                    .append(" AS r_").append(column.field());
        }
        StringBuilder parsed = new StringBuilder("*");
        for (LoadPlan.Value v : plan.values()) {
            parsed.append(",\n    ").append(raw(v.expression())).append(" AS ").append(v.name());
        }
        StringBuilder reasons = new StringBuilder();
        StringBuilder anyFails = new StringBuilder();
        for (LoadPlan.Check c : plan.checks()) {
            String fails = "coalesce(" + raw(c.failsWhen()) + ", false)";
            if (!reasons.isEmpty()) {
                reasons.append(",\n      ");
                anyFails.append("\n    OR ");
            }
            anyFails.append(fails);
            reasons.append("CASE WHEN ").append(fails).append(" THEN {'field': ")
                    .append(quoteLiteral(header(plan.kind(), c.field()))).append(", 'value': r_").append(c.field())
                    .append(", 'reason': ").append(quoteLiteral(c.reason())).append("} END");
        }
        String outputs = String.join(", ", plan.values().stream().map(LoadPlan.Value::name).toList());
        // reasons stay NULL for good rows: the list is built only for the few rows that fail a check
        return "CREATE OR REPLACE TABLE " + stageTable(batchId) + " AS\nSELECT src_row, src_sheet, " + outputs
                + ",\n  CASE WHEN " + anyFails + "\n  THEN list_filter([" + reasons
                + "], lambda x: x IS NOT NULL) END AS reasons\nFROM (SELECT " + parsed
                + "\n  FROM (SELECT " + raw + "\n    FROM read_csv(" + quoteLiteral(csv.toAbsolutePath().toString())
                + ", header = true, all_varchar = true, auto_detect = true)))";
    }

    /** The statements of the load step, in order; run in one transaction. */
    static List<String> load(LoadPlan plan, long batchId) {
        String stage = stageTable(batchId);
        String row = "coalesce(s.src_row, s.rowid + 2)";
        String key = plan.key();
        String dupes = "dup_import_" + batchId;
        List<String> sql = new ArrayList<>();
        sql.add("DELETE FROM etl_reject WHERE batch_id = " + batchId);
        sql.add("CREATE OR REPLACE TEMP TABLE " + dupes + " AS SELECT s." + key + " AS k, min(" + row + ") AS first_row"
                + " FROM " + stage + " s WHERE s.reasons IS NULL GROUP BY s." + key + " HAVING count(*) > 1");
        sql.add("INSERT INTO etl_reject (batch_id, file_name, sheet_name, row_no, field_name, field_value, reason)"
                + " SELECT " + batchId + ", b.file_name, x.src_sheet, x.row_no, x.r.field, x.r.value, x.r.reason"
                + " FROM (SELECT s.src_sheet, " + row + " AS row_no, unnest(s.reasons) AS r FROM " + stage
                + " s WHERE s.reasons IS NOT NULL) x, etl_batch b WHERE b.batch_id = " + batchId);
        sql.add("INSERT INTO etl_reject (batch_id, file_name, sheet_name, row_no, field_name, field_value, reason)"
                + " SELECT " + batchId + ", b.file_name, s.src_sheet, " + row + ", "
                + quoteLiteral(header(plan.kind(), key)) + ", s." + key + ", '与第 ' || d.first_row || ' 行的编号重复'"
                + " FROM " + stage + " s JOIN " + dupes + " d ON d.k = s." + key + ", etl_batch b"
                + " WHERE b.batch_id = " + batchId + " AND s.reasons IS NULL AND " + row + " <> d.first_row");
        String accepted = "(SELECT s.*, CAST(" + batchId + " AS BIGINT) AS batch_id,"
                + " (SELECT file_name FROM etl_batch WHERE batch_id = " + batchId + ") AS source_file,"
                + " CAST(" + row + " AS INTEGER) AS source_row FROM " + stage + " s"
                + " WHERE s.reasons IS NULL AND NOT EXISTS (SELECT 1 FROM " + dupes + " d WHERE d.k = s." + key
                + " AND d.first_row <> " + row + "))";
        for (String statement : new cn.anjian.warehouse.SqlScript("upsert", plan.upsert()).statements()) {
            sql.add(statement.replace("${accepted}", accepted).replace("${stage}", stage));
        }
        return sql;
    }

    static String countRejected(long batchId) {
        return "SELECT count(DISTINCT coalesce(sheet_name, '') || '#' || row_no) FROM etl_reject WHERE batch_id = "
                + batchId;
    }

    static List<String> dropStage(long batchId) {
        return List.of("DROP TABLE IF EXISTS " + stageTable(batchId), "DROP TABLE IF EXISTS dup_import_" + batchId);
    }

    private static String raw(String expression) {
        Matcher m = RAW.matcher(expression);
        return m.replaceAll("r_$1");
    }

    private static String header(ImportKind kind, String field) {
        return kind.columns().stream().filter(c -> c.field().equals(field)).map(ImportKind.Column::header)
                .findFirst().orElse(field);
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
