package cn.anjian.export;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import cn.anjian.dashboard.PanelTables;
import cn.anjian.dashboard.PanelTables.PanelTable;
import cn.anjian.semantic.QueryResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A panel as CSV or XLSX, and a whole dashboard as one workbook. The data comes from the panel API's own service
 * under the same parameters, so the file holds the numbers the chart shows.
 */
@RestController
class PanelExportController {

    private static final DateTimeFormatter MADE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PanelTables panels;
    private final FilterWords words;
    private final Exports exports;

    PanelExportController(PanelTables panels, FilterWords words, Exports exports) {
        this.panels = panels;
        this.words = words;
        this.exports = exports;
    }

    @GetMapping("/api/dashboards/{id}/panels/{panel}/export.{ext}")
    ResponseEntity<StreamingResponseBody> panel(@PathVariable String id, @PathVariable String panel,
                                                @PathVariable String ext,
                                                @RequestParam MultiValueMap<String, String> params,
                                                HttpServletRequest request) {
        ExportFormat format = ExportFormat.of(ext);
        if (format == ExportFormat.PARQUET) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "图表只能导出为 CSV 或 XLSX");
        }
        PanelTable table = panels.panel(id, panel, params);
        String filters = words.oneLine(table.filters());
        String name = table.title() + "_" + period(table.filters()) + "." + ext;
        return exports.download(request, format, name, id + "-" + panel + "." + ext,
                "看板 " + panels.dashboard(id).title() + " / 图表 " + table.title(), filters, out -> {
                    try (TableSink sink = TableSink.of(format, out)) {
                        return write(sink, table);
                    }
                });
    }

    @GetMapping("/api/dashboards/{id}/export.xlsx")
    ResponseEntity<StreamingResponseBody> dashboard(@PathVariable String id,
                                                    @RequestParam MultiValueMap<String, String> params,
                                                    HttpServletRequest request) {
        PanelTables.DashboardInfo dashboard = panels.dashboard(id);
        List<PanelTable> tables = new ArrayList<>();
        for (String panel : dashboard.panels()) {
            tables.add(panels.panel(id, panel, params));
        }
        Map<String, Object> echo = tables.isEmpty() ? Map.of() : tables.get(0).filters();
        List<String> filterLines = echo.isEmpty() ? List.of() : words.lines(echo);
        String made = exports.now().format(MADE);
        String name = dashboard.title() + "_" + period(echo) + ".xlsx";
        return exports.download(request, ExportFormat.XLSX, name, id + ".xlsx", "看板 " + dashboard.title() + " (全部图表)",
                String.join("; ", filterLines), out -> {
                    try (TableSink sink = TableSink.of(ExportFormat.XLSX, out)) {
                        sink.table("说明", List.of("项目", "内容"), List.of(ColumnKind.TEXT, ColumnKind.TEXT));
                        sink.row(new Object[] {"看板", dashboard.title()});
                        for (String line : filterLines) {
                            int colon = line.indexOf(": ");
                            sink.row(new Object[] {"筛选 " + line.substring(0, colon), line.substring(colon + 2)});
                        }
                        sink.row(new Object[] {"数据截至", String.valueOf(echo.get("asOf"))});
                        sink.row(new Object[] {"导出时间", made});
                        long rows = 0;
                        for (PanelTable t : tables) {
                            rows += write(sink, t);
                        }
                        return rows;
                    }
                });
    }

    /**
     * A panel's rows: coded dimensions by their Chinese labels, metrics as numbers shown as the catalogue says (in
     * the header's unit: a ratio under {@code (%)} is 96.1 in CSV, 0.961 formatted {@code 0.0%} in XLSX).
     */
    static long write(TableSink sink, PanelTable table) throws IOException {
        List<String> headers = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        for (QueryResult.Column c : table.columns()) {
            String unit = c.unit() == null || c.unit().zh().isEmpty() ? "" : "(" + c.unit().zh() + ")";
            headers.add(c.label().zh() + unit);
            kinds.add(ColumnKind.of(c.display()));
        }
        sink.table(table.title(), headers, kinds);
        for (List<Object> row : table.rows()) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = row.get(i);
                String label = v == null ? null : table.labels().get(i).get(v);
                values[i] = label != null ? label : v instanceof Boolean b ? (b ? "是" : "否") : v;
            }
            sink.row(values);
        }
        return table.rows().size();
    }

    private static String period(Map<String, Object> echo) {
        String from = String.valueOf(echo.get("from"));
        String to = String.valueOf(echo.get("to"));
        return from.equals(to) ? from : from + "至" + to;
    }
}
