package cn.anjian.dashboard;

import java.util.List;
import java.util.Map;

import cn.anjian.semantic.QueryResult;

import org.springframework.stereotype.Component;

/**
 * The dashboard feature's public face for exports: a panel's data as a plain table, computed by the very same
 * {@link DashboardService#panel} the panel API answers with (same filters, defaults and row scope), so a file can
 * never disagree with the chart it was downloaded from.
 */
@Component
public class PanelTables {

    private final DashboardService service;

    PanelTables(DashboardService service) {
        this.service = service;
    }

    /** The dashboard's title and its panels' ids, in page order; 404 for an unknown id. */
    public DashboardInfo dashboard(String dashboardId) {
        Dashboard d = service.dashboard(dashboardId);
        return new DashboardInfo(d.id(), d.title().zh(), d.panels().stream().map(Panel::id).toList());
    }

    /** One panel under the request's parameters, exactly as {@code GET /api/dashboards/{id}/panels/{panel}}. */
    public PanelTable panel(String dashboardId, String panelId, Map<String, List<String>> params) {
        DashboardService.PanelData data = service.panel(dashboardId, panelId, params);
        List<QueryResult.Column> columns = data.columns();
        return new PanelTable(data.dashboard(), data.panel(), data.title().zh(), data.filters(), columns,
                QueryResult.labelsZh(columns, data.labels()), data.rows());
    }

    public record DashboardInfo(String id, String title, List<String> panels) {
    }

    /**
     * @param filters the filters the panel ran under, as the panel API echoes them (from, to, sector, village, …,
     *                asOf)
     * @param labels  per column, the Chinese label of each code that occurs (empty for metric columns)
     */
    public record PanelTable(String dashboard, String panel, String title, Map<String, Object> filters,
                             List<QueryResult.Column> columns, List<Map<Object, String>> labels,
                             List<List<Object>> rows) {
    }
}
