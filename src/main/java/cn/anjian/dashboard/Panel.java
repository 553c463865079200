package cn.anjian.dashboard;

import java.util.List;

import cn.anjian.semantic.Label;

/**
 * One chart of a dashboard: which metrics by which dimensions, drawn how. Only layout and presentation live
 * here; what a metric means lives in the semantic catalogue.
 *
 * @param id         stable id, part of the panel data URL
 * @param title      panel heading
 * @param chart      how the page draws it
 * @param metrics    metric ids from the catalogue
 * @param dimensions dimension ids from the catalogue
 * @param sort       sort keys ({@code -id} for descending)
 * @param limit      maximum rows, or {@code null}
 */
record Panel(String id, Label title, ChartType chart, List<String> metrics, List<String> dimensions,
             List<String> sort, Integer limit) {
}
