package cn.anjian.lake;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The lake on demand: {@code POST /api/lake/write} (administrators) rewrites the partitions that changed and answers
 * what it did; {@code GET /api/lake/manifest} shows the manifest of the last write; {@code GET /api/lake/package}
 * gives the town's report package for a period (逐级上报).
 */
@RestController
class LakeController {

    private final LakeWriter writer;
    private final LakeProperties properties;
    private final ReportPackageWriter packages;

    LakeController(LakeWriter writer, LakeProperties properties, ReportPackageWriter packages) {
        this.writer = writer;
        this.properties = properties;
        this.packages = packages;
    }

    @PostMapping("/api/lake/write")
    LakeWrite write() {
        return writer.write();
    }

    @GetMapping("/api/lake/manifest")
    LakeManifest manifest() {
        LakeManifest manifest = writer.read(properties.dir());
        if (manifest == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "湖还没有写过: POST /api/lake/write");
        }
        return manifest;
    }

    /**
     * The report package of this warehouse's towns (or of {@code town}) for the months {@code from}..{@code to}
     * ({@code YYYY-MM}), as one zip to send to the county.
     */
    @GetMapping("/api/lake/package")
    ResponseEntity<StreamingResponseBody> reportPackage(@RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to,
                                                        @RequestParam(required = false) String town) {
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        List<String> towns;
        try {
            ReportPackageWriter.checkPeriod(first, last);
            towns = packages.towns(town);
        } catch (ReportPackageWriter.BadRequest e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ReportPackageWriter.fileName(towns, first, last), java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(out -> packages.write(towns, first, last, out));
    }

    static YearMonth month(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请给出参数 " + name + " (月份，如 2024-01)");
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "参数 " + name + " 应为月份 YYYY-MM (如 2024-01)，收到: " + value);
        }
    }
}
