package cn.anjian.assessment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.Scheme.UnitKind;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The assessment pages: the ranking of a year (with the previous year's score beside it when that year has a
 * scheme too) and one unit's score sheet with the evidence of every item. Tables are rendered on the server;
 * {@code static/js/assessment.js} adds the radar charts from the API.
 */
@Controller
class AssessmentPageController {

    private final AssessmentRequests requests;
    private final AssessmentService service;

    AssessmentPageController(AssessmentRequests requests, AssessmentService service) {
        this.requests = requests;
        this.service = service;
    }

    @GetMapping("/assessment")
    String latest() {
        List<Integer> years = service.years();
        if (years.isEmpty()) {
            throw AssessmentRequests.problem(HttpStatus.NOT_FOUND, "year", "没有考核方案 (no assessment scheme)");
        }
        return "redirect:/assessment/" + years.get(years.size() - 1);
    }

    @GetMapping("/assessment/{year}")
    String ranking(@PathVariable int year, @RequestParam(required = false) String unit,
                   @RequestParam(required = false) String asOf, Model model) {
        Assessment assessment = requests.score(year, unit, asOf);
        model.addAttribute("a", assessment);
        model.addAttribute("years", service.years(UnitKind.of(assessment.unit())));
        // the 乡镇 switch only where the county has a scheme for the year and the user's scope holds a town
        model.addAttribute("countyScheme", service.scheme(year, UnitKind.TOWN).isPresent() && service.assessesTowns());
        model.addAttribute("previous", previous(year, assessment.unit()));
        return "assessment/ranking";
    }

    @GetMapping("/assessment/{year}/{unit}/{code}")
    String unit(@PathVariable int year, @PathVariable String unit, @PathVariable String code,
                @RequestParam(required = false) String asOf, Model model) {
        Assessment assessment = requests.score(year, unit, asOf);
        UnitScore score = assessment.units().stream().filter(u -> u.code().equals(code)).findFirst()
                .orElseThrow(() -> AssessmentRequests.problem(HttpStatus.NOT_FOUND, "code",
                        "没有这个单位 " + code + " (no such unit)"));
        Map<String, UnitScore> previous = previous(year, assessment.unit());
        model.addAttribute("a", assessment);
        model.addAttribute("u", score);
        model.addAttribute("before", previous.get(code));
        model.addAttribute("previousYear", year - 1);
        return "assessment/unit";
    }

    /** The previous year's scores by unit code, when that year has a scheme; empty otherwise. */
    private Map<String, UnitScore> previous(int year, String unit) {
        Map<String, UnitScore> byCode = new HashMap<>();
        UnitKind kind = UnitKind.of(unit);
        service.scheme(year - 1, kind).ifPresent(scheme -> service.score(scheme, kind,
                        service.defaultAsOf(year - 1)).units().forEach(u -> byCode.put(u.code(), u)));
        return byCode;
    }
}
