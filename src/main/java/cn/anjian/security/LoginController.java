package cn.anjian.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page; Spring Security's form login handles its POST. In the demo profile it lists the demo accounts. */
@Controller
class LoginController {

    private final DemoAccounts demo;

    LoginController(DemoAccounts demo) {
        this.demo = demo;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String lang, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String logout, @RequestParam(required = false) String expired,
                 Authentication authentication, Model model) {
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
                && authentication.isAuthenticated() && error == null) {
            return "redirect:/";
        }
        LoginText t = LoginText.of(lang);
        model.addAttribute("t", t);
        model.addAttribute("message", error == null ? null : switch (error) {
            case "locked" -> t.locked();
            case "disabled" -> t.disabled();
            default -> t.badCredentials();
        });
        model.addAttribute("info", logout != null ? t.loggedOut() : expired != null ? t.expired() : null);
        model.addAttribute("demoAccounts", demo.shown());
        return "login";
    }
}
