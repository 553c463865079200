package cn.anjian.etl;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.PathVariable;

/** The safety office's upload page and the result page of one import (Chinese; the script is imports.js). */
@Controller
class ImportPageController {

    private final LedgerImportService imports;
    private final EtlBatchRepository batches;
    private final MappingProfiles profiles;
    private final TemplateWorkbook templates;
    private final MissingRegions missingRegions;

    ImportPageController(LedgerImportService imports, EtlBatchRepository batches, MappingProfiles profiles,
                         TemplateWorkbook templates, MissingRegions missingRegions) {
        this.imports = imports;
        this.batches = batches;
        this.profiles = profiles;
        this.templates = templates;
        this.missingRegions = missingRegions;
    }

    @GetMapping("/imports")
    String upload(Model model) {
        model.addAttribute("kinds", List.of(ImportKind.values()));
        model.addAttribute("ledgerKinds", ImportKind.ledgers());
        model.addAttribute("profiles", profiles.all().stream().filter(p -> !p.template()).toList());
        model.addAttribute("encodings", CsvCharsets.CHOICES);
        model.addAttribute("profileProblems", profiles.problems());
        model.addAttribute("recent", batches.recent(15).stream().map(EtlBatchRepository::toStatus).toList());
        return "imports/index";
    }

    /** A template to fill, made from today's code lists and the villages the user may see (TemplateWorkbook). */
    @GetMapping("/imports/templates/{kind}.xlsx")
    ResponseEntity<StreamingResponseBody> template(@PathVariable String kind) {
        ImportKind k = ImportKind.fromCode(kind).filter(ImportKind::ledger).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "没有这种台账: " + kind));
        String name = k.labelZh() + "台账模板.xlsx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name,
                        StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> templates.write(k, out));
    }

    @GetMapping("/imports/{id}")
    String result(@PathVariable long id, Model model) {
        ImportService.ImportStatus status = imports.status(id).orElseThrow(() -> new ImportController.ImportNotFound(id));
        model.addAttribute("status", status);
        model.addAttribute("kind", status.kindZh());
        List<ImportService.Reject> rejects = imports.rejects(id);
        model.addAttribute("rejects", rejects.size() > 2000 ? rejects.subList(0, 2000) : rejects);
        model.addAttribute("rejectCount", rejects.size());
        model.addAttribute("changes", imports.changes(id, 20));
        model.addAttribute("missingRegions", rejects.isEmpty() ? List.of() : missingRegions.of(id));
        model.addAttribute("warnings", imports.warnings(id, 500));
        return "imports/result";
    }

    /** 撤销导入 from the result page: the reason is required; a refusal is shown on the page with its reason. */
    @PostMapping("/imports/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String reason,
                    @RequestParam(defaultValue = "false") boolean chain, Principal user,
                    RedirectAttributes redirect) {
        try {
            imports.withdraw(id, reason, chain, user == null ? null : user.getName());
            redirect.addFlashAttribute("notice", "已撤销这次导入：它新增的记录已删除，它修改的记录已恢复原值。");
        } catch (ImportService.WithdrawalRefused e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/imports/" + id;
    }
}
