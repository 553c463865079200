package cn.anjian.lake;

import java.util.List;

/**
 * One warehouse table as the lake holds it: its folder name (the table's own name), the Hive partition columns and
 * the query that gives its rows with those columns appended. Facts are partitioned by the year of their date and by
 * the county and town of their region ({@code fact_hazard/year=2024/county=…/town=…/}), so a county's or a
 * province's engines prune to the towns and years a question names; enterprises by county and town, regions by
 * county; the small code tables are one file each. A region outside every town (a county-level row) goes to
 * {@code town=none}.
 */
record LakeTable(String name, List<String> partitionBy, String source) {

    static final String NONE = "none";

    /** The tables the lake holds, in the order the manifest lists them. */
    static final List<LakeTable> ALL = List.of(
            fact("fact_inspection", "inspection_date"),
            fact("fact_hazard", "found_date"),
            fact("fact_enforcement", "action_date"),
            fact("fact_accident", "accident_date"),
            new LakeTable("dim_region", List.of("county"),
                    "SELECT f.*, coalesce(f.county_code, '" + NONE + "') AS county FROM dim_region f"),
            new LakeTable("dim_enterprise", List.of("county", "town"), """
                    SELECT f.*, coalesce(r.county_code, '%1$s') AS county, coalesce(r.town_code, '%1$s') AS town
                    FROM dim_enterprise f LEFT JOIN dim_region r ON r.region_code = f.region_code""".formatted(NONE)),
            plain("dim_date"),
            plain("dim_sector"),
            plain("dim_department"),
            plain("dim_inspection_type"),
            plain("dim_enforcement_action"));

    private static LakeTable fact(String table, String dateColumn) {
        return new LakeTable(table, List.of("year", "county", "town"), """
                SELECT f.*, CAST(year(f.%2$s) AS INTEGER) AS year, coalesce(r.county_code, '%3$s') AS county,
                    coalesce(r.town_code, '%3$s') AS town
                FROM %1$s f LEFT JOIN dim_region r ON r.region_code = f.region_code""".formatted(table, dateColumn,
                NONE));
    }

    private static LakeTable plain(String table) {
        return new LakeTable(table, List.of(), "SELECT f.* FROM " + table + " f");
    }

    boolean partitioned() {
        return !partitionBy.isEmpty();
    }
}
