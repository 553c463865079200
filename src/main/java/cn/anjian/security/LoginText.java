package cn.anjian.security;

/** The login and setup pages' words in Chinese (default) and English ({@code ?lang=en}). */
record LoginText(String lang, String htmlLang, String appName, String title, String username, String password,
                 String signIn, String badCredentials, String locked, String disabled, String loggedOut,
                 String expired, String demoTitle, String demoNote, String role, String scope, String allRegions,
                 String setupTitle, String setupNote, String password2, String displayName, String create,
                 String otherLanguage, String otherLanguageLang) {

    static final LoginText ZH = new LoginText("zh", "zh-CN", "安监数仓", "登录", "用户名", "密码", "登录",
            "用户名或密码错误。", "登录失败次数过多，账号已临时锁定，请稍后再试。", "账号已停用，请联系管理员。",
            "已退出登录。", "会话已失效，请重新登录。", "演示账号",
            "以下账号仅用于演示数据，正式部署中不存在。", "角色", "范围", "全部", "创建首个管理员",
            "本链接只能使用一次；创建管理员后即失效。", "确认密码", "姓名", "创建", "English", "en");

    static final LoginText EN = new LoginText("en", "en", "Anjian work-safety warehouse", "Sign in", "Username",
            "Password", "Sign in", "Wrong username or password.",
            "Too many failed attempts: this account is locked for a while.", "This account is disabled.",
            "You have signed out.", "Your session has ended; please sign in again.", "Demo accounts",
            "These accounts exist only with the demo data, never in a real deployment.", "Role", "Scope", "all",
            "Create the first administrator", "This link works once; it expires when the administrator exists.",
            "Repeat password", "Name", "Create", "中文", "zh");

    static LoginText of(String lang) {
        return "en".equalsIgnoreCase(lang) ? EN : ZH;
    }
}
