package cn.anjian.campaign;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import cn.anjian.campaign.Campaign.Measure;
import cn.anjian.campaign.Campaign.Period;
import cn.anjian.campaign.Campaign.Unit;
import cn.anjian.campaign.Campaign.UnitKind;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Metric;

/**
 * Reads a campaign file and checks every name in it: metrics, filters and detail views against the catalogue, the
 * responsible units against the departments of the reference data. A mistake stops the start with the file and line
 * ({@code dashboards/campaigns/2023-三个狠抓.yaml 第 40 行 (line 40): …}), like a dashboard or a scheme.
 *
 * <p>Walks SnakeYAML's node tree (which keeps line numbers) rather than binding to records: the checks need the line
 * of the very value that is wrong, which a data binder does not keep.
 */
final class CampaignLoader {

    /** Words of the task table that name every village, or every member unit of the safety committee. */
    static final String ALL_VILLAGES = "各村(社区)";
    static final String ALL_DEPARTMENTS = "安委会各成员单位";

    private final Catalog catalog;
    /** Department name or code → code. */
    private final Map<String, String> departments;
    private String file;

    CampaignLoader(Catalog catalog, Map<String, String> departments) {
        this.catalog = catalog;
        this.departments = departments;
    }

    Campaign load(Resource resource) {
        file = "dashboards/campaigns/" + resource.getFilename();
        Node root;
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + ": 不是有效的 YAML (not valid YAML): " + e.getMessage(), e);
        }
        MappingNode doc = map(root, "文件");
        String id = text(doc, "id", true);
        String expected = resource.getFilename().replaceFirst("\\.ya?ml$", "");
        if (!id.equals(expected)) {
            throw error(value(doc, "id"), "id 应与文件名一致: " + expected);
        }
        YearMonth from = month(doc, "from");
        YearMonth to = month(doc, "to");
        if (from.isAfter(to)) {
            throw error(value(doc, "to"), "to 早于 from");
        }
        List<Campaign.Pillar> pillars = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Node p : list(doc, "pillars")) {
            MappingNode pillar = map(p, "pillars 的一项");
            List<Campaign.Section> sections = new ArrayList<>();
            for (Node s : list(pillar, "sections")) {
                MappingNode section = map(s, "sections 的一项");
                List<Campaign.Task> tasks = new ArrayList<>();
                for (Node t : list(section, "tasks")) {
                    Campaign.Task task = task(map(t, "tasks 的一项"));
                    if (!ids.add(task.id())) {
                        throw error(value((MappingNode) t, "id"), "任务编号 " + task.id() + " 重复");
                    }
                    tasks.add(task);
                }
                sections.add(new Campaign.Section(text(section, "no", true), text(section, "title", true),
                        List.copyOf(tasks)));
            }
            pillars.add(new Campaign.Pillar(text(pillar, "no", true), text(pillar, "title", true),
                    List.copyOf(sections)));
        }
        return new Campaign(id, file, text(doc, "title", true), text(doc, "document", false), from, to,
                List.copyOf(pillars));
    }

    private Campaign.Task task(MappingNode node) {
        String id = text(node, "id", true);
        if (!id.matches("[0-9a-z.\\-]{1,20}")) {
            throw error(value(node, "id"), "任务编号只能含数字、小写字母、点和横线: " + id);
        }
        String responsible = text(node, "responsible", true);
        List<Unit> units = node(node, "units") == null ? units(responsible, value(node, "responsible"))
                : explicitUnits(node);
        if (units.isEmpty()) {
            throw error(value(node, "responsible"), "任务 " + id + " 没有可识别的责任单位 (可用 units 指定)");
        }
        List<Measure> measures = new ArrayList<>();
        for (Node m : list(node, "measures")) {
            measures.add(measure(map(m, "measures 的一项")));
        }
        if (measures.isEmpty()) {
            throw error(node, "任务 " + id + " 没有衡量方式 (measures)");
        }
        return new Campaign.Task(id, text(node, "no", true), text(node, "text", true), responsible, List.copyOf(units),
                List.copyOf(measures));
    }

    /** The responsible units of the table's wording: 各村(社区)、安委会各成员单位监督企业落实, 城建办、农综站、安监所 … */
    private List<Unit> units(String responsible, Node where) {
        List<Unit> units = new ArrayList<>();
        for (String word : responsible.split("[、,，]")) {
            String w = word.strip().replaceFirst("(监督企业落实|落实)$", "").replaceFirst("等部门$", "").strip();
            if (w.isEmpty()) {
                continue;
            }
            if (w.equals(ALL_VILLAGES)) {
                units.add(new Unit(UnitKind.VILLAGE, null));
            } else if (w.equals(ALL_DEPARTMENTS)) {
                departments.values().stream().distinct().forEach(d -> units.add(new Unit(UnitKind.DEPARTMENT, d)));
            } else if (departments.containsKey(w)) {
                units.add(new Unit(UnitKind.DEPARTMENT, departments.get(w)));
            } else {
                throw error(where, "未知的责任单位「" + w + "」(可写 " + ALL_VILLAGES + "、" + ALL_DEPARTMENTS
                        + " 或部门名称，或用 units 指定)");
            }
        }
        return units.stream().distinct().toList();
    }

    private List<Unit> explicitUnits(MappingNode node) {
        List<Unit> units = new ArrayList<>();
        for (Node n : list(node, "units")) {
            String w = scalar(n, "units 的一项");
            if (w.equals(ALL_VILLAGES)) {
                units.add(new Unit(UnitKind.VILLAGE, null));
            } else if (departments.containsKey(w)) {
                units.add(new Unit(UnitKind.DEPARTMENT, departments.get(w)));
            } else {
                throw error(n, "未知的责任单位「" + w + "」");
            }
        }
        return units;
    }

    private Measure measure(MappingNode node) {
        if ("true".equals(text(node, "progress", false))) {
            return Measure.byProgress();
        }
        String metricId = text(node, "metric", true);
        Metric metric = catalog.metric(metricId).orElseThrow(() -> error(value(node, "metric"),
                "指标目录中没有指标 " + metricId + " (unknown metric)"));
        String targetText = text(node, "target", true);
        BigDecimal target;
        try {
            target = new BigDecimal(targetText);
        } catch (NumberFormatException e) {
            throw error(value(node, "target"), "target 应为数字: " + targetText);
        }
        String periodText = text(node, "period", true);
        Period period;
        try {
            period = Period.valueOf(periodText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(value(node, "period"), "period 应为 month、quarter、half 或 year: " + periodText);
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        Node f = node(node, "filters");
        if (f != null) {
            for (NodeTuple t : map(f, "filters").getValue()) {
                String dim = scalar(t.getKeyNode(), "筛选");
                if (catalog.dimension(dim).isEmpty() || catalog.filters().stream().noneMatch(d -> d.id().equals(dim))) {
                    throw error(t.getKeyNode(), "指标目录中没有筛选 " + dim + " (unknown filter)");
                }
                if (!catalog.dimensionsOf(metric).contains(dim)) {
                    throw error(t.getKeyNode(), "指标 " + metricId + " 不能按 " + dim + " 筛选");
                }
                List<String> codes = new ArrayList<>();
                for (Node c : seq(t.getValueNode(), dim)) {
                    codes.add(scalar(c, dim));
                }
                filters.put(dim, List.copyOf(codes));
            }
        }
        String rows = text(node, "rows", false);
        if (rows != null && catalog.detail(rows).isEmpty()) {
            throw error(value(node, "rows"), "指标目录中没有明细视图 " + rows + " (unknown detail view)");
        }
        return new Measure(false, metricId, target, period, Map.copyOf(filters),
                "true".equals(text(node, "at_most", false)), rows);
    }

    // ------------------------------------------------------------------ node helpers

    private YearMonth month(MappingNode node, String key) {
        String t = text(node, key, true);
        try {
            return YearMonth.parse(t);
        } catch (DateTimeParseException e) {
            throw error(value(node, key), key + " 应写作 2023-01: " + t);
        }
    }

    private MappingNode map(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + "应是键值结构");
    }

    private List<Node> list(MappingNode node, String key) {
        Node n = node(node, key);
        if (n == null) {
            throw error(node, "缺少 " + key);
        }
        return seq(n, key);
    }

    private List<Node> seq(Node n, String key) {
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        throw error(n, key + " 应是列表");
    }

    private static Node node(MappingNode node, String key) {
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static Node value(MappingNode node, String key) {
        Node n = node(node, key);
        return n == null ? node : n;
    }

    private String text(MappingNode node, String key, boolean required) {
        Node n = node(node, key);
        if (n == null || (n instanceof ScalarNode s && s.getValue().isBlank())) {
            if (required) {
                throw error(node, "缺少 " + key);
            }
            return null;
        }
        return scalar(n, key).strip();
    }

    private String scalar(Node n, String what) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(n, what + " 应是一个值");
    }

    private IllegalStateException error(Node node, String message) {
        int line = node.getStartMark().getLine() + 1;
        return new IllegalStateException(file + " 第 " + line + " 行 (line " + line + "): " + message);
    }
}
