package cn.anjian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Turns a row writer into a download: headers (type, Chinese file name), the body streamed to the response, and
 * one audit entry when the stream ends, with the rows written or the failure. Everything that depends on the
 * request (the user, hence the row scope) is resolved before streaming starts, since the body is written on
 * another thread.
 */
@Component
class Exports {

    private final ExportAudit audit;
    private final Clock clock;

    Exports(ExportAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    static String principal(HttpServletRequest request) {
        Principal p = request.getUserPrincipal();
        return p == null || p.getName() == null ? ExportAudit.ANONYMOUS : p.getName();
    }

    /** Writes the file, returning how many data rows it holds. */
    @FunctionalInterface
    interface Body {
        long write(OutputStream out) throws IOException;
    }

    ResponseEntity<StreamingResponseBody> download(HttpServletRequest request, ExportFormat format, String fileName,
                                                   String asciiName, String what, String filters, Body body) {
        String who = principal(request);
        LocalDateTime started = now();
        StreamingResponseBody stream = out -> {
            long rows = -1;
            String outcome = "成功";
            try {
                rows = body.write(out);
                out.flush();
            } catch (IOException | RuntimeException e) {
                outcome = "失败: " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                        : " " + e.getMessage().substring(0, Math.min(200, e.getMessage().length())));
                throw e;
            } finally {
                audit.record(new ExportAudit.Entry(started, who, what, format.extension(), filters,
                        rows < 0 ? null : rows, outcome));
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.contentDisposition(Downloads.safe(fileName), asciiName))
                .contentType(format.mediaType())
                .body(stream);
    }
}
