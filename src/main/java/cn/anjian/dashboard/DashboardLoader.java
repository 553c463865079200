package cn.anjian.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Label;

import org.springframework.core.io.Resource;

/**
 * Reads one dashboard file into a {@link Dashboard}, checking every metric, dimension and chart type against the
 * catalogue so a typo stops the start with the file and key named, rather than showing an empty chart.
 * SafeConstructor: a dashboard file is data, never a recipe for arbitrary Java objects.
 */
class DashboardLoader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int DEFAULT_LAST_MONTHS = 12;

    private final Catalog catalog;

    DashboardLoader(Catalog catalog) {
        this.catalog = catalog;
    }

    Dashboard load(Resource resource) {
        String file = resource.getFilename();
        Object document;
        try (InputStream in = resource.getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            throw new InvalidDashboardException(file, "cannot be read as YAML: " + e.getMessage(), e);
        }
        return dashboard(file, map(file, "(root)", document));
    }

    private Dashboard dashboard(String file, Map<?, ?> yaml) {
        String id = id(file, "id", yaml.get("id"));
        Label title = label(file, "title", yaml.get("title"), true);
        Label description = label(file, "description", yaml.get("description"), false);
        Dashboard.Defaults defaults = defaults(file, yaml.get("defaults"));
        List<?> panelList = list(file, "panels", yaml.get("panels"));
        if (panelList.isEmpty()) {
            throw new InvalidDashboardException(file, "panels: at least one panel is needed");
        }
        List<Panel> panels = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < panelList.size(); i++) {
            Panel panel = panel(file, "panels[" + i + "]", map(file, "panels[" + i + "]", panelList.get(i)));
            if (!ids.add(panel.id())) {
                throw new InvalidDashboardException(file, "panels[" + i + "].id: duplicate panel id " + panel.id());
            }
            panels.add(panel);
        }
        List<String> required = strings(file, "required_filters", yaml.get("required_filters"));
        for (String filter : required) {
            requireFilter(file, "required_filters", filter);
        }
        return new Dashboard(id, title, description, defaults, List.copyOf(panels), required);
    }

    private void requireFilter(String file, String path, String filter) {
        if (catalog.dimension(filter).filter(d -> d.coded()).isEmpty()) {
            throw new InvalidDashboardException(file, path + ": unknown filter " + filter);
        }
    }

    private Map<String, List<String>> filterMap(String file, String path, Object node) {
        Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
        if (node == null) {
            return filters;
        }
        for (var e : map(file, path, node).entrySet()) {
            String key = string(file, path, e.getKey());
            requireFilter(file, path, key);
            filters.put(key, strings(file, path + "." + key, e.getValue()));
        }
        return filters;
    }

    private Dashboard.Defaults defaults(String file, Object node) {
        if (node == null) {
            return new Dashboard.Defaults(DEFAULT_LAST_MONTHS, List.of(), List.of());
        }
        Map<?, ?> yaml = map(file, "defaults", node);
        Map<String, List<String>> codes = new java.util.LinkedHashMap<>();
        for (var e : yaml.entrySet()) {
            String key = string(file, "defaults", e.getKey());
            if (!key.equals("last_months") && !key.equals("sector") && !key.equals("village")) {
                requireFilter(file, "defaults", key);
                codes.put(key, strings(file, "defaults." + key, e.getValue()));
            }
        }
        Object last = yaml.get("last_months");
        int lastMonths = last == null ? DEFAULT_LAST_MONTHS : integer(file, "defaults.last_months", last);
        if (lastMonths < 1 || lastMonths > 120) {
            throw new InvalidDashboardException(file, "defaults.last_months: must be 1 to 120, is " + lastMonths);
        }
        return new Dashboard.Defaults(lastMonths,
                strings(file, "defaults.sector", yaml.get("sector")),
                strings(file, "defaults.village", yaml.get("village")), codes);
    }

    private Panel panel(String file, String path, Map<?, ?> yaml) {
        String id = id(file, path + ".id", yaml.get("id"));
        Label title = label(file, path + ".title", yaml.get("title"), true);
        String chartCode = string(file, path + ".chart", yaml.get("chart"));
        ChartType chart = ChartType.fromCode(chartCode).orElseThrow(() -> new InvalidDashboardException(file,
                path + ".chart: unknown chart type " + chartCode));
        List<String> metrics = strings(file, path + ".metrics", yaml.get("metrics"));
        String detail = yaml.get("detail") == null ? null : string(file, path + ".detail", yaml.get("detail"));
        if (detail != null) {
            if (catalog.detail(detail).isEmpty()) {
                throw new InvalidDashboardException(file, path + ".detail: unknown detail view " + detail);
            }
            if (chart != ChartType.TABLE || !metrics.isEmpty()) {
                throw new InvalidDashboardException(file, path + ".detail: only a table panel without metrics lists a detail view");
            }
        } else if (metrics.isEmpty()) {
            throw new InvalidDashboardException(file, path + ".metrics: at least one metric is needed");
        }
        for (String metric : metrics) {
            if (catalog.metric(metric).isEmpty()) {
                throw new InvalidDashboardException(file, path + ".metrics: unknown metric " + metric);
            }
        }
        List<String> dimensions = strings(file, path + ".dimensions", yaml.get("dimensions"));
        for (String dimension : dimensions) {
            if (catalog.dimension(dimension).isEmpty()) {
                throw new InvalidDashboardException(file, path + ".dimensions: unknown dimension " + dimension);
            }
            for (String metric : metrics) {
                if (!catalog.dimensionsOf(catalog.metric(metric).orElseThrow()).contains(dimension)) {
                    throw new InvalidDashboardException(file, path + ".dimensions: metric " + metric
                            + " cannot be broken down by " + dimension);
                }
            }
        }
        List<String> sort = strings(file, path + ".sort", yaml.get("sort"));
        for (String key : sort) {
            String ref = key.startsWith("-") ? key.substring(1) : key;
            if (!metrics.contains(ref) && !dimensions.contains(ref)) {
                throw new InvalidDashboardException(file, path + ".sort: " + ref + " is not a metric or dimension of the panel");
            }
        }
        Integer limit = yaml.get("limit") == null ? null : integer(file, path + ".limit", yaml.get("limit"));
        if (limit != null && limit < 1) {
            throw new InvalidDashboardException(file, path + ".limit: must be positive");
        }
        Map<String, List<String>> filters = filterMap(file, path + ".filters", yaml.get("filters"));
        List<Panel.Comparison> compare = new ArrayList<>();
        for (String code : strings(file, path + ".compare", yaml.get("compare"))) {
            compare.add(Panel.Comparison.fromCode(code).orElseThrow(() -> new InvalidDashboardException(file,
                    path + ".compare: unknown comparison " + code + " (previous_period, same_period_last_year)")));
        }
        String sparkline = yaml.get("sparkline") == null ? null
                : string(file, path + ".sparkline", yaml.get("sparkline"));
        if (sparkline != null && catalog.dimension(sparkline).filter(d -> d.isTime()).isEmpty()) {
            throw new InvalidDashboardException(file, path + ".sparkline: not a time dimension: " + sparkline);
        }
        if ((sparkline != null || !compare.isEmpty()) && chart != ChartType.KPI) {
            throw new InvalidDashboardException(file, path + ": compare and sparkline belong to kpi panels");
        }
        if (sparkline != null) {
            for (String metric : metrics) {
                if (!catalog.dimensionsOf(catalog.metric(metric).orElseThrow()).contains(sparkline)) {
                    throw new InvalidDashboardException(file, path + ".sparkline: metric " + metric
                            + " cannot be broken down by " + sparkline);
                }
            }
        }
        Panel.Drill drill = null;
        if (yaml.get("drill") != null) {
            Map<?, ?> d = map(file, path + ".drill", yaml.get("drill"));
            drill = new Panel.Drill(id(file, path + ".drill.dashboard", d.get("dashboard")),
                    string(file, path + ".drill.filter", d.get("filter")));
            requireFilter(file, path + ".drill.filter", drill.filter());
            if (dimensions.isEmpty() || !dimensions.get(0).equals(drill.filter())) {
                throw new InvalidDashboardException(file, path + ".drill.filter: must be the panel's first dimension");
            }
        }
        String width = yaml.get("width") == null ? "half" : string(file, path + ".width", yaml.get("width"));
        if (!width.equals("half") && !width.equals("full")) {
            throw new InvalidDashboardException(file, path + ".width: full or half");
        }
        return new Panel(id, title, chart, metrics, dimensions, sort, limit, filters, List.copyOf(compare), sparkline,
                drill, detail, width);
    }

    private static String id(String file, String path, Object node) {
        String id = string(file, path, node);
        if (!ID.matcher(id).matches()) {
            throw new InvalidDashboardException(file, path + ": use lower-case letters, digits and '-': " + id);
        }
        return id;
    }

    private static Label label(String file, String path, Object node, boolean required) {
        if (node == null && !required) {
            return null;
        }
        if (node instanceof String s) {
            return Label.of(s, s);
        }
        Map<?, ?> yaml = map(file, path, node);
        for (Object key : yaml.keySet()) {
            if (!"zh".equals(key) && !"en".equals(key)) {
                // {zh: …, en: Found, rectified and closed} reads as en "Found" and a stray key "rectified and closed"
                throw new InvalidDashboardException(file, path + ": a text has only zh and en; \"" + key
                        + "\" is left over — quote a text that holds a comma: en: \"…, …\"");
            }
        }
        String zh = string(file, path + ".zh", yaml.get("zh"));
        Object en = yaml.get("en");
        String english = en == null ? null : string(file, path + ".en", en);
        if (english != null && english.strip().length() * 2 < zh.strip().length()) {
            throw new InvalidDashboardException(file, path + ".en: \"" + english + "\" looks cut short of the Chinese \""
                    + zh + "\" (quote a text that holds a comma or a colon)");
        }
        return Label.of(zh, english);
    }

    private static Map<?, ?> map(String file, String path, Object node) {
        if (node instanceof Map<?, ?> m) {
            return m;
        }
        throw new InvalidDashboardException(file, path + ": expected a mapping");
    }

    private static List<?> list(String file, String path, Object node) {
        if (node instanceof List<?> l) {
            return l;
        }
        throw new InvalidDashboardException(file, path + ": expected a list");
    }

    private static List<String> strings(String file, String path, Object node) {
        if (node == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Object item : list(file, path, node)) {
            values.add(string(file, path, item));
        }
        return List.copyOf(values);
    }

    private static String string(String file, String path, Object node) {
        if (node instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        throw new InvalidDashboardException(file, path + ": expected a non-empty text");
    }

    private static int integer(String file, String path, Object node) {
        if (node instanceof Integer i) {
            return i;
        }
        throw new InvalidDashboardException(file, path + ": expected a whole number");
    }

    /** A dashboard file that cannot be used; stops the start with the file and the key named. */
    static class InvalidDashboardException extends IllegalStateException {

        InvalidDashboardException(String file, String message) {
            super("dashboards/" + file + ": " + message);
        }

        InvalidDashboardException(String file, String message, Throwable cause) {
            super("dashboards/" + file + ": " + message, cause);
        }
    }
}
