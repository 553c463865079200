package cn.anjian.shell;

import java.util.Arrays;
import java.util.Optional;

import cn.anjian.semantic.Label;

/**
 * The pages of the menu that are not dashboards. Their paths are routes in code, so they are declared here; the
 * menu file only orders them. {@code adminOnly} mirrors the security configuration's URL rules, so nobody is shown
 * a link that answers 403.
 */
enum ShellPage {

    CAMPAIGN("campaign", "/dashboards/campaign", Label.of("专项行动进度", "Campaign status"), false),
    ASSESSMENT("assessment", "/assessment", Label.of("年度考核", "Assessment"), false),
    REPORTS("reports", "/reports", Label.of("统计报表", "Reports"), false),
    IMPORTS("imports", "/imports", Label.of("导入台账", "Imports"), true),
    EXPORTS("exports", "/admin/exports", Label.of("导出记录", "Export log"), true),
    USERS("users", "/admin/users", Label.of("用户管理", "Users"), true),
    AUDIT("audit", "/admin/audit", Label.of("审计日志", "Audit log"), true);

    private final String key;
    private final String href;
    private final Label title;
    private final boolean adminOnly;

    ShellPage(String key, String href, Label title, boolean adminOnly) {
        this.key = key;
        this.href = href;
        this.title = title;
        this.adminOnly = adminOnly;
    }

    static Optional<ShellPage> of(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    static String keys() {
        return String.join(", ", Arrays.stream(values()).map(p -> p.key).toList());
    }

    String href() {
        return href;
    }

    Label title() {
        return title;
    }

    boolean adminOnly() {
        return adminOnly;
    }
}
