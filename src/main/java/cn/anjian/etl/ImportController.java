package cn.anjian.etl;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The import API the upload page, the CLI and other tools use (contract of issue #2, extended by #4). */
@RestController
class ImportController {

    private final LedgerImportService imports;
    private final LedgerStager stager;
    private final ImportProgress progress;
    private final RejectReport reports;
    private final MappingProfiles profiles;
    private final MissingRegions missingRegions;

    ImportController(LedgerImportService imports, LedgerStager stager, ImportProgress progress, RejectReport reports,
                     MappingProfiles profiles, MissingRegions missingRegions) {
        this.imports = imports;
        this.stager = stager;
        this.progress = progress;
        this.reports = reports;
        this.profiles = profiles;
        this.missingRegions = missingRegions;
    }

    /**
     * Queues a ledger. {@code kind} may be left out ("auto"): the mapping profile whose fields the headers place
     * decides, as does {@code profile} when named. A file whose headers match nothing is refused at once with the
     * headers found and the fields that could not be placed.
     */
    @PostMapping("/api/imports")
    ResponseEntity<Map<String, Object>> submit(@RequestParam(name = "file", required = false) MultipartFile file,
                                               @RequestParam(name = "kind", required = false) String kind,
                                               @RequestParam(name = "profile", required = false) String profile,
                                               @RequestParam(name = "encoding", required = false) String encoding)
            throws IOException {
        ImportKind importKind = null;
        if (kind != null && !kind.isBlank() && !"auto".equalsIgnoreCase(kind)) {
            importKind = ImportKind.fromCode(kind).orElseThrow(() -> new BadImportRequest("kind",
                    "kind 应为 " + String.join("、", java.util.Arrays.stream(ImportKind.values()).map(ImportKind::code)
                            .toList()) + " 或 auto 之一，收到: " + kind));
        }
        if (file == null || file.isEmpty()) {
            throw new BadImportRequest("file", "请上传一个非空的台账文件 (参数 file)");
        }
        Charset charset = encoding(encoding);
        String name = file.getOriginalFilename() == null ? "ledger" : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path temp = Files.createTempFile("anjian-upload-", ".bin");
        try {
            file.transferTo(temp);
            if (importKind == ImportKind.PACKAGE
                    || importKind == null && cn.anjian.lake.ReportPackage.looksLikePackage(temp, name)) {
                // a town's report package: checked whole by the import itself, which names what it refuses
                long id = imports.submit(ImportKind.PACKAGE, null, null, temp, name);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", id);
                body.put("kind", ImportKind.PACKAGE.code());
                return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
            }
            MappingProfile chosen = stager.inspect(temp, name, importKind, blankToNull(profile), charset);
            long id = imports.submit(chosen.kind(), chosen.template() ? null : chosen.name(), charset, temp, name);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("kind", chosen.kind().code());
            body.put("profile", chosen.name());
            body.put("profileTitle", chosen.title());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @GetMapping("/api/imports/{id}")
    ImportView status(@PathVariable long id) {
        ImportService.ImportStatus s = imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        return ImportView.of(s, progress.get(id), imports.changes(id, ImportView.SAMPLE),
                imports.warnings(id, ImportView.WARNINGS))
                .withMissingRegions(s.rejected() > 0 ? missingRegions.of(id) : List.of());
    }

    /** Everything the import had to assume: about the file (row null) first, then row by row. */
    @GetMapping("/api/imports/{id}/warnings")
    List<ImportService.Warning> warnings(@PathVariable long id) {
        imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        return imports.warnings(id, 10_000);
    }

    /**
     * Withdraws an import (撤销导入), with the reason; {@code chain=true} also withdraws the later imports that
     * built on it. Refused with 409 and the imports that stand in the way.
     */
    @PostMapping("/api/imports/{id}/withdraw")
    ImportView withdraw(@PathVariable long id, @RequestParam(name = "reason", required = false) String reason,
                        @RequestParam(name = "chain", defaultValue = "false") boolean chain,
                        java.security.Principal user) {
        imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        if (reason == null || reason.isBlank()) {
            throw new BadImportRequest("reason", "请写明撤销原因 (参数 reason)");
        }
        ImportService.ImportStatus s = imports.withdraw(id, reason, chain, user == null ? null : user.getName());
        return ImportView.of(s, null, List.of(), List.of());
    }

    @ExceptionHandler(ImportService.WithdrawalRefused.class)
    ProblemDetail refused(ImportService.WithdrawalRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("不能撤销这次导入");
        problem.setProperty("dependents", e.dependents().stream()
                .map(d -> Map.of("id", d.id(), "fileName", String.valueOf(d.fileName()))).toList());
        return problem;
    }

    @GetMapping("/api/imports/{id}/rejects")
    List<ImportService.Reject> rejects(@PathVariable long id) {
        imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        return imports.rejects(id);
    }

    /** The rejected rows as an .xlsx to fix and upload again. */
    @GetMapping("/api/imports/{id}/rejects.xlsx")
    ResponseEntity<StreamingResponseBody> rejectReport(@PathVariable long id) {
        ImportService.ImportStatus s = imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        String base = s.fileName() == null ? "ledger" : s.fileName().replaceFirst("\\.[^.]*$", "");
        String download = base + "-拒收记录.xlsx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejects-" + id + ".xlsx\"; filename*=UTF-8''"
                        + URLEncoder.encode(download, StandardCharsets.UTF_8).replace("+", "%20"))
                .header(HttpHeaders.CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(out -> reports.write(id, out));
    }

    /**
     * The villages this import rejected rows for as a regions ledger (the regions template, pre-filled) to correct
     * and import; then importing the original ledger again loads those rows. 404 when no row was rejected so.
     */
    @GetMapping("/api/imports/{id}/missing-regions.xlsx")
    ResponseEntity<StreamingResponseBody> missingRegions(@PathVariable long id) {
        ImportService.ImportStatus s = imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        if (s.rejected() == 0 || missingRegions.of(id).isEmpty()) {
            throw new ImportNotFound(id, "导入 " + id + " 没有因“" + MissingRegions.UNKNOWN_VILLAGE + "”被拒收的行");
        }
        String download = "区划台账-补充-" + id + ".xlsx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"missing-regions-" + id
                        + ".xlsx\"; filename*=UTF-8''" + URLEncoder.encode(download, StandardCharsets.UTF_8).replace("+", "%20"))
                .header(HttpHeaders.CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(out -> missingRegions.write(id, out));
    }

    /** The mapping profiles a file can be read through, for the upload page. */
    @GetMapping("/api/imports/profiles")
    List<Map<String, String>> profiles() {
        return profiles.all().stream().map(p -> Map.of("name", p.name(), "title", p.title(), "kind", p.kind().code(),
                "kindZh", p.kind().labelZh())).toList();
    }

    /** The encoding a user named, null for "detect it" (blank or auto); 400 for one we do not read. */
    static Charset encoding(String encoding) {
        if (encoding == null || encoding.isBlank() || "auto".equalsIgnoreCase(encoding.trim())) {
            return null;
        }
        return CsvCharsets.named(encoding).orElseThrow(() -> new BadImportRequest("encoding",
                "不认识的文件编码「" + encoding + "」。可选: auto (自动识别)、" + String.join("、", CsvCharsets.CHOICES.keySet())
                        + " (也可写 GBK、Latin-1、UTF-16)"));
    }

    /** The profile files that do not load, each with its file, line, reason and (for a field name) the valid ones. */
    @GetMapping("/api/imports/profiles/problems")
    List<MappingProfiles.Problem> profileProblems() {
        return profiles.problems();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * What the progress bar polls and the API answers: the import with its live phase and percent, and once loaded
     * how many rows it added, updated and found unchanged, with a sample of the updates (before → after); how
     * many ledger rows the profile's {@code where} skipped; how many loaded rows carry a warning and how many cells
     * were filled from merged regions, with the first warnings (those about the file first: a profile column not
     * found is never silent); and the villages rows were rejected for, with their pre-filled regions ledger.
     */
    record ImportView(long id, String kind, String fileName, String profile, String status, long read, long written,
                      long rejected, String message, String phase, int percent, Long added, Long updated,
                      Long unchanged, Long removed, List<ImportService.Change> changes, long skipped, long warned,
                      long cellsFilled, List<ImportService.Warning> warnings, List<String> missingRegions,
                      String missingRegionsUrl) {

        /** How many updated rows the answer shows, before → after. */
        static final int SAMPLE = 5;

        /** How many warnings the answer shows (all of them: GET /api/imports/{id}/warnings). */
        static final int WARNINGS = 20;

        /**
         * With the villages rows were rejected for (missing from the regions ledger) and where the pre-filled
         * regions ledger of them is downloaded.
         */
        ImportView withMissingRegions(List<MissingRegions.Missing> missing) {
            return missing.isEmpty() ? this : new ImportView(id, kind, fileName, profile, status, read, written,
                    rejected, message, phase, percent, added, updated, unchanged, removed, changes, skipped, warned,
                    cellsFilled, warnings, missing.stream().map(MissingRegions.Missing::name).distinct().toList(),
                    "/api/imports/" + id + "/missing-regions.xlsx");
        }

        static ImportView of(ImportService.ImportStatus s, ImportProgress.Live live, List<ImportService.Change> changes,
                             List<ImportService.Warning> warnings) {
            long read = Math.max(s.read(), live == null ? 0 : live.rows());
            String phase = "STARTED".equals(s.status()) && live != null ? live.phase().labelZh : s.statusZh();
            ImportService.Changes c = s.changes();
            return new ImportView(s.id(), s.kind(), s.fileName(), s.profile(), s.status(), read, s.written(), s.rejected(),
                    s.message(), phase, ImportProgress.percent(s.status(), live), c == null ? null : c.added(),
                    c == null ? null : c.updated(), c == null ? null : c.unchanged(), c == null ? null : c.removed(),
                    changes, s.skipped(), s.warned(), s.cellsFilled(), warnings, List.of(), null);
        }
    }

    @ExceptionHandler(LedgerMapper.HeaderMismatchException.class)
    ProblemDetail headersMismatch(LedgerMapper.HeaderMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("表头不匹配");
        problem.setProperty("headers", e.headers);
        problem.setProperty("unplaced", e.unplaced);
        problem.setProperty("closestProfile", e.profile);
        List<MappingProfiles.Problem> broken = profiles.problems();
        if (!broken.isEmpty()) {
            problem.setProperty("brokenProfiles", broken);
        }
        return problem;
    }

    @ExceptionHandler(MappingProfiles.ProfileBroken.class)
    ProblemDetail profileBroken(MappingProfiles.ProfileBroken e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("映射方案有错误");
        problem.setProperty("profile", e.problem.name());
        problem.setProperty("file", e.problem.file());
        problem.setProperty("line", e.problem.line());
        problem.setProperty("reason", e.problem.reason());
        problem.setProperty("validFields", e.problem.validFields());
        return problem;
    }

    @ExceptionHandler(EncodingUncertain.class)
    ProblemDetail encodingUncertain(EncodingUncertain e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("无法确定文件编码");
        problem.setProperty("candidates", e.candidates());
        return problem;
    }

    @ExceptionHandler(LedgerFormatException.class)
    ProblemDetail unreadable(LedgerFormatException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("无法读取文件");
        return problem;
    }

    @ExceptionHandler(BadImportRequest.class)
    ProblemDetail badRequest(BadImportRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("parameter", e.parameter);
        return problem;
    }

    @ExceptionHandler(ImportNotFound.class)
    ProblemDetail notFound(ImportNotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    static final class BadImportRequest extends RuntimeException {
        final String parameter;

        BadImportRequest(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    static final class ImportNotFound extends RuntimeException {
        ImportNotFound(long id) {
            super("没有编号为 " + id + " 的导入");
        }

        ImportNotFound(long id, String message) {
            super(message);
        }
    }
}
