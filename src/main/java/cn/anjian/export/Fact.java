package cn.anjian.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.anjian.etl.ImportKind;
import cn.anjian.semantic.CodeLabels;
import cn.anjian.semantic.CodeLabels.Domain;

/**
 * The facts whose detail rows can be exported, each in the columns of its import template ({@link ImportKind}):
 * the template's Chinese headers, in its order, with values in the forms a clerk types (names, not codes; 是/否;
 * 一般隐患/重大隐患), so an exported file can be edited and imported again. Each column is a SQL expression over
 * the fact ({@code f}), its village ({@code v}), town ({@code t}), sector ({@code s}) and department
 * ({@code d}); the expressions are constants of this class, never built from input.
 */
enum Fact {

    HAZARDS("hazards", "隐患明细", ImportKind.HAZARDS, "fact_hazard", "found_date", "hazard_no", Map.ofEntries(
            Map.entry("hazard_no", text("f.hazard_no")),
            Map.entry("found_date", date("f.found_date")),
            Map.entry("target_name", text("f.target_name")),
            Map.entry("credit_code", text("f.enterprise_code")),
            Map.entry("description", text("f.description")),
            Map.entry("hazard_level", text(CodeLabels.zhCase(Domain.HAZARD_LEVEL, "f.hazard_level"))),
            Map.entry("inspection_no", text("f.inspection_no")),
            Map.entry("deadline_date", date("f.deadline_date")),
            Map.entry("rectified_date", date("f.rectified_date")),
            Map.entry("verified_date", date("f.verified_date")),
            Map.entry("closed_date", date("f.closed_date")),
            Map.entry("status", text(CodeLabels.zhCase(Domain.HAZARD_STATUS, "f.status"))),
            Map.entry("funds", decimal("f.funds_yuan")),
            Map.entry("wl_responsibility", yesNo("f.wl_responsibility")),
            Map.entry("wl_measures", yesNo("f.wl_measures")),
            Map.entry("wl_funds", yesNo("f.wl_funds")),
            Map.entry("wl_time_limit", yesNo("f.wl_time_limit")),
            Map.entry("wl_contingency", yesNo("f.wl_contingency")),
            Map.entry("is_published", yesNo("f.is_published")),
            Map.entry("rectification_measures", text("f.rectification_measures")),
            Map.entry("responsible_person", text("f.responsible_person")),
            Map.entry("inspectors", text("f.inspectors")),
            Map.entry("document_no", text("f.document_no")))),

    INSPECTIONS("inspections", "检查明细", ImportKind.INSPECTIONS, "fact_inspection", "inspection_date",
            "inspection_no", Map.ofEntries(
            Map.entry("inspection_no", text("f.inspection_no")),
            Map.entry("inspection_date", date("f.inspection_date")),
            Map.entry("target_name", text("f.target_name")),
            Map.entry("credit_code", text("f.enterprise_code")),
            Map.entry("inspection_type", text("coalesce((SELECT x.name_zh FROM dim_inspection_type x"
                    + " WHERE x.type_code = f.inspection_type), f.inspection_type)")),
            Map.entry("inspector", text("f.inspector")),
            Map.entry("led_by_leader", yesNo("f.led_by_leader")),
            Map.entry("is_double_random", yesNo("f.is_double_random")),
            Map.entry("hazards_found", integer("f.hazards_found")),
            Map.entry("note", text("f.note")))),

    ENFORCEMENT("enforcement", "执法明细", ImportKind.ENFORCEMENT, "fact_enforcement", "action_date", "case_no",
            Map.ofEntries(
            Map.entry("case_no", text("f.case_no")),
            Map.entry("action_date", date("f.action_date")),
            Map.entry("target_name", text("f.target_name")),
            Map.entry("credit_code", text("f.enterprise_code")),
            Map.entry("action", text("coalesce((SELECT x.name_zh FROM dim_enforcement_action x"
                    + " WHERE x.action_code = f.action_code), f.action_code)")),
            Map.entry("ladder_stage", integer("f.ladder_stage")),
            Map.entry("fine_proposed", decimal("f.fine_proposed_yuan")),
            Map.entry("fine_final", decimal("f.fine_final_yuan")),
            Map.entry("hazard_no", text("f.hazard_no")),
            Map.entry("inspection_no", text("f.inspection_no")),
            Map.entry("description", text("f.description")))),

    ACCIDENTS("accidents", "事故明细", ImportKind.ACCIDENTS, "fact_accident", "accident_date", "accident_no",
            Map.ofEntries(
            Map.entry("accident_no", text("f.accident_no")),
            Map.entry("accident_date", date("f.accident_date")),
            Map.entry("target_name", text("(SELECT e.enterprise_name FROM dim_enterprise e"
                    + " WHERE e.enterprise_code = f.enterprise_code AND e.is_current)")),
            Map.entry("credit_code", text("f.enterprise_code")),
            Map.entry("accident_level", text(CodeLabels.zhCase(Domain.ACCIDENT_LEVEL, "f.accident_level"))),
            Map.entry("deaths", integer("f.deaths")),
            Map.entry("injuries", integer("f.injuries")),
            Map.entry("direct_loss", decimal("f.direct_loss_yuan")),
            Map.entry("is_concealed", yesNo("f.is_concealed")),
            Map.entry("description", text("f.description"))));

    /** Columns every fact has, from its dimensions (a method: enum constants cannot read static fields). */
    private static Map<String, Column> shared() {
        return Map.of("town", text("t.region_name"), "village", text("v.region_name"),
                "sector", text("s.name_zh"), "department", text("d.name_zh"),
                "enterprise_id", text("(SELECT e.ledger_id FROM dim_enterprise e"
                        + " WHERE e.enterprise_code = f.enterprise_code AND e.is_current)"));
    }

    private final String code;
    private final String title;
    private final ImportKind kind;
    private final String table;
    private final String dateColumn;
    private final String key;
    private final List<Column> columns;

    Fact(String code, String title, ImportKind kind, String table, String dateColumn, String key,
         Map<String, Column> own) {
        this.code = code;
        this.title = title;
        this.kind = kind;
        this.table = table;
        this.dateColumn = dateColumn;
        this.key = key;
        Map<String, Column> all = new LinkedHashMap<>(shared());
        all.putAll(own);
        List<Column> columns = new java.util.ArrayList<>(kind.columns().stream().map(c -> {
            Column col = all.get(c.field());
            if (col == null) {
                throw new IllegalStateException(kind + " template column " + c.field() + " has no export column");
            }
            return new Column(c.header(), col.sql(), col.kind());
        }).toList());
        // the ledger's other columns, as imported (a JSON object the importer reads back)
        columns.add(new Column(ImportKind.EXTRA_HEADER, "f.extra", ColumnKind.TEXT));
        this.columns = List.copyOf(columns);
    }

    String code() {
        return code;
    }

    String title() {
        return title;
    }

    ImportKind kind() {
        return kind;
    }

    String table() {
        return table;
    }

    String dateColumn() {
        return dateColumn;
    }

    String key() {
        return key;
    }

    List<Column> columns() {
        return columns;
    }

    boolean hasDepartment() {
        return this != ACCIDENTS;
    }

    static Optional<Fact> of(String code) {
        for (Fact f : values()) {
            if (f.code.equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** One exported column: its header, the SQL that computes it, and how it goes into a cell. */
    record Column(String header, String sql, ColumnKind kind) {
    }

    private static Column text(String sql) {
        return new Column(null, sql, ColumnKind.TEXT);
    }

    private static Column date(String sql) {
        return new Column(null, sql, ColumnKind.DATE);
    }

    private static Column integer(String sql) {
        return new Column(null, sql, ColumnKind.INTEGER);
    }

    private static Column decimal(String sql) {
        return new Column(null, sql, ColumnKind.DECIMAL);
    }

    /** 是 / 否, and empty where the ledger did not say (a column it never had). */
    private static Column yesNo(String sql) {
        return new Column(null, "CASE WHEN " + sql + " THEN '是' WHEN NOT " + sql + " THEN '否' END", ColumnKind.TEXT);
    }
}
