package cn.anjian.security;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jooq.DSLContext;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * Answers 403 to any request whose {@code village}, {@code region} or {@code town} parameter names a region outside
 * the user's scope, on every endpoint, present and future (a town counts as inside when any of its villages is: a
 * village cadre's pages filter by their own town). The row scope in the query builder already keeps such rows out
 * (a forgotten check yields nothing, never the data); this guard turns the attempt into a clear refusal and an
 * audit entry instead of an empty chart or a "no such code" message.
 */
class RegionParameterGuard extends OncePerRequestFilter {

    static final List<String> PARAMETERS = List.of("village", "region", "town");

    private final DSLContext dsl;
    private final AuditLog audit;
    private final ProblemResponses problems;

    RegionParameterGuard(DSLContext dsl, AuditLog audit, ProblemResponses problems) {
        this.dsl = dsl;
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Set<String> asked = requestedCodes(request);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (asked.isEmpty() || UserRowScope.isAdmin(auth)) {
            chain.doFilter(request, response);
            return;
        }
        Set<String> outside = new LinkedHashSet<>(asked);
        if (auth != null && auth.getPrincipal() instanceof Account account && !account.scope().isEmpty()) {
            outside.removeAll(dsl.select(DIM_REGION.REGION_CODE).from(DIM_REGION)
                    .where(DIM_REGION.REGION_CODE.in(asked))
                    .and(DIM_REGION.REGION_CODE.in(UserRowScope.subtree(account.role(), account.scope())))
                    .fetchSet(DIM_REGION.REGION_CODE));
            Set<String> towns = codes(request, "town");
            if (!towns.isEmpty()) {
                outside.removeAll(dsl.selectDistinct(DIM_REGION.TOWN_CODE).from(DIM_REGION)
                        .where(DIM_REGION.TOWN_CODE.in(towns))
                        .and(DIM_REGION.REGION_CODE.in(UserRowScope.subtree(account.role(), account.scope())))
                        .fetchSet(DIM_REGION.TOWN_CODE));
            }
        }
        if (outside.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        audit.record("ACCESS_DENIED", AuditLog.DENIED, request.getMethod() + " " + request.getRequestURI(),
                "超出数据范围的区划: " + String.join(",", outside));
        problems.forbidden(request, response, "无权查看这些村(社区)的数据: " + String.join(",", outside));
    }

    private static Set<String> requestedCodes(HttpServletRequest request) {
        return codes(request, PARAMETERS.toArray(String[]::new));
    }

    private static Set<String> codes(HttpServletRequest request, String... names) {
        Set<String> codes = new LinkedHashSet<>();
        for (String name : names) {
            String[] values = request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        codes.add(part.strip());
                    }
                }
            }
        }
        return codes;
    }
}
