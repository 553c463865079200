package cn.anjian.dashboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's own words in Chinese (the default) and English ({@code ?lang=en}). Labels of data (sectors,
 * villages, metrics, dashboard titles) come from the catalogue, the reference tables and the dashboard files, not
 * from here. The template reads single words with {@link #w}; the script gets them all as one JSON attribute.
 *
 * @param lang      {@code zh} or {@code en}
 * @param htmlLang  the page's {@code lang} attribute
 * @param otherLang the language the switch leads to
 * @param words     key → text
 */
record PageText(String lang, String htmlLang, String otherLang, Map<String, String> words) {

    private static final String[][] WORDS = {
            // key, zh, en
            {"breadcrumb", "当前位置", "You are here"},
            {"filters", "筛选", "Filters"},
            {"from", "起始月份", "From"},
            {"to", "截止月份", "To"},
            {"quickPicks", "快捷时间", "Quick ranges"},
            {"thisMonth", "本月", "This month"},
            {"thisQuarter", "本季度", "This quarter"},
            {"thisYear", "本年", "This year"},
            {"last12", "近12个月", "Last 12 months"},
            {"grain", "时间粒度", "Time grain"},
            {"grain.day", "日", "Day"},
            {"grain.week", "周", "Week"},
            {"grain.month", "月", "Month"},
            {"grain.quarter", "季", "Quarter"},
            {"grain.year", "年", "Year"},
            {"sector", "行业领域", "Sector"},
            {"allSectors", "全部行业领域", "All sectors"},
            {"headlineSectors", "重点领域", "Headline sectors"},
            {"otherSectors", "其他领域", "Other sectors"},
            {"town", "乡镇(街道)", "Town"},
            {"allTowns", "全部乡镇(街道)", "All towns"},
            {"village", "村(社区)", "Village"},
            {"allVillages", "全部村(社区)", "All villages"},
            {"level", "隐患等级", "Hazard level"},
            {"allLevels", "全部等级", "All levels"},
            {"department", "责任单位", "Department"},
            {"allDepartments", "全部责任单位", "All departments"},
            {"enterprise", "企业", "Enterprise"},
            {"all", "全部", "All"},
            {"period", "时间范围", "Period"},
            {"periodTo", "至", "to"},
            {"asOf", "数据截至", "Data as of"},
            {"apply", "应用", "Apply"},
            {"reset", "恢复默认", "Reset"},
            {"loading", "加载中…", "Loading…"},
            {"noData", "无数据", "No data"},
            {"empty.filtered", "所选时间范围内有数据，但都被当前筛选条件排除了", "The range has data, but the filters leave all of it out"},
            {"empty.range", "所选时间范围内没有数据", "No data in the chosen range"},
            {"empty.span", "有数据的月份：{0} 至 {1}", "Months with data: {0} to {1}"},
            {"empty.panel", "所选时间范围内没有本图统计的这类记录", "The range holds no records of the kind this chart counts"},
            {"empty.none", "还没有数据：请先导入台账", "No data yet: import the ledgers first"},
            {"openedOnData", "默认时间范围 ({0} 至 {1}) 内没有数据，已打开有数据的最近 {4} 个月：{2} 至 {3}。",
                    "The default range ({0} to {1}) holds no data; showing the latest {4} months with data: {2} to {3}."},
            {"error", "加载失败", "Failed to load"},
            {"unsupported", "不支持的图表类型", "Unsupported chart type"},
            {"saveImage", "保存为图片", "Save as image"},
            {"vsPrevious", "较上期", "vs previous period"},
            {"vsYearAgo", "较去年同期", "vs same period last year"},
            {"notComparable", "无可比数据", "no comparison"},
            {"monthUnderWay", "本月未完，按整月统计的指标月末后再比较", "month under way: compared once the month is over"},
            {"sameDaysUntil", "同期截至", "same days, to"},
            {"drillHint", "点击查看详情", "Click for details"},
            {"sortHint", "点击列标题排序", "Click a column heading to sort"},
            {"noscript", "需要启用 JavaScript 才能显示图表。", "Charts need JavaScript."},
            {"pick.village", "请选择要查看的村(社区)", "Choose a village to open"},
            {"pick.enterprise", "请选择要查看的企业", "Choose an enterprise to open"},
            {"pick.search", "按名称或统一社会信用代码查找", "Find by name or credit code"},
            {"pick.find", "查找", "Find"},
            {"pick.none", "没有可查看的对象", "Nothing to open"},
            {"pick.more", "只列出前 {0} 个，请输入名称缩小范围", "Only the first {0} are listed; type a name to narrow"},
    };

    static final PageText ZH = of(1, "zh", "zh-CN", "en");
    static final PageText EN = of(2, "en", "en", "zh");

    static PageText of(String lang) {
        return "en".equalsIgnoreCase(lang) ? EN : ZH;
    }

    /** One word; the key itself when missing, so a typo shows on the page instead of failing it. */
    public String w(String key) {
        return words.getOrDefault(key, key);
    }

    /** One word with its {@code {0}}, {@code {1}} … replaced by the arguments, in order. */
    public String format(String key, Object... args) {
        String result = w(key);
        for (int i = 0; i < args.length; i++) {
            result = result.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return result;
    }

    private static PageText of(int column, String lang, String htmlLang, String otherLang) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String[] row : WORDS) {
            words.put(row[0], row[column]);
        }
        return new PageText(lang, htmlLang, otherLang, Collections.unmodifiableMap(words));
    }
}
