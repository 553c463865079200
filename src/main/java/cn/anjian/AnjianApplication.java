package cn.anjian;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * 安监数仓: township work-safety supervision warehouse. Started without arguments it serves the dashboards; started
 * as {@code import <kind> <file>…} it imports ledgers into the warehouse of a stopped app and exits, and as
 * {@code create-admin <username>} it creates an administrator (DuckDB admits one process per file, so commands only
 * work while the web app is down).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnjianApplication {

    private static final Set<String> COMMANDS = Set.of("import", "withdraw", "create-admin");

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AnjianApplication.class);
        boolean command = args.length > 0 && COMMANDS.contains(args[0]);
        if (command) {
            app.setWebApplicationType(WebApplicationType.NONE);
            Map<String, Object> defaults = new HashMap<>();
            defaults.put("anjian.cli.command", args[0]);
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
            throw e;
        }
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
