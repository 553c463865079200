package cn.anjian.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.anjian.dashboard.PanelTables;
import cn.anjian.dashboard.PanelTables.PanelTable;
import cn.anjian.semantic.QueryRequests;
import cn.anjian.semantic.QueryResult;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The rows behind a number, as a table a town official can read (an assessment item's 数据 link opens here, not a
 * JSON document): a panel's data or an ad-hoc query's answer, computed by the very code the JSON API and the CSV and
 * XLSX exports use, with codes by their names and numbers as the catalogue shows them. The JSON stays one click away.
 */
@Controller
class DataTablePageController {

    private final PanelTables panels;
    private final QueryRequests queries;
    private final FilterWords words;

    DataTablePageController(PanelTables panels, QueryRequests queries, FilterWords words) {
        this.panels = panels;
        this.queries = queries;
        this.words = words;
    }

    @GetMapping("/data/dashboards/{id}/panels/{panel}")
    String panel(@PathVariable String id, @PathVariable String panel,
                 @RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model) {
        PanelTable table = panels.panel(id, panel, params);
        String query = query(request);
        model.addAttribute("view", view(panels.dashboard(id).title() + " · " + table.title(), table.filters(),
                table.columns(), table.labels(), table.rows(),
                "/api/dashboards/" + id + "/panels/" + panel + query,
                "/api/dashboards/" + id + "/panels/" + panel + "/export.csv" + query));
        return "export/data-table";
    }

    @GetMapping("/data/query")
    String query(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model) {
        QueryRequests.Answer answer = queries.answer(params);
        QueryResult result = answer.result();
        List<Map<Object, String>> labels = QueryResult.labelsZh(result.columns(), result.labels());
        String title = String.join("、", result.columns().stream().filter(c -> "metric".equals(c.kind()))
                .map(c -> c.label().zh()).toList());
        model.addAttribute("view", view(title, answer.filters(), result.columns(), labels, result.rows(),
                "/api/query" + query(request), null));
        return "export/data-table";
    }

    private DataView view(String title, Map<String, Object> filters, List<QueryResult.Column> columns,
                          List<Map<Object, String>> labels, List<List<Object>> rows, String json, String csv) {
        List<DataView.Heading> headings = new ArrayList<>();
        for (QueryResult.Column c : columns) {
            String unit = c.unit() == null || c.unit().zh().isEmpty() ? "" : "(" + c.unit().zh() + ")";
            headings.add(new DataView.Heading(c.label().zh() + unit, c.display() != null));
        }
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> line = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                line.add(cell(row.get(i), columns.get(i), labels.get(i)));
            }
            cells.add(line);
        }
        return new DataView(title, words.lines(filters), headings, cells, json, csv);
    }

    /** A value as the exports write it: a code by its name, a flag as 是/否, a number in the header's unit. */
    private static String cell(Object value, QueryResult.Column column, Map<Object, String> labels) {
        if (value == null) {
            return "";
        }
        String label = labels.get(value);
        if (label != null) {
            return label;
        }
        if (value instanceof Boolean b) {
            return b ? "是" : "否";
        }
        return column.display() != null ? column.display().text(value) : String.valueOf(value);
    }

    /** The request's own query string, as sent: the JSON and CSV links answer the very same question. */
    private static String query(HttpServletRequest request) {
        String q = request.getQueryString();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    /**
     * @param filters the filters in words (时间范围: …, 村(社区): …, 状态截至: …)
     * @param json    the same data as JSON; {@code csv} as a download, when there is one
     */
    record DataView(String title, List<String> filters, List<Heading> headings, List<List<String>> rows, String json,
                    String csv) {

        record Heading(String text, boolean number) {

            /** Numbers right-aligned on one line (kept here: a template's double underscore is an expression). */
            public String cellClass() {
                return number ? "export-log__num data-view__num" : "";
            }
        }
    }
}
