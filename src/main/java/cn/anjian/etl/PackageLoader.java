package cn.anjian.etl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import cn.anjian.lake.ReportPackage;

import org.jooq.impl.DSL;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The county's import of a town's report package (上报数据包, issue #17), as the two middle steps of the one import
 * job. Stage: the package is opened and checked whole ({@link ReportPackage#open}: complete zip, checksums), then
 * against this warehouse (same schema version, towns the county knows, every row of the package's towns and period,
 * no natural key that here belongs to another town) and its tables are copied into stage tables; any failure refuses
 * the package, naming the file and table, before a row is written. Load, in the load step's one transaction: for each
 * table a ledger kind loads ({@link LoadPlans#packagePlans}), rows are matched by their natural key; a changed row is
 * rewritten, a new one inserted, and a fact of the package's towns and period that the package no longer holds is
 * removed. Every row rewritten or removed is first copied to the table's history with this import as
 * {@code replaced_by}, so the package is withdrawn like any other import, and other towns and periods are never
 * touched. A package sent again finds every row unchanged and writes nothing.
 */
@Component
class PackageLoader {

    /** Bookkeeping columns: not part of a record, so a difference in them does not make a row changed. */
    private static final Set<String> BOOKKEEPING = Set.of("batch_id", "source_file", "source_row");

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PackageLoader(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a package's load did, over all its tables. */
    record Counts(long added, long updated, long unchanged, long removed) {
    }

    static String stageTable(long batchId, String table) {
        return "stg_pkg_" + batchId + "_" + table;
    }

    private static String scopeTable(long batchId) {
        return "stg_pkg_" + batchId + "_scope";
    }

    /**
     * Opens and checks the package and fills its stage tables; returns the rows it holds in the tables it merges.
     *
     * @throws LedgerFormatException when the package is refused, with the reason
     */
    long stage(long batchId, Path file, String fileName, Path workDir) {
        Path dir = workDir.resolve("package-" + batchId);
        String what = "数据包「" + fileName + "」";
        try {
            ReportPackage.Opened opened;
            try {
                opened = ReportPackage.open(file, fileName, dir, json);
            } catch (ReportPackage.Refused e) {
                throw new LedgerFormatException(e.getMessage(), e);
            }
            ReportPackage.Manifest manifest = opened.manifest();
            String ours = ReportPackage.schemaVersion(jdbc);
            if (!Objects.equals(manifest.schemaVersion(), ours)) {
                throw new LedgerFormatException(what + "的库结构版本是 " + manifest.schemaVersion() + "，本系统是 " + ours
                        + ": 版本不同的数据包不能合并。请乡镇和县里升级到同一版本后重新生成数据包");
            }
            YearMonth from;
            YearMonth to;
            try {
                from = YearMonth.parse(manifest.from());
                to = YearMonth.parse(manifest.to());
            } catch (DateTimeParseException | NullPointerException e) {
                throw new LedgerFormatException(what + "的期间「" + manifest.from() + " 至 " + manifest.to() + "」无法识别");
            }
            List<String> known = jdbc.queryForList("SELECT region_code FROM dim_region WHERE region_level = 'town'",
                    String.class);
            for (String town : manifest.towns()) {
                if (!known.contains(town)) {
                    throw new LedgerFormatException(what + "的乡镇 " + town + " 不是本县已知的乡镇 (区划表中没有这个乡镇):"
                            + " 请先导入含该乡镇的区划表，或核对数据包的来源");
                }
            }
            String scope = scopeTable(batchId);
            jdbc.execute("CREATE OR REPLACE TABLE " + scope + " (town VARCHAR, first_day DATE, last_day DATE)");
            for (String town : manifest.towns()) {
                jdbc.update("INSERT INTO " + scope + " VALUES (?, ?, ?)", town, from.atDay(1), to.atEndOfMonth());
            }
            long rows = 0;
            for (LoadPlan plan : LoadPlans.packagePlans()) {
                String table = plan.target().table();
                String stage = stageTable(batchId, table);
                try {
                    jdbc.execute("CREATE OR REPLACE TABLE " + stage + " AS SELECT * FROM read_parquet("
                            + DSL.inline(opened.files().get(table).toString()) + ")");
                } catch (DataAccessException e) {
                    throw new LedgerFormatException(what + "中的表 " + table + " 无法读取 (不是有效的 Parquet 文件)", e);
                }
                long n = count("SELECT count(*) FROM " + stage);
                long expected = manifest.tables().stream().filter(t -> t.table().equals(table)).findFirst()
                        .orElseThrow().rows();
                if (n != expected) {
                    throw new LedgerFormatException(what + "中的表 " + table + " 有 " + n + " 行，清单写的是 " + expected + " 行");
                }
                if (!columns(stage).equals(columns(table))) {
                    throw new LedgerFormatException(what + "中表 " + table + " 的列与本库不同: 数据包 " + columns(stage)
                            + "，本库 " + columns(table));
                }
                check(batchId, plan, what);
                rows += n;
            }
            return rows;
        } finally {
            cn.anjian.lake.LakeWriter.deleteTree(dir);
        }
    }

    /**
     * Code columns and the county's code table that must know their codes: each install keeps its own code list
     * ({@code etl/codes.yaml}), so a town's sub-sector the county lacks would load as an unlabelled code that no
     * parent-sector filter counts.
     */
    private static final Map<String, String[]> CODE_LISTS = Map.of(
            "sector_code", new String[] {"dim_sector", "sector_code", "行业领域"},
            "hazard_level", new String[] {"dim_hazard_level", "level_code", "隐患等级"},
            "inspection_type", new String[] {"dim_inspection_type", "type_code", "检查类型"},
            "action_code", new String[] {"dim_enforcement_action", "action_code", "执法措施"});

    /**
     * The package's rows belong to its towns (and a fact to its period), no key of them is another town's here, and
     * every code they carry is in the county's code lists.
     */
    private void check(long batchId, LoadPlan plan, String what) {
        String table = plan.target().table();
        String stage = stageTable(batchId, table);
        for (String column : columns(table).keySet()) {
            String[] list = CODE_LISTS.get(column);
            if (list == null) {
                continue;
            }
            List<String> unknown = jdbc.queryForList("SELECT DISTINCT s." + column + " FROM " + stage + " s WHERE s."
                    + column + " IS NOT NULL AND s." + column + " NOT IN (SELECT " + list[1] + " FROM " + list[0]
                    + ") ORDER BY 1 LIMIT 5", String.class);
            if (!unknown.isEmpty()) {
                throw new LedgerFormatException(what + "中表 " + table + " 的" + list[2] + "代码 "
                        + String.join("、", unknown) + " 不在本县的代码表中: 请先在本县的代码表 (etl/codes.yaml) 中加上"
                        + "这些代码 (与乡镇的代码表一致)，重启后再导入");
            }
        }
        String towns = "(SELECT town FROM " + scopeTable(batchId) + ")";
        String key = plan.key();
        String packageRegions = "(SELECT region_code FROM " + stageTable(batchId, "dim_region")
                + " UNION SELECT region_code FROM dim_region WHERE town_code IN " + towns + ")";
        List<String> where = new ArrayList<>();
        if (table.equals("dim_region")) {
            where.add("s.town_code IS NULL OR s.town_code NOT IN " + towns);
        } else {
            where.add("s.region_code NOT IN " + packageRegions);
        }
        ReportPackage.dateColumn(table).ifPresent(date -> where.add("s." + date + " NOT BETWEEN (SELECT min(first_day) FROM "
                + scopeTable(batchId) + ") AND (SELECT max(last_day) FROM " + scopeTable(batchId) + ")"));
        for (String condition : where) {
            List<String> outside = jdbc.queryForList("SELECT s." + key + " FROM " + stage + " s WHERE " + condition
                    + " ORDER BY 1 LIMIT 3", String.class);
            if (!outside.isEmpty()) {
                throw new LedgerFormatException(what + "中表 " + table + " 的记录 " + String.join("、", outside)
                        + " 不属于数据包的乡镇或期间 (清单与数据不一致)");
            }
        }
        String theirTown = table.equals("dim_region") ? "t.town_code"
                : "(SELECT r.town_code FROM dim_region r WHERE r.region_code = t.region_code)";
        List<Map<String, Object>> taken = jdbc.queryForList("SELECT t." + key + " AS k, " + theirTown + " AS town FROM "
                + table + " t WHERE EXISTS (SELECT 1 FROM " + stage + " s WHERE " + same("s", "t", plan) + ") AND "
                + "coalesce(" + theirTown + ", '-') NOT IN " + towns + " ORDER BY 1 LIMIT 3");
        if (!taken.isEmpty()) {
            throw new LedgerFormatException(what + "中表 " + table + " 的编号 " + taken.stream()
                    .map(m -> m.get("k") + " (本库中属于" + (m.get("town") == null ? "县级区划" : "乡镇 " + m.get("town")) + ")").collect(Collectors.joining("、"))
                    + " 已属于别的乡镇: 同一编号不能由两个乡镇上报，请核对编号");
        }
    }

    /** Merges the staged package into the warehouse; runs inside the load step's transaction. */
    Counts load(long batchId) {
        jdbc.execute("DELETE FROM etl_batch_dependency WHERE batch_id = " + batchId);
        String scope = scopeTable(batchId);
        long added = 0;
        long updated = 0;
        long unchanged = 0;
        long removed = 0;
        for (LoadPlan plan : LoadPlans.packagePlans()) {
            LoadPlan.Target target = plan.target();
            String t = target.table();
            String h = target.history();
            String stage = stageTable(batchId, t);
            String matched = "EXISTS (SELECT 1 FROM " + stage + " s WHERE " + same("s", "t", plan) + ")";
            String differs = "EXISTS (SELECT 1 FROM " + stage + " s WHERE " + same("s", "t", plan) + " AND ("
                    + columns(t).keySet().stream().filter(c -> !BOOKKEEPING.contains(c))
                    .map(c -> "t." + c + " IS DISTINCT FROM s." + c).collect(Collectors.joining(" OR ")) + "))";
            String gone = ReportPackage.dateColumn(t).map(date -> "(t.region_code IN (SELECT region_code FROM dim_region"
                    + " WHERE town_code IN (SELECT town FROM " + scope + ")) AND t." + date + " BETWEEN (SELECT min(first_day)"
                    + " FROM " + scope + ") AND (SELECT max(last_day) FROM " + scope + ") AND NOT " + matched + ")")
                    .orElse("false");
            jdbc.execute("DELETE FROM " + h + " WHERE replaced_by = " + batchId);
            jdbc.execute("INSERT INTO etl_batch_dependency (batch_id, depends_on) SELECT DISTINCT " + batchId
                    + ", t.batch_id FROM " + t + " t WHERE (" + matched + " OR " + gone + ") AND t.batch_id IS NOT NULL"
                    + " AND t.batch_id <> " + batchId);
            jdbc.execute("INSERT INTO " + h + " BY NAME SELECT t.*, CAST(" + batchId + " AS BIGINT) AS replaced_by FROM "
                    + t + " t WHERE " + differs + " OR " + gone);
            jdbc.execute("DELETE FROM " + t + " t WHERE EXISTS (SELECT 1 FROM " + h + " h WHERE h.replaced_by = "
                    + batchId + " AND " + same("h", "t", plan) + ")");
            jdbc.execute("INSERT INTO " + t + " BY NAME SELECT * REPLACE (CAST(" + batchId + " AS BIGINT) AS batch_id)"
                    + " FROM " + stage + " s WHERE NOT EXISTS (SELECT 1 FROM " + t + " t WHERE " + same("t", "s", plan) + ")");
            String replaced = "EXISTS (SELECT 1 FROM " + h + " h WHERE h.replaced_by = " + batchId + " AND "
                    + same("h", "t", plan) + ")";
            long rewritten = count("SELECT count(*) FROM " + t + " t WHERE t.batch_id = " + batchId + " AND " + replaced);
            long inserted = count("SELECT count(*) FROM " + t + " t WHERE t.batch_id = " + batchId + " AND NOT " + replaced);
            added += inserted;
            updated += rewritten;
            unchanged += count("SELECT count(*) FROM " + stage) - inserted - rewritten;
            removed += count("SELECT count(*) FROM " + h + " h WHERE h.replaced_by = " + batchId + " AND NOT EXISTS"
                    + " (SELECT 1 FROM " + t + " t WHERE " + same("t", "h", plan) + ")");
        }
        return new Counts(added, updated, unchanged, removed);
    }

    /** The stage tables of a package import, dropped when it completes. */
    static List<String> drop(long batchId) {
        List<String> sql = new ArrayList<>();
        for (LoadPlan plan : LoadPlans.packagePlans()) {
            sql.add("DROP TABLE IF EXISTS " + stageTable(batchId, plan.target().table()));
        }
        sql.add("DROP TABLE IF EXISTS " + scopeTable(batchId));
        return sql;
    }

    private static String same(String a, String b, LoadPlan plan) {
        return plan.target().identity().stream().map(c -> a + "." + c + " = " + b + "." + c)
                .collect(Collectors.joining(" AND "));
    }

    /** A table's columns and their types, in order. */
    private Map<String, String> columns(String table) {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        jdbc.query("DESCRIBE " + table, rs -> {
            columns.put(rs.getString("column_name"), rs.getString("column_type"));
        });
        return columns;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
