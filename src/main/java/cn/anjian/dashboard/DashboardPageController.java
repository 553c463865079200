package cn.anjian.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import cn.anjian.semantic.Filters;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard pages: one server-rendered page for every dashboard (title, filter form, an empty panel area, inside
 * the app's page shell) that {@code static/js/dashboard.js} fills from the dashboard's definition and panel data. The shell
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
    private final Clock clock;

    DashboardPageController(DashboardService service, DashboardProperties properties, JsonMapper json, Clock clock) {
        this.service = service;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String lang) {
        return "redirect:/dashboards/" + properties.home() + ("en".equalsIgnoreCase(lang) ? "?lang=en" : "");
    }

    @GetMapping("/dashboards/{id}")
    String dashboard(@PathVariable String id,
                     @RequestParam(required = false) String lang,
                     Model model) {
        Dashboard dashboard = service.dashboard(id);
        PageText text = PageText.of(lang);
        Filters defaults = service.defaults(dashboard);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("defaultFrom", defaults.from().toString());
        model.addAttribute("defaultTo", defaults.to().toString());
        model.addAttribute("t", text);
        model.addAttribute("textJson", json.writeValueAsString(text.words()));
        model.addAttribute("today", LocalDate.now(clock).toString());
        model.addAttribute("home", service.all().stream()
                .filter(d -> d.id().equals(properties.home())).findFirst().orElse(dashboard));
        return "dashboard";
    }
}
