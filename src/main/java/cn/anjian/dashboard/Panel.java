package cn.anjian.dashboard;

import java.util.List;
import java.util.Map;

import cn.anjian.semantic.Label;

/**
 * One chart of a dashboard: which metrics by which dimensions (or which detail view), drawn how. Only layout and
 * presentation live here; what a metric means lives in the semantic catalogue.
 *
 * @param id         stable id, part of the panel data URL
 * @param title      panel heading
 * @param chart      how the page draws it
 * @param metrics    metric ids from the catalogue (empty for a detail table)
 * @param dimensions dimension ids from the catalogue
 * @param sort       sort keys ({@code -id} for descending)
 * @param limit      maximum rows, or {@code null}
 * @param filters    fixed filters of the panel, ANDed with the request's (e.g. inspection types)
 * @param compare    period-over-period comparisons of a KPI panel
 * @param sparkline  time dimension of a KPI panel's trend line, or {@code null}
 * @param drill      where a click on a member of the first dimension leads, or {@code null}
 * @param detail     a detail view id for table panels, or {@code null}
 * @param width      layout hint: {@code full} or {@code half}
 */
record Panel(String id, Label title, ChartType chart, List<String> metrics, List<String> dimensions,
             List<String> sort, Integer limit, Map<String, List<String>> filters, List<Comparison> compare,
             String sparkline, Drill drill, String detail, String width) {

    Panel(String id, Label title, ChartType chart, List<String> metrics, List<String> dimensions, List<String> sort,
          Integer limit) {
        this(id, title, chart, metrics, dimensions, sort, limit, Map.of(), List.of(), null, null, null, "half");
    }

    /**
     * A drill-down: the clicked member's code becomes filter {@code filter} on dashboard {@code dashboard}.
     */
    record Drill(String dashboard, String filter) {
    }

    /** Earlier periods a KPI is compared with. */
    enum Comparison {
        PREVIOUS_PERIOD("previous_period"), SAME_PERIOD_LAST_YEAR("same_period_last_year");

        private final String code;

        Comparison(String code) {
            this.code = code;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        String code() {
            return code;
        }

        static java.util.Optional<Comparison> fromCode(String code) {
            return java.util.Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
        }
    }
}
