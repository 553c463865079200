package cn.anjian.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import cn.anjian.assessment.Scheme.GradeBand;
import cn.anjian.assessment.Scheme.Item;
import cn.anjian.assessment.Scheme.Rows;
import cn.anjian.assessment.Scheme.Rule;
import cn.anjian.assessment.Scheme.RuleType;
import cn.anjian.assessment.Scheme.Section;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.assessment.Scheme.Veto;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Dimension;
import cn.anjian.semantic.Metric;

import org.springframework.core.io.Resource;

/**
 * Reads a scheme file and checks it against the catalogue. It works on SnakeYAML's node tree rather than plain
 * maps so every refusal names the file and the line ({@code 2023.yaml 第 14 行 (line 14): …}): the safety office
 * edits these files, and "wrong somewhere" is no help to them.
 */
class SchemeLoader {

    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");
    private static final List<GradeBand> DEFAULT_GRADES = List.of(
            new GradeBand("优秀", new BigDecimal("90"), null),
            new GradeBand("良好", new BigDecimal("80"), new BigDecimal("90")),
            new GradeBand("合格", new BigDecimal("60"), new BigDecimal("80")),
            new GradeBand("不合格", BigDecimal.ZERO.subtract(new BigDecimal("1000")), new BigDecimal("60")));

    private final Catalog catalog;

    SchemeLoader(Catalog catalog) {
        this.catalog = catalog;
    }

    Scheme load(Resource resource) {
        String file = resource.getFilename();
        try (InputStream in = resource.getInputStream()) {
            return load(file, in);
        } catch (IOException e) {
            throw new InvalidSchemeException(file, 0, "cannot be read: " + e.getMessage());
        }
    }

    Scheme load(String file, InputStream in) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .compose(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new InvalidSchemeException(file, 0, "不是有效的 YAML (not valid YAML): " + e.getMessage());
        }
        if (root == null) {
            throw new InvalidSchemeException(file, 1, "文件为空 (empty file)");
        }
        return new Reader(file).scheme(root);
    }

    /** One file's reading: carries the file name into every message. */
    private final class Reader {

        private final String file;

        Reader(String file) {
            this.file = file;
        }

        private boolean county() {
            return Scheme.isCountyFile(file);
        }

        Scheme scheme(Node root) {
            Map<String, Node> yaml = map(root, "(root)");
            int year = integer(required(yaml, root, "year"), "year");
            String expected = (county() ? "county-" : "") + year + ".yaml";
            if (file != null && file.matches("(county-)?\\d{4}\\.yaml") && !file.equals(expected)) {
                throw fail(yaml.get("year"), "year: 年度 " + year + " 与文件名不符 (the file must be named " + expected + ")");
            }
            String title = text(required(yaml, root, "title"), "title");
            BigDecimal total = yaml.containsKey("total") ? decimal(yaml.get("total"), "total") : new BigDecimal("100");
            Set<String> ids = new HashSet<>();
            List<Section> sections = new ArrayList<>();
            Node sectionsNode = required(yaml, root, "sections");
            for (Node s : list(sectionsNode, "sections")) {
                Map<String, Node> section = map(s, "sections[]");
                String id = id(required(section, s, "id"), "sections[].id");
                String sectionTitle = text(required(section, s, "title"), "sections[].title");
                List<Item> items = new ArrayList<>();
                for (Node i : list(required(section, s, "items"), "items")) {
                    items.add(item(i, id, ids));
                }
                sections.add(new Section(id, sectionTitle, List.copyOf(items)));
            }
            List<Item> bonus = new ArrayList<>();
            if (yaml.containsKey("bonus")) {
                for (Node i : list(yaml.get("bonus"), "bonus")) {
                    bonus.add(item(i, "bonus", ids));
                }
            }
            List<Veto> vetoes = new ArrayList<>();
            if (yaml.containsKey("vetoes")) {
                for (Node v : list(yaml.get("vetoes"), "vetoes")) {
                    vetoes.add(veto(v, ids));
                }
            }
            List<GradeBand> grades = yaml.containsKey("grades") ? grades(yaml.get("grades")) : DEFAULT_GRADES;
            String vetoGrade = yaml.containsKey("veto_grade") ? text(yaml.get("veto_grade"), "veto_grade")
                    : grades.get(grades.size() - 1).grade();
            Scheme scheme = new Scheme(year, file, title, total, List.copyOf(sections), List.copyOf(bonus),
                    List.copyOf(vetoes), grades, vetoGrade, null);
            for (UnitKind kind : UnitKind.assessed()) {
                BigDecimal sum = scheme.items(kind).stream().map(Item::max).reduce(BigDecimal.ZERO, BigDecimal::add);
                // a kind no item applies to is simply not assessed by this scheme
                if (!scheme.items(kind).isEmpty() && sum.compareTo(total) != 0) {
                    throw fail(sectionsNode, "sections: 适用于" + kind.zh() + "的考核项满分合计 " + sum.toPlainString()
                            + " 分，应为 " + total.toPlainString() + " 分 (items for " + kind.code() + " add up to "
                            + sum.toPlainString() + ", not " + total.toPlainString() + ")");
                }
            }
            return scheme;
        }

        private Item item(Node node, String section, Set<String> ids) {
            Map<String, Node> yaml = map(node, "item");
            String id = id(required(yaml, node, "id"), "id");
            if (!ids.add(id)) {
                throw fail(yaml.get("id"), "id: 考核项编号重复 " + id + " (duplicate id)");
            }
            String title = text(required(yaml, node, "title"), id + ".title");
            Node maxNode = required(yaml, node, "max");
            BigDecimal max = decimal(maxNode, id + ".max");
            if (max.signum() < 0) {
                throw fail(maxNode, id + ".max: 分值不能为负数 " + max.toPlainString() + " (negative maximum)");
            }
            UnitKind unit = unit(required(yaml, node, "unit"), id + ".unit");
            Metric metric = metric(required(yaml, node, "metric"), id + ".metric", unit);
            Map<String, List<String>> filters = filters(yaml.get("filters"), id + ".filters");
            String periods = null;
            if (yaml.containsKey("periods")) {
                periods = text(yaml.get("periods"), id + ".periods");
                if (catalog.dimension(periods).map(Dimension::grain).isEmpty()) {
                    throw fail(yaml.get("periods"), id + ".periods: 不是时间维度 " + periods
                            + " (use month or quarter)");
                }
            }
            Rule rule = rule(required(yaml, node, "rule"), id + ".rule", metric);
            Rows rows = rows(yaml.get("rows"), id + ".rows");
            String basis = yaml.containsKey("basis") ? text(yaml.get("basis"), id + ".basis") : null;
            String counted = yaml.containsKey("counted") ? text(yaml.get("counted"), id + ".counted")
                    : periods != null ? "个" + catalog.dimension(periods).orElseThrow().label().zh().replace("份", "")
                    : metric.unit() == null ? "" : metric.unit().zh();
            return new Item(id, title, section, max, metric.id(), filters, periods, unit, rule, rows, counted, basis);
        }

        private Veto veto(Node node, Set<String> ids) {
            Map<String, Node> yaml = map(node, "veto");
            String id = id(required(yaml, node, "id"), "id");
            if (!ids.add(id)) {
                throw fail(yaml.get("id"), "id: 编号重复 " + id + " (duplicate id)");
            }
            String title = text(required(yaml, node, "title"), id + ".title");
            UnitKind unit = unit(required(yaml, node, "unit"), id + ".unit");
            Metric metric = metric(required(yaml, node, "metric"), id + ".metric", unit);
            BigDecimal above = yaml.containsKey("above") ? decimal(yaml.get("above"), id + ".above") : BigDecimal.ZERO;
            return new Veto(id, title, metric.id(), filters(yaml.get("filters"), id + ".filters"), unit, above,
                    rows(yaml.get("rows"), id + ".rows"));
        }

        private Rule rule(Node node, String path, Metric metric) {
            Map<String, Node> yaml = map(node, path);
            String typeText = text(required(yaml, node, "type"), path + ".type");
            RuleType type = RuleType.of(typeText);
            if (type == null) {
                throw fail(yaml.get("type"), path + ".type: 未知的规则 " + typeText
                        + " (threshold | per_count_below | per_count_above | per_point_below)");
            }
            BigDecimal target = decimal(required(yaml, node, "target"), path + ".target");
            BigDecimal points = BigDecimal.ZERO;
            if (type != RuleType.THRESHOLD) {
                Node p = required(yaml, node, "points");
                points = decimal(p, path + ".points");
                if (points.signum() < 0) {
                    throw fail(p, path + ".points: 不能为负数 (negative points)");
                }
            }
            boolean ratio = metric.format() == Metric.Format.RATIO;
            if (type == RuleType.PER_POINT_BELOW && !ratio) {
                throw fail(node, path + ": per_point_below 只适用于比率指标, " + metric.id() + " 不是 (needs a ratio metric)");
            }
            return new Rule(type, target, points);
        }

        private Rows rows(Node node, String path) {
            if (node == null) {
                return null;
            }
            Map<String, Node> yaml = map(node, path);
            return new Rows(text(required(yaml, node, "dashboard"), path + ".dashboard"),
                    yaml.containsKey("panel") ? text(yaml.get("panel"), path + ".panel") : null);
        }

        private List<GradeBand> grades(Node node) {
            List<GradeBand> bands = new ArrayList<>();
            List<Node> nodes = list(node, "grades");
            if (nodes.isEmpty()) {
                throw fail(node, "grades: 至少需要一个等次 (at least one grade)");
            }
            for (Node n : nodes) {
                Map<String, Node> yaml = map(n, "grades[]");
                String grade = text(required(yaml, n, "grade"), "grades[].grade");
                BigDecimal min = yaml.containsKey("min") ? decimal(yaml.get("min"), "grades[].min")
                        : new BigDecimal("-1000");
                BigDecimal below = yaml.containsKey("below") ? decimal(yaml.get("below"), "grades[].below") : null;
                if (below != null && below.compareTo(min) <= 0) {
                    throw fail(n, "grades: " + grade + " 的区间为空 (below must exceed min)");
                }
                GradeBand band = new GradeBand(grade, min, below);
                for (int i = 0; i < bands.size(); i++) {
                    if (bands.get(i).overlaps(band)) {
                        throw fail(n, "grades: 等次 " + grade + " 与 " + bands.get(i).grade()
                                + " 的分数区间重叠 (overlapping grade bands)");
                    }
                }
                bands.add(band);
            }
            bands.sort((a, b) -> b.min().compareTo(a.min()));
            return List.copyOf(bands);
        }

        private Metric metric(Node node, String path, UnitKind unit) {
            String id = text(node, path);
            Metric metric = catalog.metric(id).orElseThrow(() -> fail(node, path + ": 指标目录中没有指标 " + id
                    + " (unknown metric)"));
            List<String> dims = catalog.dimensionsOf(metric);
            for (UnitKind kind : UnitKind.assessed()) {
                if (unit.includes(kind) && !dims.contains(kind.dimension())) {
                    throw fail(node, path + ": 指标 " + id + " 不能按" + kind.zh() + "统计 (metric has no "
                            + kind.dimension() + " dimension)");
                }
            }
            return metric;
        }

        private Map<String, List<String>> filters(Node node, String path) {
            Map<String, List<String>> filters = new LinkedHashMap<>();
            if (node == null) {
                return filters;
            }
            for (NodeTuple t : mapping(node, path).getValue()) {
                String key = text(t.getKeyNode(), path);
                if (catalog.dimension(key).filter(Dimension::coded).isEmpty()) {
                    throw fail(t.getKeyNode(), path + ": 未知的筛选条件 " + key + " (unknown filter)");
                }
                List<String> values = new ArrayList<>();
                Node v = t.getValueNode();
                if (v instanceof SequenceNode s) {
                    s.getValue().forEach(x -> values.add(text(x, path + "." + key)));
                } else {
                    values.add(text(v, path + "." + key));
                }
                filters.put(key, List.copyOf(values));
            }
            return filters;
        }

        private UnitKind unit(Node node, String path) {
            String code = text(node, path);
            UnitKind unit = UnitKind.of(code);
            if (county() && unit != UnitKind.TOWN) {
                throw fail(node, path + ": 县对乡镇考核方案的适用单位应为 town, 不是 " + code
                        + " (a county scheme scores towns only)");
            }
            if (!county() && (unit == null || unit == UnitKind.TOWN)) {
                throw fail(node, path + ": 适用单位应为 village、department 或 both, 不是 " + code
                        + (unit == UnitKind.TOWN ? " (towns are scored in county-" + "<year>.yaml)" : ""));
            }
            return unit;
        }

        private String id(Node node, String path) {
            String id = text(node, path);
            if (!ID.matcher(id).matches()) {
                throw fail(node, path + ": 编号只能用小写字母、数字和下划线 " + id + " (id must be [a-z0-9_])");
            }
            return id;
        }

        private Node required(Map<String, Node> yaml, Node parent, String key) {
            Node node = yaml.get(key);
            if (node == null) {
                throw fail(parent, "缺少 " + key + " (missing " + key + ")");
            }
            return node;
        }

        private Map<String, Node> map(Node node, String path) {
            Map<String, Node> map = new LinkedHashMap<>();
            for (NodeTuple t : mapping(node, path).getValue()) {
                map.put(text(t.getKeyNode(), path), t.getValueNode());
            }
            return map;
        }

        private MappingNode mapping(Node node, String path) {
            if (node instanceof MappingNode m) {
                return m;
            }
            throw fail(node, path + ": 应为键值表 (expected a mapping)");
        }

        private List<Node> list(Node node, String path) {
            if (node instanceof SequenceNode s) {
                return s.getValue();
            }
            throw fail(node, path + ": 应为列表 (expected a list)");
        }

        private String text(Node node, String path) {
            if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
                return s.getValue().trim();
            }
            throw fail(node, path + ": 应为非空文字 (expected text)");
        }

        private BigDecimal decimal(Node node, String path) {
            String value = text(node, path);
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw fail(node, path + ": 应为数字, 不是 " + value + " (expected a number)");
            }
        }

        private int integer(Node node, String path) {
            try {
                return decimal(node, path).intValueExact();
            } catch (ArithmeticException e) {
                throw fail(node, path + ": 应为整数 (expected a whole number)");
            }
        }

        private InvalidSchemeException fail(Node node, String message) {
            return new InvalidSchemeException(file, node == null ? 0 : node.getStartMark().getLine() + 1, message);
        }
    }

    /** A scheme file the application refuses to start with; the message names the file and the line. */
    static class InvalidSchemeException extends IllegalStateException {

        private final int line;

        InvalidSchemeException(String file, int line, String message) {
            super("dashboards/assessment/" + file + (line > 0 ? " 第 " + line + " 行 (line " + line + ")" : "")
                    + ": " + message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
