package cn.anjian.dashboard;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import cn.anjian.semantic.FilterParser;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Label;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.semantic.QueryResult;

import org.springframework.stereotype.Service;

/** Answers a panel under the filters of a request: the dashboard's defaults, overridden by the URL's. */
@Service
class DashboardService {

    private final Dashboards dashboards;
    private final FilterParser filterParser;
    private final MetricQueryService queries;
    private final Clock clock;

    DashboardService(Dashboards dashboards, FilterParser filterParser, MetricQueryService queries,
                     DashboardProperties properties) {
        this.dashboards = dashboards;
        this.filterParser = filterParser;
        this.queries = queries;
        this.clock = Clock.system(properties.zone());
    }

    List<Dashboard> all() {
        return dashboards.all();
    }

    Dashboard dashboard(String id) {
        return dashboards.find(id).orElseThrow(() -> DashboardNotFoundException.dashboard(id));
    }

    /** The defaults as concrete months today, for the page to show in its inputs. */
    Filters defaults(Dashboard dashboard) {
        return dashboard.defaults().resolve(YearMonth.now(clock));
    }

    PanelData panel(String dashboardId, String panelId, FilterParams params) {
        Dashboard dashboard = dashboard(dashboardId);
        Panel panel = dashboard.panel(panelId).orElseThrow(() -> DashboardNotFoundException.panel(dashboardId, panelId));
        Filters filters = filterParser.parse(params.from(), params.to(), params.sector(), params.village(),
                defaults(dashboard));
        QueryResult result = queries.run(new MetricQuery(panel.metrics(), panel.dimensions(), filters, panel.sort(),
                panel.limit()));
        return new PanelData(dashboard.id(), panel.id(), panel.chart(), panel.title(), FilterEcho.of(filters),
                result.columns(), result.rows(), result.labels());
    }

    /** Filter parameters as they came in the URL; {@code null} where absent. */
    record FilterParams(String from, String to, List<String> sector, List<String> village) {
    }

    /** The filters a panel was computed under, as URL parameter values, so the page can show what it got. */
    record FilterEcho(String from, String to, List<String> sector, List<String> village) {

        static FilterEcho of(Filters filters) {
            return new FilterEcho(filters.from().toString(), filters.to().toString(), filters.sectors(),
                    filters.villages());
        }
    }

    /** A panel's data: {@code columns} and {@code rows} as the query builder returns them, plus labels. */
    record PanelData(String dashboard, String panel, ChartType chart, Label title, FilterEcho filters,
                     List<QueryResult.Column> columns, List<List<Object>> rows, Map<String, List<Member>> labels) {
    }
}
