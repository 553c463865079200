package cn.anjian.etl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

/** The import API the upload page, the CLI and other tools use (contract of issue #2). */
@RestController
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping("/api/imports")
    ResponseEntity<Map<String, Long>> submit(@RequestParam(name = "file", required = false) MultipartFile file,
                                             @RequestParam(name = "kind", required = false) String kind) throws IOException {
        ImportKind importKind = ImportKind.fromCode(kind)
                .orElseThrow(() -> new BadImportRequest("kind", "kind 应为 regions、enterprises、inspections、hazards、"
                        + "enforcement 或 accidents 之一，收到: " + kind));
        if (file == null || file.isEmpty()) {
            throw new BadImportRequest("file", "请上传一个非空的台账文件 (参数 file)");
        }
        Path temp = Files.createTempFile("anjian-upload-", ".bin");
        try {
            file.transferTo(temp);
            long id = imports.submit(importKind, temp, file.getOriginalFilename());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @GetMapping("/api/imports/{id}")
    ImportService.ImportStatus status(@PathVariable long id) {
        return imports.status(id).orElseThrow(() -> new ImportNotFound(id));
    }

    @GetMapping("/api/imports/{id}/rejects")
    List<ImportService.Reject> rejects(@PathVariable long id) {
        imports.status(id).orElseThrow(() -> new ImportNotFound(id));
        return imports.rejects(id);
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
    }
}
