package cn.anjian.dashboard;

import java.util.List;
import java.util.Map;

import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Label;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dashboard definitions and panel data as JSON: what the page's script (and anyone else) reads. */
@RestController
@RequestMapping("/api/dashboards")
class DashboardApiController {

    private final DashboardService service;

    DashboardApiController(DashboardService service) {
        this.service = service;
    }

    @GetMapping
    List<Summary> list() {
        return service.all().stream().map(d -> new Summary(d.id(), d.title(), d.description(), pageUrl(d))).toList();
    }

    @GetMapping("/{id}")
    Definition definition(@PathVariable String id) {
        Dashboard dashboard = service.dashboard(id);
        Filters defaults = service.defaults(dashboard);
        return new Definition(dashboard.id(), dashboard.title(), dashboard.description(), pageUrl(dashboard),
                new DefaultsView(dashboard.defaults().lastMonths(), defaults.from().toString(),
                        defaults.to().toString(), defaults.sectors(), defaults.villages(), defaults.codes()),
                dashboard.panels().stream().map(p -> new PanelView(p.id(), p.title(), p.chart(), p.metrics(),
                        p.dimensions(), p.sort(), p.limit(), p.filters(), p.compare(), p.sparkline(), p.drill(),
                        p.detail(), p.width(),
                        "/api/dashboards/" + dashboard.id() + "/panels/" + p.id())).toList(),
                dashboard.requiredFilters());
    }

    /**
     * One panel's data. Code filters ({@code sector}, {@code village}, {@code town}, …) may repeat or hold
     * comma-separated codes; an absent parameter takes the dashboard's default, an empty one means "all".
     * dashboards/README.md lists the parameters.
     */
    @GetMapping("/{id}/panels/{panel}")
    DashboardService.PanelData panel(@PathVariable String id, @PathVariable String panel,
                                     @RequestParam MultiValueMap<String, String> params) {
        return service.panel(id, panel, params);
    }

    private static String pageUrl(Dashboard dashboard) {
        return "/dashboards/" + dashboard.id();
    }

    record Summary(String id, Label title, Label description, String page) {
    }

    record Definition(String id, Label title, Label description, String page, DefaultsView defaults,
                      List<PanelView> panels, List<String> requiredFilters) {
    }

    /** The defaults as declared and as months today; {@code other}: further filters' default codes. */
    record DefaultsView(int lastMonths, String from, String to, List<String> sector, List<String> village,
                        Map<String, List<String>> other) {
    }

    record PanelView(String id, Label title, ChartType chart, List<String> metrics, List<String> dimensions,
                     List<String> sort, Integer limit, Map<String, List<String>> filters,
                     List<Panel.Comparison> compare, String sparkline, Panel.Drill drill, String detail,
                     String width, String data) {
    }
}
