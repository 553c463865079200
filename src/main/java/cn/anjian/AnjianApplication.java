package cn.anjian;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * 安监数仓: township work-safety supervision warehouse. Started without arguments it serves the dashboards; started
 * as {@code import <kind> <file>…} it imports ledgers (or report packages) into the warehouse of a stopped app and
 * exits, as {@code package --from=… --to=…} it writes the town's report package, and as
 * {@code create-admin <username>} it creates an administrator (DuckDB admits one process per file, so commands only
 * work while the web app is down).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnjianApplication {

    /** Where a command's log goes (its console shows only results and reasons, unless --debug). */
    static final String CLI_LOG = "./data/logs/anjian-cli.log";

    private static final Set<String> COMMANDS = Set.of("import", "withdraw", "package", "create-admin");

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AnjianApplication.class);
        boolean command = args.length > 0 && COMMANDS.contains(args[0]);
        boolean debug = Arrays.asList(args).contains("--debug");
        if (command) {
            app.setWebApplicationType(WebApplicationType.NONE);
            Map<String, Object> defaults = new HashMap<>();
            defaults.put("anjian.cli.command", args[0]);
            if (!debug) {
                // a command prints its own results and reasons; the log (stack traces included) goes to a file
                defaults.put("logging.threshold.console", "OFF");
                defaults.put("logging.file.name", CLI_LOG);
                app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
            }
            app.setDefaultProperties(defaults);
        }
        try {
            var context = app.run(args);
            if (command) {
                System.exit(SpringApplication.exit(context));
            }
        } catch (RuntimeException e) {
            if (command && isLocked(e)) {
                System.err.println("数据仓库文件正被另一个进程使用 (应用是否正在运行?)。请先停止应用，"
                        + "或在运行中的应用里操作 (上传页面、用户管理页面)。");
                System.exit(3);
            }
            if (command && !debug) {
                System.err.println("命令未能完成: " + rootMessage(e) + " (详情见日志 " + CLI_LOG + "，或加 --debug 重新运行)");
                System.exit(1);
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static boolean isLocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Could not set lock")) {
                return true;
            }
        }
        return false;
    }
}
