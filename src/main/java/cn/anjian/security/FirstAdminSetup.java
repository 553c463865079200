package cn.anjian.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * No default password outside the demo profile: a web start without an enabled administrator prints a one-time
 * setup link ({@code /setup?token=…}, a random token held only in memory) to the console and the log. Whoever can
 * read the server's console opens it and creates the first administrator; the link then stops working. The
 * alternative, with the app stopped, is {@code java -jar anjian.jar create-admin <username>}.
 */
@Component
@ConditionalOnWebApplication
class FirstAdminSetup {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminSetup.class);

    private final UserAccounts accounts;
    private final Environment environment;
    private volatile String token;

    FirstAdminSetup(UserAccounts accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void offerSetupIfNoAdmin() {
        if (environment.getProperty("anjian.demo.enabled", Boolean.class, false) || accounts.hasEnabledAdmin()) {
            return;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String port = environment.getProperty("local.server.port", "8080");
        String link = "http://localhost:" + port + environment.getProperty("server.servlet.context-path", "")
                + "/setup?token=" + token;
        String message = "\n========================================================================\n"
                + "尚无管理员账号。请打开以下一次性链接创建首个管理员 (No administrator yet; open this one-time link):\n"
                + "  " + link + "\n"
                + "或停止应用后运行 (or stop the app and run): java -jar anjian.jar create-admin <用户名>\n"
                + "========================================================================";
        System.out.println(message);
        log.warn("No enabled administrator: one-time setup link printed to the console");
    }

    /** True while setup is open and {@code candidate} is its token (compared in constant time). */
    boolean accepts(String candidate) {
        String current = token;
        return current != null && candidate != null && !accounts.hasEnabledAdmin()
                && MessageDigest.isEqual(current.getBytes(StandardCharsets.UTF_8),
                        candidate.getBytes(StandardCharsets.UTF_8));
    }

    void close() {
        token = null;
    }
}
