package cn.anjian.dashboard;

import java.util.List;

import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard pages: a server-rendered shell (title, filter form, one empty box per panel) that
 * {@code static/js/dashboard.js} fills with charts. The filter form is a plain GET form, so the filters work and
 * stay in the URL even before the script runs.
 */
@Controller
class DashboardPageController {

    private final DashboardService service;
    private final MemberRepository members;
    private final DashboardProperties properties;

    DashboardPageController(DashboardService service, MemberRepository members, DashboardProperties properties) {
        this.service = service;
        this.members = members;
        this.properties = properties;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboards/" + properties.home();
    }

    @GetMapping("/dashboards/{id}")
    String dashboard(@PathVariable String id,
                     @RequestParam(required = false) String lang,
                     @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to,
                     @RequestParam(required = false) List<String> sector,
                     @RequestParam(required = false) List<String> village,
                     Model model) {
        Dashboard dashboard = service.dashboard(id);
        Filters defaults = service.defaults(dashboard);
        List<Member> sectors = members.sectors();
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("t", PageText.of(lang));
        model.addAttribute("headlineSectors", sectors.stream().filter(Member::headline).toList());
        model.addAttribute("otherSectors", sectors.stream().filter(s -> !s.headline()).toList());
        model.addAttribute("villages", members.villages());
        model.addAttribute("defaults", defaults);
        // What the URL asked for, shown as-is in the form; the API validates it and the script reports errors.
        model.addAttribute("from", from == null ? defaults.from().toString() : from);
        model.addAttribute("to", to == null ? defaults.to().toString() : to);
        model.addAttribute("sector", first(sector, defaults.sectors()));
        model.addAttribute("village", first(village, defaults.villages()));
        return "dashboard";
    }

    /** The selects pick one code; a URL with several (from the API) shows the first. */
    private static String first(List<String> requested, List<String> defaults) {
        List<String> values = requested == null ? defaults : requested;
        return values.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::strip)
                .filter(v -> !v.isEmpty()).findFirst().orElse("");
    }
}
