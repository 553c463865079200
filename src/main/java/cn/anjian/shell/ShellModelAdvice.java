package cn.anjian.shell;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import cn.anjian.security.Role;
import cn.anjian.semantic.Label;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gives every page what the one page shell ({@code fragments/layout}) draws: the menu the user's role may open, in
 * the menu file's order, with the page shown marked; the language and its switch; the theme.
 */
@ControllerAdvice
class ShellModelAdvice {

    private static final Label APP_NAME = Label.of("安监数仓", "Anjian work-safety warehouse");
    private static final Label MENU = Label.of("菜单", "Menu");
    private static final Label THEME_DARK = Label.of("深色大屏", "Dark (wall screen)");
    private static final Label THEME_LIGHT = Label.of("浅色", "Light");

    private final Menu menu;

    ShellModelAdvice(Menu menu) {
        this.menu = menu;
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request, @RequestParam(required = false) String lang,
                @RequestParam(required = false) String theme) {
        String language = "en".equalsIgnoreCase(lang) ? "en" : "zh";
        boolean admin = isAdmin(SecurityContextHolder.getContext().getAuthentication());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<Link> links = menu.items().stream()
                .filter(item -> admin || !item.adminOnly())
                .map(item -> new Link(item.title().in(language),
                        "en".equals(language) ? item.href() + "?lang=en" : item.href(), item.dashboard(),
                        path.equals(item.href()) || path.startsWith(item.href() + "/")))
                .toList();
        String other = "en".equals(language) ? "zh" : "en";
        UriComponentsBuilder here = UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString());
        String switchHref = ("en".equals(other) ? here.replaceQueryParam("lang", "en") : here.replaceQueryParam("lang"))
                .build().toUriString();
        return new Shell(language, "en".equals(language) ? "en" : "zh-CN", APP_NAME.in(language), MENU.in(language),
                links, switchHref, "en".equals(other) ? "English" : "中文", other,
                "dark".equals(theme), THEME_DARK.in(language), THEME_LIGHT.in(language));
    }

    private static boolean isAdmin(Authentication auth) {
        String wanted = Role.ADMIN.authority().getAuthority();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> wanted.equals(a.getAuthority()));
    }

    /**
     * The shell of one page. Public because the templates read it.
     *
     * @param switchHref this page in the other language
     */
    public record Shell(String lang, String htmlLang, String appName, String menuLabel, List<Link> menu,
                        String switchHref, String switchLabel, String switchLang, boolean dark, String themeDark,
                        String themeLight) {
    }

    /**
     * One menu link.
     *
     * @param dashboard the dashboard's id (the dashboard page keeps its filters on such links), or {@code null}
     */
    public record Link(String title, String href, String dashboard, boolean current) {
    }
}
