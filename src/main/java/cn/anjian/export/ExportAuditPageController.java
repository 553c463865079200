package cn.anjian.export;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin page listing exports, newest first. Security's branch restricts {@code /admin/**} to admins. */
@Controller
class ExportAuditPageController {

    private final ExportAudit audit;

    ExportAuditPageController(ExportAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/exports")
    String page(@RequestParam(defaultValue = "200") int limit, Model model) {
        model.addAttribute("entries", audit.latest(Math.max(1, Math.min(limit, 5000))));
        return "export/audit";
    }
}
