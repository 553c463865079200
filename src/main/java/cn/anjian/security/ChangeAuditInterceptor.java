package cn.anjian.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Records every state-changing request (anything but GET, HEAD, OPTIONS) that reaches a controller: who, which
 * endpoint, the form fields (never passwords or tokens) and uploaded file names, and how it ended. Imports
 * ({@code POST /api/imports}) are audited this way, as is any endpoint added later, so none can be forgotten.
 * User administration writes its own, more telling entries and is skipped here.
 */
class ChangeAuditInterceptor implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SECRET = Set.of("password", "password2", "_csrf", "token");

    private final AuditLog audit;

    ChangeAuditInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (READS.contains(request.getMethod()) || request.getRequestURI().startsWith(
                request.getContextPath() + "/admin/")) {
            return;
        }
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String action = path.startsWith("/api/imports") ? "IMPORT" : "CHANGE";
        audit.record(action, status < 400 ? AuditLog.SUCCESS : AuditLog.FAILURE,
                request.getMethod() + " " + path, "HTTP " + status + "; " + describe(request));
    }

    private static String describe(HttpServletRequest request) {
        List<String> parts = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!SECRET.contains(name.toLowerCase(Locale.ROOT))) {
                parts.add(name + "=" + String.join(",", values));
            }
        });
        if (request instanceof MultipartHttpServletRequest multipart) {
            multipart.getMultiFileMap().forEach((name, files) -> files.forEach(
                    f -> parts.add(name + "=" + f.getOriginalFilename() + " (" + f.getSize() + " B)")));
        }
        return String.join(" ", parts);
    }
}
