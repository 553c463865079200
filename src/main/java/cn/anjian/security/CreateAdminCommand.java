package cn.anjian.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar anjian.jar create-admin <username>}: creates an administrator in a stopped app's warehouse, for
 * the first start of a real deployment or when every administrator has lost their password. The password comes
 * from the environment variable {@code ANJIAN_ADMIN_PASSWORD} if set, otherwise from the console (asked twice,
 * not echoed) or the first line of standard input; never from the command line, where {@code ps} would show it.
 * An existing user of that name is made an enabled administrator with the new password.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "anjian.cli.command", havingValue = "create-admin")
class CreateAdminCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String PASSWORD_VARIABLE = "ANJIAN_ADMIN_PASSWORD";

    private final UserAccounts accounts;
    private final AuditLog audit;
    private int exitCode;

    CreateAdminCommand(UserAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.size() != 2) {
            System.err.println("用法: create-admin <用户名>   (密码取自环境变量 " + PASSWORD_VARIABLE + " 或标准输入)");
            exitCode = 2;
            return;
        }
        String username = words.get(1);
        String password = readPassword();
        if (password == null) {
            System.err.println("没有读到密码: 请设置环境变量 " + PASSWORD_VARIABLE + " 或从标准输入提供");
            exitCode = 2;
            return;
        }
        try {
            var existing = accounts.find(username);
            if (existing.isPresent()) {
                Account a = existing.get();
                accounts.setPassword(a.id(), password);
                accounts.update(a.id(), a.displayName(), Role.ADMIN, List.of(), true);
                audit.record("cli", "USER_UPDATE", AuditLog.SUCCESS, username, "create-admin: 设为管理员并重设密码");
                System.out.println("已将 " + username + " 设为管理员并重设密码。");
            } else {
                accounts.create(username, username, password, Role.ADMIN, List.of(), "cli", false);
                audit.record("cli", "USER_CREATE", AuditLog.SUCCESS, username, "create-admin");
                System.out.println("已创建管理员 " + username + "。");
            }
        } catch (InvalidAccountException e) {
            System.err.println(e.getMessage());
            exitCode = 1;
        }
    }

    private static String readPassword() {
        String fromEnv = System.getenv(PASSWORD_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("密码 (password): ");
            char[] second = console.readPassword("再输入一次 (again): ");
            if (first == null || second == null || !new String(first).equals(new String(second))) {
                System.err.println("两次输入的密码不一致");
                return null;
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null || line.isEmpty() ? null : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
