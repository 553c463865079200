package cn.anjian.dashboard;

/**
 * The page's own words in Chinese (the default) and English ({@code ?lang=en}). Labels of data (sectors,
 * villages, metrics) come from the catalogue and reference tables, not from here.
 */
record PageText(String lang, String htmlLang, String appName, String filters, String from, String to,
                String sector, String allSectors, String headlineSectors, String otherSectors, String village,
                String allVillages, String apply, String reset, String loading, String noData, String error,
                String monthAxis, String countAxis, String saveImage, String vsLastMonth,
                String otherLanguage, String otherLanguageLang) {

    static final PageText ZH = new PageText("zh", "zh-CN", "安监数仓", "筛选", "起始月份", "截止月份",
            "行业领域", "全部行业领域", "重点领域", "其他领域", "村(社区)", "全部村(社区)", "应用", "恢复默认",
            "加载中…", "无数据", "加载失败", "月份", "隐患数(件)", "保存为图片", "较上月",
            "English", "en");

    static final PageText EN = new PageText("en", "en", "Anjian work-safety warehouse", "Filters", "From", "To",
            "Sector", "All sectors", "Headline sectors", "Other sectors", "Village", "All villages", "Apply",
            "Reset", "Loading…", "No data", "Failed to load", "Month", "Hazards", "Save as image",
            "vs last month", "中文", "zh");

    static PageText of(String lang) {
        return "en".equalsIgnoreCase(lang) ? EN : ZH;
    }
}
