package cn.anjian.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/** Writes sign-ins, failed sign-ins (with the reason) and sign-outs to the audit trail. */
@Component
class AuthenticationAudit {

    private final AuditLog audit;

    AuthenticationAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void success(AuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        audit.record(name, "LOGIN", AuditLog.SUCCESS, name, null);
    }

    @EventListener
    void failure(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        audit.record(name, "LOGIN", AuditLog.FAILURE, name, reason(event));
    }

    @EventListener
    void logout(LogoutSuccessEvent event) {
        String name = event.getAuthentication().getName();
        audit.record(name, "LOGOUT", AuditLog.SUCCESS, name, null);
    }

    private static String reason(AbstractAuthenticationFailureEvent event) {
        return switch (event.getException().getClass().getSimpleName()) {
            case "BadCredentialsException" -> "用户名或密码错误";
            case "LockedException" -> "账号已临时锁定";
            case "DisabledException" -> "账号已停用";
            default -> event.getException().getClass().getSimpleName();
        };
    }
}
