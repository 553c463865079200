package cn.anjian.dashboard;

import java.util.List;

import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Label;

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
                        defaults.to().toString(), defaults.sectors(), defaults.villages()),
                dashboard.panels().stream().map(p -> new PanelView(p.id(), p.title(), p.chart(), p.metrics(),
                        p.dimensions(), p.sort(), p.limit(),
                        "/api/dashboards/" + dashboard.id() + "/panels/" + p.id())).toList());
    }

    /**
     * One panel's data. {@code sector} and {@code village} may repeat or hold comma-separated codes; an absent
     * parameter takes the dashboard's default, an empty one means "all".
     */
    @GetMapping("/{id}/panels/{panel}")
    DashboardService.PanelData panel(@PathVariable String id, @PathVariable String panel,
                                     @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) List<String> sector,
                                     @RequestParam(required = false) List<String> village) {
        return service.panel(id, panel, new DashboardService.FilterParams(from, to, sector, village));
    }

    private static String pageUrl(Dashboard dashboard) {
        return "/dashboards/" + dashboard.id();
    }

    record Summary(String id, Label title, Label description, String page) {
    }

    record Definition(String id, Label title, Label description, String page, DefaultsView defaults,
                      List<PanelView> panels) {
    }

    /** The defaults as declared and as months today. */
    record DefaultsView(int lastMonths, String from, String to, List<String> sector, List<String> village) {
    }

    record PanelView(String id, Label title, ChartType chart, List<String> metrics, List<String> dimensions,
                     List<String> sort, Integer limit, String data) {
    }
}
