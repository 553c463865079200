package cn.anjian.security;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * User administration and the audit trail, for ADMIN only ({@link SecurityConfiguration} guards {@code /admin/**}).
 * Every change is audited with what changed, and ends the user's open sessions so a new role, scope or status
 * takes effect at their next click rather than at their next sign-in.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping("/admin")
class AdminController {

    private final UserAccounts accounts;
    private final AuditLog audit;
    private final SessionRegistry sessions;
    private final LoginThrottle throttle;

    AdminController(UserAccounts accounts, AuditLog audit, SessionRegistry sessions, LoginThrottle throttle) {
        this.accounts = accounts;
        this.audit = audit;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("regions", accounts.assignableRegions());
        model.addAttribute("roles", Role.values());
        return "admin/users";
    }

    @PostMapping("/users")
    String create(@RequestParam String username, @RequestParam(required = false) String displayName,
                  @RequestParam String password, @RequestParam String role,
                  @RequestParam(required = false) List<String> scope, Model model, RedirectAttributes redirect) {
        try {
            Role r = role(role);
            long id = accounts.create(username, displayName, password, r, scope, AuditLog.currentActor(), false);
            audit.record("USER_CREATE", AuditLog.SUCCESS, username.strip(),
                    "id=" + id + " role=" + r + " scope=" + (scope == null ? "[]" : scope));
            redirect.addFlashAttribute("message", "已创建用户 " + username.strip());
            return "redirect:/admin/users";
        } catch (InvalidAccountException e) {
            audit.record("USER_CREATE", AuditLog.FAILURE, username, e.getMessage());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return users(model);
        }
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable long id, Model model) {
        Account account = accounts.find(id).orElseThrow(() -> new UserNotFound(id));
        model.addAttribute("user", account);
        model.addAttribute("enabled", account.isEnabled());
        model.addAttribute("lockedUntil", throttle.lockedUntil(account.getUsername()));
        model.addAttribute("regions", accounts.assignableRegions());
        model.addAttribute("roles", Role.values());
        return "admin/user";
    }

    @PostMapping("/users/{id}")
    String update(@PathVariable long id, @RequestParam(required = false) String displayName,
                  @RequestParam String role, @RequestParam(required = false) List<String> scope,
                  @RequestParam(defaultValue = "false") boolean enabled, Model model, RedirectAttributes redirect) {
        Account before = accounts.find(id).orElseThrow(() -> new UserNotFound(id));
        try {
            Role r = role(role);
            String name = displayName == null || displayName.isBlank() ? before.displayName() : displayName.strip();
            accounts.update(id, name, r, scope, enabled);
            Account after = accounts.find(id).orElseThrow();
            expireSessions(before.getUsername());
            audit.record(enabled ? "USER_UPDATE" : "USER_DISABLE", AuditLog.SUCCESS, before.getUsername(),
                    "role " + before.role() + "→" + after.role() + ", scope " + before.scope() + "→" + after.scope()
                            + ", enabled " + before.isEnabled() + "→" + after.isEnabled());
            redirect.addFlashAttribute("message", "已保存 " + before.getUsername());
            return "redirect:/admin/users/" + id;
        } catch (InvalidAccountException e) {
            audit.record("USER_UPDATE", AuditLog.FAILURE, before.getUsername(), e.getMessage());
            model.addAttribute("error", e.getMessage());
            return user(id, model);
        }
    }

    @PostMapping("/users/{id}/password")
    String password(@PathVariable long id, @RequestParam String password, Model model, RedirectAttributes redirect) {
        Account account = accounts.find(id).orElseThrow(() -> new UserNotFound(id));
        try {
            accounts.setPassword(id, password);
            expireSessions(account.getUsername());
            audit.record("USER_PASSWORD", AuditLog.SUCCESS, account.getUsername(), "管理员重设密码");
            redirect.addFlashAttribute("message", "已重设 " + account.getUsername() + " 的密码");
            return "redirect:/admin/users/" + id;
        } catch (InvalidAccountException e) {
            model.addAttribute("error", e.getMessage());
            return user(id, model);
        }
    }

    @PostMapping("/users/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        Account account = accounts.find(id).orElseThrow(() -> new UserNotFound(id));
        throttle.unlock(account.getUsername());
        audit.record("USER_UNLOCK", AuditLog.SUCCESS, account.getUsername(), null);
        redirect.addFlashAttribute("message", "已解除锁定 " + account.getUsername());
        return "redirect:/admin/users/" + id;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, Model model) {
        AuditLog.Query query = new AuditLog.Query(actor, action, outcome, date(from), date(to));
        model.addAttribute("query", query);
        model.addAttribute("events", audit.search(query));
        model.addAttribute("actions", audit.actions());
        model.addAttribute("outcomes", List.of(AuditLog.SUCCESS, AuditLog.FAILURE, AuditLog.DENIED));
        return "admin/audit";
    }

    private void expireSessions(String username) {
        for (Object principal : sessions.getAllPrincipals()) {
            if (principal instanceof Account a && a.getUsername().equals(username)) {
                sessions.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
            }
        }
    }

    private static Role role(String name) {
        return Role.of(name).orElseThrow(() -> new InvalidAccountException("role", "角色应为 ADMIN、LEADER 或 VILLAGE"));
    }

    /** A malformed date filter is ignored rather than failing the page: the form shows what was applied. */
    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static final class UserNotFound extends RuntimeException {
        UserNotFound(long id) {
            super("没有这个用户: " + id);
        }
    }
}
