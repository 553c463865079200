package cn.anjian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Display;
import cn.anjian.semantic.RowScope;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Service;

import static org.jooq.impl.DSL.name;

/**
 * The monthly and quarterly statistics workbook: 隐患排查治理 and 执法 statistics by village, department and
 * sector, each table with a 合计 row, laid out like the county's quarterly statistics table (one table per
 * sheet, the title, period and time made on the first sheet). Queries run under the {@link RowScope}. Each number
 * column is shown as the catalogue shows the metric it reports (整改率 in percent to one decimal, money in 元).
 */
@Service
class StatisticsReports {

    private static final DateTimeFormatter MADE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The rows of a breakdown by another group than the village: the period's facts in scope. */
    private static final String FROM_FACTS = """
            %1$s f
            LEFT JOIN dim_region v ON v.region_code = f.region_code
            LEFT JOIN dim_department d ON d.department_code = f.department_code
            LEFT JOIN dim_sector s ON s.sector_code = f.sector_code
            WHERE f.%2$s >= {0} AND f.%2$s <= {1} AND {2}""";
    /**
     * The breakdowns: sheet suffix, the group's header, the SQL naming a row's group, and the rows it starts from.
     * By village the report starts from every village in scope, so a village without a record is listed with 0
     * (a blank line in the 通报 is a question; a 0 is an answer).
     */
    private static final List<String[]> BY = List.of(
            new String[] {"按村(社区)", "村(社区)", "v.region_name", """
                    (SELECT * FROM dim_region WHERE region_level = 'village') v
                    LEFT JOIN %1$s f ON f.region_code = v.region_code AND f.%2$s >= {0} AND f.%2$s <= {1}
                    LEFT JOIN dim_department d ON d.department_code = f.department_code
                    LEFT JOIN dim_sector s ON s.sector_code = f.sector_code
                    WHERE {3}"""},
            new String[] {"按责任单位", "责任单位", "coalesce(d.name_zh, '未填写')", FROM_FACTS},
            new String[] {"按行业领域", "行业领域", "coalesce(s.name_zh, f.sector_code)", FROM_FACTS});

    /** The hazard columns: header and the catalogue metric whose display the column takes (or none: a count). */
    private static final List<String[]> HAZARD_COLUMNS = List.of(new String[] {"排查隐患(项)", "hazards_found"},
            new String[] {"一般隐患(项)", null}, new String[] {"重大隐患(项)", "major_found"},
            new String[] {"期末已整改(项)", "hazards_rectified"}, new String[] {"整改率(%)", "rectification_rate"},
            new String[] {"期末逾期未整改(项)", "hazards_overdue"}, new String[] {"整改资金(元)", "rectification_funds"});
    /** The measures; {@code count(f.found_date)} counts facts, so a village joined to none counts 0. */
    private static final String HAZARD_SQL = """
            SELECT %s AS grp, count(f.found_date) AS found,
                   -- the law knows 一般 and 重大 only: a level a code list adds (一般A …) is a kind of 一般, so the
                   -- two columns always add up to the hazards found
                   count(f.found_date) FILTER (WHERE f.hazard_level IS DISTINCT FROM 'major') AS general,
                   count(*) FILTER (WHERE f.hazard_level = 'major') AS major,
                   count(*) FILTER (WHERE f.open_until <= {1}) AS rectified,
                   cast(count(*) FILTER (WHERE f.open_until <= {1}) AS DOUBLE) / nullif(count(f.found_date), 0),
                   count(*) FILTER (WHERE f.deadline_date < {1} AND f.open_until > {1}) AS overdue,
                   coalesce(sum(f.funds_yuan), 0) AS funds
            FROM %s
            GROUP BY ROLLUP (grp) ORDER BY grp IS NULL, grp COLLATE zh""";

    private static final List<String[]> ENFORCEMENT_COLUMNS = List.of(
            new String[] {"执法检查(次)", "enforcement_actions"}, new String[] {"首查(次)", "enforcement_stage_1"},
            new String[] {"再查(次)", "enforcement_stage_2"}, new String[] {"三查(次)", "enforcement_stage_3"},
            new String[] {"实施处罚(次)", null}, new String[] {"拟罚款(元)", "fines_proposed"},
            new String[] {"实际罚款(元)", "fines_final"});
    private static final String ENFORCEMENT_SQL = """
            SELECT %s AS grp, count(f.action_date) AS actions,
                   count(*) FILTER (WHERE f.ladder_stage = 1), count(*) FILTER (WHERE f.ladder_stage = 2),
                   count(*) FILTER (WHERE f.ladder_stage = 3),
                   count(*) FILTER (WHERE coalesce(f.fine_final_yuan, 0) > 0),
                   coalesce(sum(f.fine_proposed_yuan), 0), coalesce(sum(f.fine_final_yuan), 0)
            FROM %s
            GROUP BY ROLLUP (grp) ORDER BY grp IS NULL, grp COLLATE zh""";

    private final DSLContext dsl;
    private final RowScope scope;
    private final Catalog catalog;

    StatisticsReports(DSLContext dsl, RowScope scope, Catalog catalog) {
        this.dsl = dsl;
        this.scope = scope;
        this.catalog = catalog;
    }

    /** Writes the period's workbook; returns the number of table rows written. */
    long write(ReportPeriod period, LocalDateTime made, OutputStream out) throws IOException {
        Condition scoped = scope.regions(DSL.field(name("f", "region_code"), String.class));
        Condition villagesInScope = scope.regions(DSL.field(name("v", "region_code"), String.class));
        List<Table> tables = new ArrayList<>();
        for (String[] by : BY) {
            tables.add(table("隐患排查治理" + by[0], by[1], HAZARD_COLUMNS,
                    HAZARD_SQL.formatted(by[2], by[3].formatted("fact_hazard", "found_date")), period, scoped,
                    villagesInScope));
        }
        for (String[] by : BY) {
            tables.add(table("执法" + by[0], by[1], ENFORCEMENT_COLUMNS,
                    ENFORCEMENT_SQL.formatted(by[2], by[3].formatted("fact_enforcement", "action_date")), period,
                    scoped, villagesInScope));
        }
        long rows = 0;
        try (TableSink sink = TableSink.of(ExportFormat.XLSX, out)) {
            sink.table("说明", List.of("项目", "内容"), List.of(ColumnKind.TEXT, ColumnKind.TEXT));
            sink.row(new Object[] {"报表", period.title()});
            sink.row(new Object[] {"统计期间", period.start() + " 至 " + period.end()});
            sink.row(new Object[] {"口径", "隐患按发现日期、执法按执法日期计入统计期间；整改与逾期按期末状态统计"});
            sink.row(new Object[] {"制表时间", made.format(MADE)});
            for (Table t : tables) {
                sink.table(t.name(), t.headers(), t.kinds());
                for (Record r : t.result()) {
                    Object[] row = r.intoArray();
                    row[0] = row[0] == null ? "合计" : row[0];
                    for (int i = 1; i < row.length; i++) {
                        row[i] = row[i] instanceof Number n ? n : null;
                    }
                    sink.row(row);
                    rows++;
                }
            }
        }
        return rows;
    }

    /** A table whose numbers are shown as the catalogue shows the metric each column reports (a count if none). */
    private Table table(String sheet, String groupHeader, List<String[]> columns, String sql, ReportPeriod period,
                        Condition scoped, Condition villagesInScope) {
        List<String> headers = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        headers.add(groupHeader);
        kinds.add(ColumnKind.TEXT);
        for (String[] column : columns) {
            headers.add(column[0]);
            kinds.add(ColumnKind.of(column[1] == null ? Display.count()
                    : catalog.metric(column[1]).orElseThrow().display()));
        }
        Result<Record> result = dsl.resultQuery(sql, DSL.val(period.start()), DSL.val(period.end()), scoped,
                villagesInScope).fetch();
        return new Table(sheet, headers, kinds, result);
    }

    private record Table(String name, List<String> headers, List<ColumnKind> kinds, Result<Record> result) {
    }
}
