package cn.anjian.etl;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The safety office's upload page and the result page of one import (Chinese; the script is imports.js). */
@Controller
class ImportPageController {

    private final LedgerImportService imports;
    private final EtlBatchRepository batches;
    private final MappingProfiles profiles;

    ImportPageController(LedgerImportService imports, EtlBatchRepository batches, MappingProfiles profiles) {
        this.imports = imports;
        this.batches = batches;
        this.profiles = profiles;
    }

    @GetMapping("/imports")
    String upload(Model model) {
        model.addAttribute("kinds", List.of(ImportKind.values()));
        model.addAttribute("profiles", profiles.all().stream().filter(p -> !p.template()).toList());
        model.addAttribute("recent", batches.recent(15).stream().map(EtlBatchRepository::toStatus).toList());
        return "imports/index";
    }

    @GetMapping("/imports/{id}")
    String result(@PathVariable long id, Model model) {
        ImportService.ImportStatus status = imports.status(id).orElseThrow(() -> new ImportController.ImportNotFound(id));
        model.addAttribute("status", status);
        model.addAttribute("kind", ImportKind.fromCode(status.kind()).map(ImportKind::labelZh).orElse(status.kind()));
        List<ImportService.Reject> rejects = imports.rejects(id);
        model.addAttribute("rejects", rejects.size() > 2000 ? rejects.subList(0, 2000) : rejects);
        model.addAttribute("rejectCount", rejects.size());
        return "imports/result";
    }
}
