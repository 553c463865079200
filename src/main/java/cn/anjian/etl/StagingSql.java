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

    private static final Pattern ACCEPTED_WHERE = Pattern.compile("\\$\\{accepted WHERE ([^}]+)}");

    private StagingSql() {
    }

    static String stageTable(long batchId) {
        return "stg_import_" + batchId;
    }

    /** Session variables holding the alias maps the plan looks codes up in (joins would scramble row order). */
    static List<String> aliasVariables() {
        return aliasVariables(null);
    }

    /**
     * The alias maps, with the profile's value synonyms merged in: a synonym maps to the code of its target when the
     * target is a known alias (e.g. 3级 → 一般 → general), else to the target itself.
     */
    static List<String> aliasVariables(MappingProfile profile) {
        List<String> sql = new ArrayList<>();
        for (String domain : LoadPlans.ALIAS_DOMAINS) {
            Map<String, String> synonyms = synonyms(profile, domain);
            if (synonyms.isEmpty()) {
                sql.add("SET VARIABLE alias_" + domain + " = (SELECT map(list(alias), list(code)) FROM code_alias"
                        + " WHERE domain = '" + domain + "')");
            } else {
                sql.add("SET VARIABLE alias_" + domain + " = (SELECT map(list(alias), list(code)) FROM ("
                        + "SELECT alias, code FROM code_alias WHERE domain = '" + domain + "' AND alias NOT IN ("
                        + literals(synonyms.keySet()) + ") UNION ALL SELECT s.a, coalesce((SELECT min(c.code) FROM code_alias c"
                        + " WHERE c.domain = '" + domain + "' AND c.alias = s.t), s.t) FROM (VALUES " + pairs(synonyms)
                        + ") s(a, t)))");
            }
        }
        // an action's stage of the first/second/third inspection ladder, as etl/codes.yaml gives it
        sql.add("SET VARIABLE action_stage = (SELECT map(list(action_code), list(ladder_stage))"
                + " FROM dim_enforcement_action WHERE ladder_stage IS NOT NULL)");
        sql.add("""
                SET VARIABLE alias_region = (SELECT map(list(k), list(v)) FROM (
                    SELECT k, min(v) AS v FROM (
                        SELECT t.region_name || '|' || r.region_name AS k, r.region_code AS v
                        FROM dim_region r JOIN dim_region t ON t.region_code = r.parent_code
                        WHERE r.region_level = 'village'
                        UNION ALL SELECT region_name, region_code FROM dim_region WHERE region_level = 'village'
                        UNION ALL SELECT region_code, region_code FROM dim_region WHERE region_level = 'village')
                    GROUP BY k HAVING count(DISTINCT v) = 1))""");
        // enterprises by credit code, code and (unambiguous) name, current versions: drills, trainings, head duties
        sql.add("""
                SET VARIABLE alias_enterprise = (SELECT map(list(k), list(v)) FROM (
                    SELECT k, min(v) AS v FROM (
                        SELECT credit_code AS k, enterprise_code AS v FROM dim_enterprise
                        WHERE is_current AND credit_code IS NOT NULL
                        UNION ALL SELECT enterprise_code, enterprise_code FROM dim_enterprise WHERE is_current
                        UNION ALL SELECT enterprise_name, enterprise_code FROM dim_enterprise WHERE is_current)
                    GROUP BY k HAVING count(DISTINCT v) = 1))""");
        // the ledger's own enterprise numbers (企业内部编号), unique within a town: "town code|number" → enterprise
        sql.add("""
                SET VARIABLE alias_enterprise_id = (SELECT map(list(k), list(v)) FROM (
                    SELECT r.town_code || '|' || e.ledger_id AS k, min(e.enterprise_code) AS v
                    FROM dim_enterprise e JOIN dim_region r ON r.region_code = e.region_code
                    WHERE e.is_current AND e.ledger_id IS NOT NULL AND r.town_code IS NOT NULL
                    GROUP BY ALL HAVING count(DISTINCT e.enterprise_code) = 1))""");
        sql.add("SET VARIABLE region_town = (SELECT map(list(region_code), list(town_code)) FROM dim_region"
                + " WHERE region_level = 'village' AND town_code IS NOT NULL)");
        sql.add("""
                SET VARIABLE alias_town = (SELECT map(list(k), list(v)) FROM (
                    SELECT k, min(v) AS v FROM (
                        SELECT region_name AS k, region_code AS v FROM dim_region WHERE region_level = 'town'
                        UNION ALL SELECT region_code, region_code FROM dim_region WHERE region_level = 'town')
                    GROUP BY k HAVING count(DISTINCT v) = 1))""");
        // names as people type them (anj_name_key) → village, town|village → village; ambiguous keys left out
        sql.add("""
                SET VARIABLE alias_region_loose = (SELECT map(list(k), list(v)) FROM (
                    SELECT k, min(v) AS v FROM (
                        SELECT anj_name_key(t.region_name) || '|' || anj_name_key(r.region_name) AS k, r.region_code AS v
                        FROM dim_region r JOIN dim_region t ON t.region_code = r.parent_code
                        WHERE r.region_level = 'village'
                        UNION ALL SELECT anj_name_key(region_name), region_code FROM dim_region WHERE region_level = 'village')
                    WHERE k IS NOT NULL GROUP BY k HAVING count(DISTINCT v) = 1))""");
        sql.add("SET VARIABLE region_names = (SELECT map(list(region_code), list(region_name)) FROM dim_region"
                + " WHERE region_level = 'village')");
        List<String> prefixes = profile == null ? List.of() : profile.regionPrefixes();
        sql.add("SET VARIABLE region_prefix_re = " + (prefixes.isEmpty() ? "CAST(NULL AS VARCHAR)"
                : quoteLiteral("^\\s*(?:" + String.join("|", prefixes.stream().map(StagingSql::regexLiteral).toList())
                + ")\\s*")));
        sql.add("SET VARIABLE only_town = (SELECT CASE WHEN count(*) = 1 THEN min(region_code) END FROM dim_region"
                + " WHERE region_level = 'town')");
        sql.add("SET VARIABLE campaign_tasks = (SELECT coalesce(list(DISTINCT task_id), []) FROM campaign_task)");
        Map<String, String> regions = synonyms(profile, "region");
        if (!regions.isEmpty()) {
            sql.add("SET VARIABLE alias_region = (SELECT map(list(k), list(v)) FROM ("
                    + "SELECT unnest(map_keys(getvariable('alias_region'))) AS k, unnest(map_values(getvariable('alias_region'))) AS v"
                    + ") WHERE k NOT IN (" + literals(regions.keySet()) + ") OR k IS NULL"
                    + " UNION ALL SELECT s.a, getvariable('alias_region')[s.t] FROM (VALUES " + pairs(regions)
                    + ") s(a, t) WHERE getvariable('alias_region')[s.t] IS NOT NULL)");
        }
        return sql;
    }

    /** A text matched literally in an RE2 pattern. */
    static String regexLiteral(String text) {
        return text.strip().replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
    }

    private static Map<String, String> synonyms(MappingProfile profile, String domain) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (profile != null) {
            profile.values().forEach((field, map) -> {
                if (domain.equals(MappingProfile.VALUE_DOMAINS.get(field))) {
                    map.forEach((alias, target) -> {
                        if (alias != null && target != null) {
                            all.put(alias.trim(), target.trim());
                        }
                    });
                }
            });
        }
        return all;
    }

    private static String literals(java.util.Collection<String> values) {
        return String.join(", ", values.stream().map(StagingSql::quoteLiteral).toList());
    }

    private static String pairs(Map<String, String> map) {
        return String.join(", ", map.entrySet().stream()
                .map(e -> "(" + quoteLiteral(e.getKey()) + ", " + quoteLiteral(e.getValue()) + ")").toList());
    }

    /**
     * One pass from the file into the stage table: raw cells, parsed values and the list of reasons per row. No
     * joins, so the stage table's rowid follows the file's row order (row numbers for rejects).
     *
     * @param columns source column (file header) of each template field present in the file
     */
    static String stage(LoadPlan plan, long batchId, Path csv, Map<String, String> columns, boolean explicitRows) {
        return stage(plan, batchId, csv, columns, explicitRows, ',');
    }

    static String stage(LoadPlan plan, long batchId, Path csv, Map<String, String> columns, boolean explicitRows,
                        char delimiter) {
        return stage(plan, batchId, csv, columns, List.of(), explicitRows, delimiter);
    }

    /**
     * @param extraColumns the file's headers no field takes (the fast path: they go into {@code extra} here; the
     *                     Java path writes them as {@code __extra})
     */
    static String stage(LoadPlan plan, long batchId, Path csv, Map<String, String> columns, List<String> extraColumns,
                        boolean explicitRows, char delimiter) {
        StringBuilder raw = new StringBuilder();
        raw.append(explicitRows ? "TRY_CAST(\"__row\" AS BIGINT) AS src_row, \"__sheet\" AS src_sheet,"
                + " \"__note\" AS src_note, \"__error\" AS src_error, \"__period\" AS src_period,"
                + " \"__extra\" AS src_extra"
                : "CAST(NULL AS BIGINT) AS src_row, CAST(NULL AS VARCHAR) AS src_sheet, CAST(NULL AS VARCHAR) AS src_note,"
                + " CAST(NULL AS VARCHAR) AS src_error, CAST(NULL AS VARCHAR) AS src_period, "
                + extraObject(extraColumns) + " AS src_extra");
        for (ImportKind.Column column : plan.kind().columns()) {
            String source = columns.get(column.field());
            raw.append(",\n    ").append(source == null ? "CAST(NULL AS VARCHAR)" : "anj_text(" + quoteIdentifier(source) + ")")
                    .append(" AS r_").append(column.field());
        }
        StringBuilder parsed = new StringBuilder("*");
        for (LoadPlan.Value v : plan.values()) {
            parsed.append(",\n    ").append(raw(v.expression())).append(" AS ").append(v.name());
        }
        // The list of reasons is built only for a row that fails a check: building a list of structs for every row
        // cost more than all the checks together (a third of the stage at 1 M rows).
        List<String> fails = new ArrayList<>();
        StringBuilder reasons = new StringBuilder("CASE WHEN src_error IS NOT NULL THEN {'field': '(整行)',"
                + " 'value': CAST(NULL AS VARCHAR), 'reason': src_error} END");
        fails.add("src_error IS NOT NULL");
        for (LoadPlan.Check c : plan.checks()) {
            String failsWhen = "coalesce(" + raw(c.failsWhen()) + ", false)";
            fails.add(failsWhen);
            reasons.append(",\n      ");
            reasons.append("CASE WHEN ").append(failsWhen).append(" THEN {'field': ")
                    .append(quoteLiteral(header(plan.kind(), c.field()))).append(", 'value': r_").append(c.field())
                    .append(", 'reason': ").append(c.reasonSql() == null ? quoteLiteral(c.reason()) : raw(c.reasonSql()))
                    .append("} END");
        }
        List<String> warns = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (LoadPlan.Warning w : plan.warnings()) {
            String when = "coalesce(" + raw(w.when()) + ", false)";
            warns.add(when);
            notes.add("CASE WHEN " + when + " THEN {'field': " + quoteLiteral(header(plan.kind(), w.field()))
                    + ", 'value': r_" + w.field() + ", 'message': " + raw(w.messageSql()) + "} END");
        }
        String warnings = warns.isEmpty() ? "CAST(NULL AS STRUCT(field VARCHAR, value VARCHAR, message VARCHAR)[])"
                : "CASE WHEN " + String.join("\n    OR ", warns) + "\n  THEN list_filter([" + String.join(",\n      ", notes)
                + "], lambda x: x IS NOT NULL AND x.message IS NOT NULL) END";
        String outputs = String.join(", ", plan.values().stream().map(LoadPlan.Value::name)
                .filter(n -> !n.startsWith(LoadPlans.HELPER)).toList());
        return "CREATE OR REPLACE TABLE " + stageTable(batchId) + " AS\nSELECT src_row, src_sheet, src_note, " + outputs
                + ",\n  CASE WHEN " + String.join("\n    OR ", fails) + "\n  THEN list_filter([" + reasons
                + "], lambda x: x IS NOT NULL) ELSE [] END AS reasons,\n  " + warnings + " AS warnings"
                + "\nFROM (SELECT " + parsed
                + "\n  FROM (SELECT " + raw + "\n    FROM read_csv(" + quoteLiteral(csv.toAbsolutePath().toString())
                + ", header = true, all_varchar = true, auto_detect = true, delim = " + quoteLiteral(String.valueOf(delimiter))
                + ", quote = '\"', escape = '\"')))";
    }

    /** The statements of the load step, in order; run in one transaction. */
    static List<String> load(LoadPlan plan, long batchId) {
        return load(plan, batchId, false);
    }

    /**
     * @param keepLast rows sharing a key: keep the last (a newer copy of the record, e.g. a later sheet) instead of
     *                 the first; the others are listed with the row that replaced them either way
     */
    static List<String> load(LoadPlan plan, long batchId, boolean keepLast) {
        return load(plan, batchId, keepLast, true);
    }

    /**
     * @param keepHistory false only for the import bench ({@link EtlProperties#keepHistory()}): the prior versions
     *                    of rewritten rows are not copied into the history table
     */
    static List<String> load(LoadPlan plan, long batchId, boolean keepLast, boolean keepHistory) {
        String stage = stageTable(batchId);
        String row = "coalesce(s.src_row, s.rowid + 2)";
        String key = plan.key();
        String dupes = "dup_import_" + batchId;
        List<String> sql = new ArrayList<>();
        sql.add("DELETE FROM etl_reject WHERE batch_id = " + batchId);
        sql.add("DELETE FROM etl_lineage WHERE batch_id = " + batchId);
        sql.add(heldElsewhere(plan, batchId));
        String notHeld = " AND NOT EXISTS (SELECT 1 FROM " + heldTable(batchId) + " o WHERE o.rid = s.rowid)";
        sql.add("CREATE OR REPLACE TEMP TABLE " + dupes + " AS SELECT s." + key + " AS k, " + (keepLast ? "max" : "min")
                + "(s.rowid) AS keep_id, count(*) AS n FROM " + stage + " s WHERE len(s.reasons) = 0" + notHeld
                + " GROUP BY s." + key + " HAVING count(*) > 1");
        sql.add("INSERT INTO etl_reject (batch_id, file_name, sheet_name, row_no, field_name, field_value, reason)"
                + " SELECT " + batchId + ", b.file_name, s.src_sheet, " + row + ", "
                + quoteLiteral(header(plan.kind(), key)) + ", s." + key + ", '编号已是「' || o.town || '」的记录："
                + "各乡镇的台账编号不能相同，请核对编号，或在编号前加乡镇简称' FROM " + stage + " s JOIN "
                + heldTable(batchId) + " o ON o.rid = s.rowid, etl_batch b WHERE b.batch_id = " + batchId);
        sql.add("INSERT INTO etl_reject (batch_id, file_name, sheet_name, row_no, field_name, field_value, reason)"
                + " SELECT " + batchId + ", b.file_name, x.src_sheet, x.row_no, x.r.field, x.r.value, x.r.reason"
                + " FROM (SELECT s.src_sheet, " + row + " AS row_no, unnest(s.reasons) AS r FROM " + stage
                + " s WHERE len(s.reasons) > 0) x, etl_batch b WHERE b.batch_id = " + batchId);
        String keptAt = "CASE WHEN k.src_sheet IS NULL THEN '' ELSE '工作表「' || k.src_sheet || '」' END || '第 ' || "
                + row.replace("s.", "k.") + " || ' 行'";
        String reason = keepLast
                ? "'同一编号在' || " + keptAt + " || '有更新的记录，以该行为准'"
                : "'与' || " + keptAt + " || '的编号重复'";
        sql.add("INSERT INTO etl_reject (batch_id, file_name, sheet_name, row_no, field_name, field_value, reason)"
                + " SELECT " + batchId + ", b.file_name, s.src_sheet, " + row + ", "
                + quoteLiteral(header(plan.kind(), key)) + ", s." + key + ", " + reason
                + " FROM " + stage + " s JOIN " + dupes + " d ON d.k = s." + key + " JOIN " + stage
                + " k ON k.rowid = d.keep_id, etl_batch b"
                + " WHERE b.batch_id = " + batchId + " AND len(s.reasons) = 0 AND s.rowid <> d.keep_id" + notHeld);
        String accepted = accepted(batchId, key);
        sql.add("DELETE FROM etl_warning WHERE batch_id = " + batchId + " AND row_no IS NOT NULL");
        sql.add("INSERT INTO etl_warning (batch_id, file_name, sheet_name, row_no, field_name, field_value, message)"
                + " SELECT " + batchId + ", x.source_file, x.src_sheet, x.source_row, x.w.field, x.w.value, x.w.message"
                + " FROM (SELECT s.source_file, s.src_sheet, s.source_row, unnest(s.warnings) AS w FROM "
                + accepted(batchId, key, "s.warnings IS NOT NULL") + " s) x");
        sql.add("INSERT INTO etl_lineage (batch_id, natural_key, sheet_name, row_no, note) SELECT " + batchId + ", s." + key
                + ", s.src_sheet, " + row + ", s.src_note FROM " + stage + " s WHERE s.src_note IS NOT NULL AND len(s.reasons) = 0"
                + " AND NOT EXISTS (SELECT 1 FROM " + dupes + " d WHERE d.k = s." + key + " AND d.keep_id <> s.rowid)"
                + notHeld);
        List<String> history = history(plan, batchId);
        sql.addAll(keepHistory ? history : history.subList(0, history.size() - 1));
        for (String statement : new cn.anjian.warehouse.SqlScript("upsert", plan.upsert()).statements()) {
            Matcher narrowed = ACCEPTED_WHERE.matcher(statement);
            statement = narrowed.replaceAll(m -> Matcher.quoteReplacement(accepted(batchId, key, m.group(1))));
            sql.add(statement.replace("${accepted}", accepted).replace("${stage}", stage));
        }
        return sql;
    }

    /**
     * Before the upsert: the earlier batches whose rows this one matches by key (it builds on them), and the prior
     * version of every row it is about to rewrite, into the table's history. Only accepted rows whose key the table
     * already holds are joined, so a first import of new rows copies nothing.
     */
    static List<String> history(LoadPlan plan, long batchId) {
        LoadPlan.Target t = plan.target();
        String key = plan.key();
        String matched = accepted(batchId, key, "EXISTS (SELECT 1 FROM " + t.table() + " f WHERE f." + key + " = s."
                + key + ")");
        String join = " FROM " + t.table() + " t JOIN " + matched + " s ON t." + key + " = s." + key + " AND " + t.live();
        return List.of(
                "DELETE FROM " + t.history() + " WHERE replaced_by = " + batchId,
                "DELETE FROM etl_batch_dependency WHERE batch_id = " + batchId,
                "INSERT INTO etl_batch_dependency (batch_id, depends_on) SELECT DISTINCT " + batchId + ", t.batch_id"
                        + join + " WHERE t.batch_id IS NOT NULL AND t.batch_id <> " + batchId,
                "INSERT INTO " + t.history() + " BY NAME SELECT t.*, CAST(" + batchId + " AS BIGINT) AS replaced_by"
                        + join + " WHERE " + t.changed());
    }

    /** New, updated and unchanged rows of a finished load step, given the accepted count. */
    static String countChanges(LoadPlan plan, long batchId, long accepted) {
        LoadPlan.Target t = plan.target();
        return "SELECT w - u AS rows_new, u AS rows_updated, " + accepted + " - w AS rows_unchanged FROM"
                + " (SELECT count(*) AS w FROM " + t.table() + " WHERE batch_id = " + batchId + "),"
                + " (SELECT count(DISTINCT " + plan.key() + ") AS u FROM " + t.history() + " WHERE replaced_by = "
                + batchId + ")";
    }

    /** The rows of the stage that are loaded: no reasons, and the kept one of rows sharing a key. */
    static String accepted(long batchId, String key) {
        return accepted(batchId, key, null);
    }

    /**
     * The accepted rows that also meet a condition on the stage row {@code s}, written in an upsert as
     * {@code ${accepted WHERE <condition>}}. The condition goes first into the stage's own WHERE: as a filter on the
     * finished subquery it came after the duplicate check, which read every column of every row (4.9 s at 10 M rows
     * for a MERGE that found no key in an empty fact, 0.3 s this way).
     */
    static String accepted(long batchId, String key, String condition) {
        String stage = stageTable(batchId);
        String row = "coalesce(s.src_row, s.rowid + 2)";
        return "(SELECT s.*, CAST(" + batchId + " AS BIGINT) AS batch_id,"
                + " (SELECT file_name FROM etl_batch WHERE batch_id = " + batchId + ") AS source_file,"
                + " CAST(" + row + " AS INTEGER) AS source_row FROM " + stage + " s"
                + " WHERE " + (condition == null ? "" : condition + " AND ")
                + "len(s.reasons) = 0 AND NOT EXISTS (SELECT 1 FROM dup_import_" + batchId + " d WHERE d.k = s."
                + key + " AND d.keep_id <> s.rowid) AND NOT EXISTS (SELECT 1 FROM " + heldTable(batchId)
                + " o WHERE o.rid = s.rowid))";
    }

    /**
     * The rows whose number the warehouse already holds for another town, by stage row, with that town's name: they
     * are refused, never loaded over the other town's record. In a county warehouse each town numbers its own
     * ledgers, and 落儿岭镇's YH-2024-001 must not overwrite 诸佛庵镇's. Only facts that carry a village (a derived
     * number already includes the village or the enterprise); for the others the table is empty.
     */
    static String heldElsewhere(LoadPlan plan, long batchId) {
        String held = heldTable(batchId);
        boolean byVillage = plan.values().stream().anyMatch(v -> v.name().equals("region_code"));
        if (!plan.target().table().startsWith("fact_") || !byVillage) {
            return "CREATE OR REPLACE TEMP TABLE " + held + " (rid BIGINT, town VARCHAR)";
        }
        String key = plan.key();
        return "CREATE OR REPLACE TEMP TABLE " + held + " AS SELECT st.rowid AS rid,"
                + " min(coalesce(t.region_name, fr.town_code)) AS town FROM " + stageTable(batchId) + " st JOIN "
                + plan.target().table() + " f ON f." + key + " = st." + key
                + " JOIN dim_region fr ON fr.region_code = f.region_code"
                + " JOIN dim_region sr ON sr.region_code = st.region_code"
                + " LEFT JOIN dim_region t ON t.region_code = fr.town_code"
                + " WHERE len(st.reasons) = 0 AND fr.town_code IS DISTINCT FROM sr.town_code GROUP BY st.rowid";
    }

    private static String heldTable(long batchId) {
        return "held_import_" + batchId;
    }

    /**
     * Records loaded: those without reasons, less the duplicates that gave way to the kept row of their key and the
     * rows whose number is another town's.
     */
    static String countAccepted(long batchId, String key) {
        return "SELECT (SELECT count(*) FROM " + stageTable(batchId) + " WHERE len(reasons) = 0)"
                + " - coalesce((SELECT sum(n - 1) FROM dup_import_" + batchId + "), 0)"
                + " - (SELECT count(*) FROM " + heldTable(batchId) + ")";
    }

    /** Loaded rows with at least one warning. */
    static String countWarned(long batchId) {
        return "SELECT count(DISTINCT coalesce(sheet_name, '') || '#' || row_no) FROM etl_warning WHERE batch_id = "
                + batchId + " AND row_no IS NOT NULL";
    }

    static String countRejected(long batchId) {
        return "SELECT count(DISTINCT coalesce(sheet_name, '') || '#' || row_no) FROM etl_reject WHERE batch_id = "
                + batchId;
    }

    static List<String> dropStage(long batchId) {
        return List.of("DROP TABLE IF EXISTS " + stageTable(batchId), "DROP TABLE IF EXISTS dup_import_" + batchId,
                "DROP TABLE IF EXISTS " + heldTable(batchId));
    }

    /** The ledger's extra columns (fast path) as a JSON object of header → trimmed text, NULL when all are blank. */
    static String extraObject(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return "CAST(NULL AS VARCHAR)";
        }
        List<String> own = headers.stream().filter(h -> !h.equals(ImportKind.EXTRA_HEADER)).toList();
        String object = own.isEmpty() ? "CAST('{}' AS JSON)" : "to_json(map_from_entries(list_filter(["
                + String.join(", ", own.stream().map(h -> "{'k': " + quoteLiteral(h) + ", 'v': anj_text("
                + quoteIdentifier(h) + ")}").toList()) + "], lambda e: e.v IS NOT NULL)))";
        if (own.size() < headers.size()) {
            // an export's other columns (台账其他列), read back as they were, not nested one level deeper each time
            object = "json_merge_patch(coalesce(TRY_CAST(anj_text(" + quoteIdentifier(ImportKind.EXTRA_HEADER)
                    + ") AS JSON), CAST('{}' AS JSON)), " + object + ")";
        }
        return "nullif(CAST(" + object + " AS VARCHAR), '{}')";
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
