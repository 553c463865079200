package cn.anjian.security;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * Signing in for tests. Every endpoint but the login page and static assets needs a user now:
 * <ul>
 *   <li>a whole test class as one user: annotate it {@code @WithAccount(Role.ADMIN)} (or
 *       {@code @WithAccount(value = Role.VILLAGE, scope = "341525106202")}); this also covers services called
 *       directly, since the row scope reads the same security context;</li>
 *   <li>one MockMvc request: {@code mvc.perform(get(url).with(TestLogins.village(XIHE)))}; POSTs also need
 *       {@code .with(csrf())} from {@code SecurityMockMvcRequestPostProcessors};</li>
 *   <li>a browser: create a real user with {@link UserAccounts#create} and {@link #signIn} through the form.</li>
 * </ul>
 */
public final class TestLogins {

    private TestLogins() {
    }

    public static RequestPostProcessor admin() {
        return as(Role.ADMIN);
    }

    public static RequestPostProcessor leader(String... townsOrCounties) {
        return as(Role.LEADER, townsOrCounties);
    }

    public static RequestPostProcessor village(String... villages) {
        return as(Role.VILLAGE, villages);
    }

    public static RequestPostProcessor as(Role role, String... scope) {
        return authentication(token(role, scope));
    }

    /** A signed-in user as the login would make it, without a row in {@code app_user}. */
    public static Authentication token(Role role, String... scope) {
        String name = "test-" + role.name().toLowerCase() + (scope.length == 0 ? "" : "-" + String.join("-", scope));
        Account account = new Account(-1, name, name, null, role, List.of(scope), true);
        return UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
    }

    /** Signs in through the login form and waits until the browser has left the login page. */
    public static void signIn(WebDriver browser, String baseUrl, String username, String password) {
        browser.get(baseUrl + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Creates a safety-office user (ADMIN, password "{username}-password") and signs it in through the form. */
    public static void signInAsNewAdmin(WebDriver browser, String baseUrl, UserAccounts accounts, String username,
                                        String displayName) {
        accounts.create(username, displayName, username + "-password", Role.ADMIN, List.of(), "test", false);
        signIn(browser, baseUrl, username, username + "-password");
    }

    /** Signs out (the logout form posts with its CSRF token) and waits for the login page. */
    public static void signOut(WebDriver browser) {
        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/login"));
    }
}
