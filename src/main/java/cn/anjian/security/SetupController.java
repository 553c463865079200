package cn.anjian.security;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The one-time page that creates the first administrator (see {@link FirstAdminSetup}). Without the printed token,
 * or once an administrator exists, it does not exist (404).
 */
@Controller
@ConditionalOnWebApplication
class SetupController {

    private final FirstAdminSetup setup;
    private final UserAccounts accounts;
    private final AuditLog audit;

    SetupController(FirstAdminSetup setup, UserAccounts accounts, AuditLog audit) {
        this.setup = setup;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/setup")
    String form(@RequestParam(required = false) String token, @RequestParam(required = false) String lang,
                Model model) {
        requireToken(token);
        model.addAttribute("t", LoginText.of(lang));
        model.addAttribute("token", token);
        return "setup";
    }

    @PostMapping("/setup")
    String create(@RequestParam(required = false) String token, @RequestParam String username,
                  @RequestParam(required = false) String displayName, @RequestParam String password,
                  @RequestParam String password2, @RequestParam(required = false) String lang, Model model) {
        requireToken(token);
        try {
            if (!password.equals(password2)) {
                throw new InvalidAccountException("password2", "两次输入的密码不一致 (passwords differ)");
            }
            accounts.create(username, displayName, password, Role.ADMIN, List.of(), "setup", false);
            setup.close();
            audit.record("setup", "USER_CREATE", AuditLog.SUCCESS, username.strip(), "首个管理员 (setup link)");
            return "redirect:/login";
        } catch (InvalidAccountException e) {
            model.addAttribute("error", e.getMessage());
            return form(token, lang, model);
        }
    }

    private void requireToken(String token) {
        if (!setup.accepts(token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
