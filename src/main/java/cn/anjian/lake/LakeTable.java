package cn.anjian.lake;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.jooq.impl.DSL;

/**
 * One warehouse table as the lake holds it: its folder name (the table's own name), the Hive partition columns and
 * the query that gives its rows with those columns appended. Facts are partitioned by the year of their date and by
 * the county and town of their region ({@code fact_hazard/year=2024/county=…/town=…/}), so a county's or a
 * province's engines prune to the towns and years a question names; enterprises by county and town, regions by
 * county; the small code tables are one file each. A region outside every town (a county-level row) goes to
 * {@code town=none}. The same list and queries make a town's report package ({@link #slice}).
 *
 * @param dateColumn the fact's date, whose year partitions it and whose month a report package's period reads;
 *                   null for a dimension
 * @param townColumn the column of {@code source} naming the row's town, null for a code table
 * @param packaged   whether a town's report package carries it (a campaign's progress reports belong to a town's
 *                   departments as often as to its villages: the package's merge, which matches a fact's town by its
 *                   village, does not hold them yet)
 */
record LakeTable(String name, List<String> partitionBy, String source, String dateColumn, String townColumn,
                 boolean packaged) {

    static final String NONE = "none";

    /** The tables the lake holds, in the order the manifest lists them. */
    static final List<LakeTable> ALL = List.of(
            fact("fact_inspection", "inspection_date"),
            fact("fact_hazard", "found_date"),
            fact("fact_enforcement", "action_date"),
            fact("fact_accident", "accident_date"),
            // the campaign's ledgers (专项行动): drills, trainings, tip-offs, head checks, door-knocking, publicity
            fact("fact_drill", "drill_date"),
            fact("fact_training", "training_date"),
            fact("fact_tipoff", "received_date"),
            fact("fact_head_duty", "duty_date"),
            fact("fact_door_knock", "visit_date"),
            fact("fact_publicity", "event_date"),
            // a department's report belongs to its town (home_code), a village's to the village
            new LakeTable("fact_task_progress", List.of("year", "county", "town"), factSource("fact_task_progress",
                    "report_date", "coalesce(f.region_code, f.home_code)"), "report_date", "town", false),
            new LakeTable("dim_region", List.of("county"),
                    "SELECT f.*, coalesce(f.county_code, '" + NONE + "') AS county FROM dim_region f", null,
                    "town_code", true),
            new LakeTable("dim_enterprise", List.of("county", "town"), """
                    SELECT f.*, coalesce(r.county_code, '%1$s') AS county, coalesce(r.town_code, '%1$s') AS town
                    FROM dim_enterprise f LEFT JOIN dim_region r ON r.region_code = f.region_code""".formatted(NONE),
                    null, "town", true),
            plain("dim_date"),
            plain("dim_sector"),
            plain("dim_department"),
            plain("dim_inspection_type"),
            plain("dim_enforcement_action"));

    private static LakeTable fact(String table, String dateColumn) {
        return new LakeTable(table, List.of("year", "county", "town"), factSource(table, dateColumn, "f.region_code"),
                dateColumn, "town", true);
    }

    private static String factSource(String table, String dateColumn, String region) {
        return """
                SELECT f.*, CAST(year(f.%2$s) AS INTEGER) AS year, coalesce(r.county_code, '%3$s') AS county,
                    coalesce(r.town_code, '%3$s') AS town
                FROM %1$s f LEFT JOIN dim_region r ON r.region_code = %4$s""".formatted(table, dateColumn, NONE, region);
    }

    private static LakeTable plain(String table) {
        return new LakeTable(table, List.of(), "SELECT f.* FROM " + table + " f", null, null, true);
    }

    boolean partitioned() {
        return !partitionBy.isEmpty();
    }

    /**
     * A report package's rows of this table, with the warehouse table's own columns (no partition columns): the rows
     * of the given towns and, for a fact, dated from {@code from} to {@code to}; a code table whole. The towns are
     * codes the warehouse itself holds, inlined as SQL literals by jOOQ (a {@code COPY} takes no bind values).
     */
    String slice(List<String> towns, LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("SELECT * ");
        if (partitioned()) {
            sql.append("EXCLUDE (").append(String.join(", ", partitionBy)).append(") ");
        }
        sql.append("FROM (").append(source).append(") s");
        if (townColumn != null) {
            sql.append(" WHERE s.").append(townColumn).append(" IN (")
                    .append(towns.stream().map(t -> DSL.inline(t).toString()).collect(Collectors.joining(", ")))
                    .append(")");
            if (dateColumn != null) {
                sql.append(" AND s.").append(dateColumn).append(" BETWEEN DATE '").append(from)
                        .append("' AND DATE '").append(to).append("'");
            }
        }
        return sql.toString();
    }
}
