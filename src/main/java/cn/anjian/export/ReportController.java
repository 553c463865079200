package cn.anjian.export;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The same statistics reports on demand for any past month or quarter: a small page and the download. */
@Controller
class ReportController {

    private final StatisticsReports reports;
    private final Exports exports;

    ReportController(StatisticsReports reports, Exports exports) {
        this.reports = reports;
        this.exports = exports;
    }

    @GetMapping("/reports")
    String page(Model model) {
        model.addAttribute("thisMonth", java.time.YearMonth.from(exports.now()));
        return "export/reports";
    }

    /** {@code /reports/2024-03.xlsx} (month) or {@code /reports/2024-Q1.xlsx} (quarter). */
    @GetMapping("/reports/{period}.xlsx")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String period, HttpServletRequest request) {
        ReportPeriod p = ReportPeriod.parse(period);
        if (p == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "统计期间应为 2024-03 或 2024-Q1 的形式");
        }
        if (!p.end().isBefore(exports.now().toLocalDate())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "只能生成已经结束的月份或季度的报表");
        }
        var made = exports.now();
        return exports.download(request, ExportFormat.XLSX, p.fileName(), "report-" + p.code() + ".xlsx",
                "报表 " + p.code(), "统计期间: " + p.start() + " 至 " + p.end(), out -> reports.write(p, made, out));
    }
}
