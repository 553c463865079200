package cn.anjian.assessment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import cn.anjian.assessment.Scheme.UnitKind;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The assessment API: a year's scores for villages, departments or (the county's scheme) towns, and the same as a paper-style score sheet.
 * Both are computed at request time through the query builder, so the user's row scope applies.
 */
@RestController
@RequestMapping("/api/assessment")
class AssessmentApiController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final AssessmentRequests requests;
    private final AssessmentWorkbook workbook;
    private final AssessmentService service;

    AssessmentApiController(AssessmentRequests requests, AssessmentWorkbook workbook, AssessmentService service) {
        this.requests = requests;
        this.workbook = workbook;
        this.service = service;
    }

    @GetMapping("/{year}")
    Assessment assessment(@PathVariable int year, @RequestParam(required = false) String unit,
                          @RequestParam(required = false) String asOf) {
        return requests.score(year, unit, asOf);
    }

    @GetMapping("/{year}/compare")
    AssessmentService.Comparison compare(@PathVariable int year, @RequestParam(required = false) String unit,
                                         @RequestParam(required = false) String asOf) {
        UnitKind kind = requests.unit(unit);
        return service.compare(requests.scheme(year, kind), kind, requests.asOf(year, asOf))
                .orElseThrow(() -> AssessmentRequests.problem(HttpStatus.NOT_FOUND, "year",
                        "没有 " + (year - 1) + " 年度的考核方案，无法同比 (no scheme for the year before)"));
    }

    @GetMapping("/{year}/export.xlsx")
    void export(@PathVariable int year, @RequestParam(required = false) String unit,
                @RequestParam(required = false) String asOf, HttpServletResponse response) throws IOException {
        Assessment assessment = requests.score(year, unit, asOf);
        String name = year + "年度安全生产考核评分表(" + switch (assessment.unit()) {
            case "village" -> "村社区";
            case "town" -> "乡镇";
            default -> "部门";
        } + ").xlsx";
        response.setContentType(XLSX);
        // RFC 6266 / 5987: an ASCII fallback, then the UTF-8 name browsers show
        response.setHeader("Content-Disposition", "attachment; filename=\"assessment-" + year + "-"
                + assessment.unit() + ".xlsx\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        try (OutputStream out = response.getOutputStream()) {
            workbook.write(assessment, out);
        }
    }
}
