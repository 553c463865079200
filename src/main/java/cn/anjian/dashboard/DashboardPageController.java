package cn.anjian.dashboard;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import cn.anjian.semantic.Filters;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard pages: one server-rendered shell for every dashboard (navigation, title, filter form, an empty
 * panel area) that {@code static/js/dashboard.js} fills from the dashboard's definition and panel data. The shell
 * knows nothing about a dashboard's panels, so a new dashboard file needs no page code.
 */
@Controller
class DashboardPageController {

    /**
     * Dashboards that show one village or one enterprise and are reached by drilling down, not from the navigation
     * bar. Dashboard files carry no such flag yet, hence the ids.
     */
    static final Set<String> DRILL_TARGETS = Set.of("village", "enterprise");

    private final DashboardService service;
    private final DashboardProperties properties;
    private final JsonMapper json;

    DashboardPageController(DashboardService service, DashboardProperties properties, JsonMapper json) {
        this.service = service;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboards/" + properties.home();
    }

    @GetMapping("/dashboards/{id}")
    String dashboard(@PathVariable String id,
                     @RequestParam(required = false) String lang,
                     @RequestParam(required = false) String theme,
                     Model model) {
        Dashboard dashboard = service.dashboard(id);
        PageText text = PageText.of(lang);
        List<NavItem> nav = service.all().stream()
                .filter(d -> !DRILL_TARGETS.contains(d.id()))
                .map(d -> new NavItem(d.id(), d.title().in(text.lang()), "/dashboards/" + d.id(),
                        d.id().equals(id)))
                .toList();
        Filters defaults = service.defaults(dashboard);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("defaultFrom", defaults.from().toString());
        model.addAttribute("defaultTo", defaults.to().toString());
        model.addAttribute("t", text);
        model.addAttribute("textJson", json.writeValueAsString(text.words()));
        model.addAttribute("nav", nav);
        model.addAttribute("home", service.all().stream()
                .filter(d -> d.id().equals(properties.home())).findFirst().orElse(dashboard));
        model.addAttribute("dark", "dark".equals(theme));
        return "dashboard";
    }

    /**
     * One entry of the navigation bar. Public because the template reads it.
     *
     * @param id      dashboard id
     * @param title   in the page's language
     * @param href    the page, without filters (the script adds the current ones)
     * @param current whether it is the page shown
     */
    public record NavItem(String id, String title, String href, boolean current) {
    }
}
