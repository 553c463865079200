package cn.anjian.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;

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
    private static final int PICKER_LIMIT = 200;

    private final DashboardService service;
    private final DashboardProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final MemberRepository members;

    DashboardPageController(DashboardService service, DashboardProperties properties, JsonMapper json, Clock clock,
                            MemberRepository members) {
        this.service = service;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.members = members;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String lang) {
        return "redirect:/dashboards/" + properties.home() + ("en".equalsIgnoreCase(lang) ? "?lang=en" : "");
    }

    @GetMapping("/dashboards/{id}")
    String dashboard(@PathVariable String id,
                     @RequestParam(required = false) String lang,
                     @RequestParam Map<String, String> params,
                     Model model) {
        Dashboard dashboard = service.dashboard(id);
        PageText text = PageText.of(lang);
        String missing = dashboard.requiredFilters().stream()
                .filter(f -> params.get(f) == null || params.get(f).isBlank()).findFirst().orElse(null);
        if (missing != null) {
            return picker(dashboard, missing, params.get("q"), text, model);
        }
        Filters defaults = service.defaults(dashboard);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("defaultFrom", defaults.from().toString());
        model.addAttribute("defaultTo", defaults.to().toString());
        model.addAttribute("t", text);
        model.addAttribute("textJson", json.writeValueAsString(text.words()));
        model.addAttribute("today", LocalDate.now(clock).toString());
        model.addAttribute("subjectName", subjectName(params.get("enterprise"), text));
        service.openingOnData(dashboard, params).ifPresent(opening -> {
            model.addAttribute("opening", opening);
            model.addAttribute("openingNote", text.format("openedOnData", opening.defaultFrom(),
                    opening.defaultTo(), opening.from(), opening.to(), opening.months()));
        });
        model.addAttribute("home", service.all().stream()
                .filter(d -> d.id().equals(properties.home())).findFirst().orElse(dashboard));
        return "dashboard";
    }

    /**
     * The enterprise page's title is the enterprise's name, not its credit code: looked up among the enterprises the
     * user may see (an enterprise outside the scope keeps its code, and its panels stay empty).
     */
    private String subjectName(String enterprise, PageText text) {
        if (enterprise == null || enterprise.isBlank()) {
            return null;
        }
        return members.enterprises(enterprise.strip(), 20).stream()
                .filter(m -> m.code().equals(enterprise.strip()))
                .map(m -> m.label().in(text.lang())).findFirst().orElse(null);
    }

    /**
     * A page of one village or one enterprise opened bare (from a bookmark, or typed): the members the user may
     * open, to choose from, instead of panels that all answer 400. Enterprises are many: a search by name or code.
     */
    private String picker(Dashboard dashboard, String filter, String query, PageText text, Model model) {
        List<Member> choices = switch (filter) {
            case "village" -> members.villages();
            case "enterprise" -> members.enterprises(query, PICKER_LIMIT);
            default -> List.of();
        };
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("t", text);
        model.addAttribute("filter", filter);
        model.addAttribute("query", query == null ? "" : query.strip());
        model.addAttribute("searchable", "enterprise".equals(filter));
        model.addAttribute("members", choices);
        model.addAttribute("limit", PICKER_LIMIT);
        return "dashboard-picker";
    }
}
