package cn.anjian.security;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static cn.anjian.jooq.Sequences.SEQ_AUDIT_EVENT;
import static cn.anjian.jooq.Tables.AUDIT_EVENT;

/**
 * The audit trail ({@code audit_event}): who did what, when, and how it ended. Sign-ins and refused access are
 * recorded by this package's listeners, every state-changing request (imports included) by
 * {@link ChangeAuditInterceptor}; a feature with something more specific to say (an export's row count, a scheme
 * change) calls {@link #record(String, String, String, String)} itself.
 */
@Repository
public class AuditLog {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String DENIED = "DENIED";

    private static final int MAX_TEXT = 1000;
    private static final int PAGE = 500;

    private final DSLContext dsl;
    private final Clock clock;

    AuditLog(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Records an event by the signed-in user (or "anonymous") from the current request's address. */
    public void record(String action, String outcome, String target, String detail) {
        record(currentActor(), action, outcome, target, detail);
    }

    /** Records an event by a named actor: a username typed at sign-in, or a system name such as {@code cli}. */
    public void record(String actor, String action, String outcome, String target, String detail) {
        dsl.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.EVENT_ID, UserAccounts.nextval(SEQ_AUDIT_EVENT.getName()))
                .set(AUDIT_EVENT.OCCURRED_AT, LocalDateTime.now(clock))
                .set(AUDIT_EVENT.ACTOR, cut(actor))
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.OUTCOME, outcome)
                .set(AUDIT_EVENT.TARGET, cut(target))
                .set(AUDIT_EVENT.DETAIL, cut(detail))
                .set(AUDIT_EVENT.REMOTE_ADDR, remoteAddress())
                .execute();
    }

    /** The newest events matching the filter (blank filter fields match everything), at most 500. */
    public List<Event> search(Query query) {
        Condition where = DSL.noCondition();
        if (notBlank(query.actor())) {
            where = where.and(AUDIT_EVENT.ACTOR.containsIgnoreCase(query.actor().strip()));
        }
        if (notBlank(query.action())) {
            where = where.and(AUDIT_EVENT.ACTION.eq(query.action().strip()));
        }
        if (notBlank(query.outcome())) {
            where = where.and(AUDIT_EVENT.OUTCOME.eq(query.outcome().strip()));
        }
        if (query.from() != null) {
            where = where.and(AUDIT_EVENT.OCCURRED_AT.ge(query.from().atStartOfDay()));
        }
        if (query.to() != null) {
            where = where.and(AUDIT_EVENT.OCCURRED_AT.lt(query.to().plusDays(1).atStartOfDay()));
        }
        return dsl.selectFrom(AUDIT_EVENT).where(where)
                .orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.EVENT_ID.desc())
                .limit(PAGE)
                .fetch(r -> new Event(r.getEventId(), r.getOccurredAt(), r.getActor(), r.getAction(), r.getOutcome(),
                        r.getTarget(), r.getDetail(), r.getRemoteAddr()));
    }

    public List<String> actions() {
        return dsl.selectDistinct(AUDIT_EVENT.ACTION).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.ACTION)
                .fetch(AUDIT_EVENT.ACTION);
    }

    static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken ? "anonymous" : auth.getName();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    public record Query(String actor, String action, String outcome, LocalDate from, LocalDate to) {
    }

    public record Event(long id, LocalDateTime at, String actor, String action, String outcome, String target,
                        String detail, String remoteAddr) {
    }
}
