package cn.anjian.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The code lists users extend (issue #15) — sectors (with a parent), enforcement actions, hazard levels and
 * inspection types, each code with its Chinese and English name and the spellings real ledgers use — read from one
 * editable file ({@code etl/codes.yaml}) and written into the warehouse's code tables ({@code dim_sector},
 * {@code dim_enforcement_action}, {@code dim_hazard_level}, {@code dim_inspection_type} and their rows of
 * {@code code_alias}) at every start. The file is the one source of these lists: the reference SQL no longer holds
 * them, so a new sector is a few lines of YAML, no SQL and no Java. A mistake stops the start with the file and line.
 */
public final class CodeLists {

    /** Where a file's own copy is looked for when none is configured, and the copy shipped in the jar. */
    public static final String FILE = "etl/codes.yaml";

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** The lists the file holds: its key, the {@code code_alias} domain, and the codes the product's rules name. */
    public enum Kind {
        SECTORS("sectors", "sector", "行业领域", Set.of()),
        ENFORCEMENT_ACTIONS("enforcement_actions", "enforcement_action", "执法措施",
                Set.of("reminder", "warning", "penalty", "blacklist")),
        HAZARD_LEVELS("hazard_levels", "hazard_level", "隐患等级", Set.of("general", "major")),
        INSPECTION_TYPES("inspection_types", "inspection_type", "检查类型", Set.of("monthly", "double_random"));

        private final String key;
        private final String domain;
        private final String labelZh;
        private final Set<String> required;

        Kind(String key, String domain, String labelZh, Set<String> required) {
            this.key = key;
            this.domain = domain;
            this.labelZh = labelZh;
            this.required = required;
        }

        public String key() {
            return key;
        }

        /** The {@code code_alias} domain the import looks its spellings up in. */
        public String domain() {
            return domain;
        }

        private List<String> settings() {
            List<String> s = new ArrayList<>(List.of("code", "zh", "en", "aliases"));
            if (this == SECTORS) {
                s.addAll(List.of("parent", "headline"));
            }
            if (this == ENFORCEMENT_ACTIONS) {
                s.add("stage");
            }
            return s;
        }
    }

    /** The {@code code_alias} domains this file owns. */
    public static final Set<String> DOMAINS = Set.of("sector", "enforcement_action", "hazard_level",
            "inspection_type");

    /**
     * One code.
     *
     * @param parent   a sector's parent sector, or {@code null}
     * @param headline a headline sector (shown first); a sub-sector takes its parent's
     * @param stage    an enforcement action's stage of the first/second/third inspection ladder, or {@code null}
     * @param aliases  every spelling the import accepts for it: the code, the Chinese name and the file's aliases
     * @param line     where it is in the file
     */
    public record Code(String code, String zh, String en, String parent, boolean headline, Integer stage,
                       List<String> aliases, int line) {
    }

    /** A mistake in the file, with the line it is on. */
    public static final class Invalid extends IllegalStateException {
        public Invalid(String file, Integer line, String reason) {
            super("代码表文件 " + file + (line == null ? "" : " 第 " + line + " 行") + ": " + reason);
        }
    }

    private final String file;
    private final Map<Kind, List<Code>> lists;

    private CodeLists(String file, Map<Kind, List<Code>> lists) {
        this.file = file;
        this.lists = lists;
    }

    /** The file the lists came from, as the messages name it. */
    public String file() {
        return file;
    }

    public List<Code> of(Kind kind) {
        return lists.get(kind);
    }

    /** The copy shipped with the program ({@code etl/codes.yaml} on the class path). */
    public static CodeLists shipped() {
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            return parse(FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("没有找到程序自带的代码表 " + FILE, e);
        }
    }

    /** The configured file when it exists, else the shipped copy. */
    public static CodeLists load(Path configured) {
        if (configured == null || !Files.isRegularFile(configured)) {
            return shipped();
        }
        try {
            return parse(configured.toString(), Files.readString(configured, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("无法读取代码表文件 " + configured, e);
        }
    }

    /** Reads and checks a code-list file; every mistake is an {@link Invalid} naming the file and line. */
    public static CodeLists parse(String file, String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new Invalid(file, e.getProblemMark() == null ? null : e.getProblemMark().getLine() + 1,
                    "YAML 格式错误: " + e.getProblem() + "。常见原因: 缩进不齐、冒号后少了空格、引号没有闭合");
        } catch (YAMLException e) {
            throw new Invalid(file, null, "YAML 格式错误: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw new Invalid(file, root == null ? null : line(root), "应是 sectors:、enforcement_actions:、hazard_levels:、"
                    + "inspection_types: 四个列表");
        }
        Map<Kind, List<Code>> lists = new EnumMap<>(Kind.class);
        Map<Kind, Integer> listLines = new EnumMap<>(Kind.class);
        for (NodeTuple t : top.getValue()) {
            String key = scalar(file, t.getKeyNode());
            Kind kind = java.util.Arrays.stream(Kind.values()).filter(k -> k.key.equals(key)).findFirst()
                    .orElseThrow(() -> new Invalid(file, line(t.getKeyNode()), "未知的列表「" + key + "」。可用: "
                            + String.join("、", java.util.Arrays.stream(Kind.values()).map(Kind::key).toList())));
            if (lists.containsKey(kind)) {
                throw new Invalid(file, line(t.getKeyNode()), "列表 " + key + " 出现了两次");
            }
            lists.put(kind, codes(file, kind, t.getValueNode()));
            listLines.put(kind, line(t.getKeyNode()));
        }
        for (Kind kind : Kind.values()) {
            if (!lists.containsKey(kind)) {
                throw new Invalid(file, null, "缺少列表 " + kind.key + " (" + kind.labelZh + ")");
            }
            Set<String> codes = new LinkedHashSet<>();
            lists.get(kind).forEach(c -> codes.add(c.code()));
            for (String required : kind.required.stream().sorted().toList()) {
                if (!codes.contains(required)) {
                    throw new Invalid(file, listLines.get(kind), kind.labelZh + "缺少代码 " + required
                            + ": 统计口径用到它，不能删除");
                }
            }
        }
        // the ladder metrics (首查、再查、三查) count these three by their stage
        Map<String, Integer> ladder = Map.of("reminder", 1, "warning", 2, "penalty", 3);
        for (Code action : lists.get(Kind.ENFORCEMENT_ACTIONS)) {
            Integer stage = ladder.get(action.code());
            if (stage != null && !stage.equals(action.stage())) {
                throw new Invalid(file, action.line(), "执法措施 " + action.code() + " 应有 stage: " + stage
                        + " (执法阶梯的统计用到它)");
            }
        }
        lists.put(Kind.SECTORS, withParents(file, lists.get(Kind.SECTORS)));
        return new CodeLists(file, lists);
    }

    private static List<Code> codes(String file, Kind kind, Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw new Invalid(file, line(node), kind.key + " 应是列表 (每项以 “- code: …” 开头)");
        }
        List<Code> codes = new ArrayList<>();
        Map<String, Integer> codeLines = new LinkedHashMap<>();
        Map<String, String> aliasOwner = new LinkedHashMap<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                throw new Invalid(file, line(item), kind.labelZh + "的每一项应是 code: …、zh: … 的键值结构");
            }
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple t : entry.getValue()) {
                String key = scalar(file, t.getKeyNode());
                if (!kind.settings().contains(key)) {
                    throw new Invalid(file, line(t.getKeyNode()), kind.labelZh + "没有设置项「" + key + "」。可用: "
                            + String.join(", ", kind.settings()));
                }
                fields.put(key, t.getValueNode());
            }
            int at = line(entry);
            String code = text(file, fields.get("code"));
            if (code == null) {
                throw new Invalid(file, at, kind.labelZh + "缺少 code");
            }
            if (!CODE.matcher(code).matches()) {
                throw new Invalid(file, line(fields.get("code")), "代码「" + code
                        + "」只能含小写字母、数字和下划线，以字母开头，最长40个字符");
            }
            Integer first = codeLines.putIfAbsent(code, line(fields.get("code")));
            if (first != null) {
                throw new Invalid(file, line(fields.get("code")), kind.labelZh + "代码 " + code + " 重复 (第 " + first
                        + " 行已有)");
            }
            String zh = text(file, fields.get("zh"));
            if (zh == null) {
                throw new Invalid(file, at, kind.labelZh + " " + code + " 缺少中文名 zh");
            }
            String en = text(file, fields.get("en"));
            // every spelling with the line it is on: the code and the Chinese name are spellings too
            Map<String, Integer> spellings = new LinkedHashMap<>();
            spellings.put(code, line(fields.get("code")));
            spellings.putIfAbsent(zh, line(fields.get("zh")));
            Node aliasNode = fields.get("aliases");
            if (aliasNode instanceof SequenceNode list) {
                for (Node a : list.getValue()) {
                    spellings.putIfAbsent(scalar(file, a), line(a));
                }
            } else if (aliasNode != null && text(file, aliasNode) != null) {
                spellings.putIfAbsent(text(file, aliasNode), line(aliasNode));
            }
            List<String> unique = new ArrayList<>();
            for (var spelling : spellings.entrySet()) {
                String a = spelling.getKey();
                String owner = aliasOwner.putIfAbsent(a, code);
                if (owner != null && !owner.equals(code)) {
                    throw new Invalid(file, spelling.getValue(), "写法「" + a + "」同时属于" + kind.labelZh + " " + owner
                            + " (第 " + codeLines.get(owner) + " 行) 和 " + code + "，导入时无法确定是哪一个");
                }
                unique.add(a);
            }
            String parent = text(file, fields.get("parent"));
            boolean headline = bool(file, fields.get("headline"));
            Integer stage = null;
            if (fields.get("stage") != null) {
                String s = text(file, fields.get("stage"));
                if (s == null || !s.matches("[123]")) {
                    throw new Invalid(file, line(fields.get("stage")), "stage 应为 1、2 或 3 (首查、再查、三查)，而不是「"
                            + s + "」");
                }
                stage = Integer.valueOf(s);
            }
            codes.add(new Code(code, zh, en == null ? zh : en, parent, headline, stage, List.copyOf(unique),
                    line(fields.get("code"))));
        }
        return codes;
    }

    /**
     * Checks each sector's parent (a top-level sector of the file: two levels) and orders the sectors so that every
     * sub-sector follows its parent, taking the parent's headline flag.
     */
    private static List<Code> withParents(String file, List<Code> sectors) {
        Map<String, Code> byCode = new LinkedHashMap<>();
        sectors.forEach(s -> byCode.put(s.code(), s));
        for (Code s : sectors) {
            if (s.parent() == null) {
                continue;
            }
            Code parent = byCode.get(s.parent());
            if (parent == null) {
                throw new Invalid(file, s.line(), "行业领域 " + s.code() + " 的上级「" + s.parent()
                        + "」不在 sectors 中。可用: " + String.join("、", sectors.stream()
                        .filter(p -> p.parent() == null).map(Code::code).toList()));
            }
            if (parent.code().equals(s.code()) || parent.parent() != null) {
                throw new Invalid(file, s.line(), "行业领域 " + s.code() + " 的上级「" + s.parent()
                        + "」本身是子领域: 行业领域只分两级 (上级须是没有 parent 的领域)");
            }
            if (s.headline() && !parent.headline()) {
                throw new Invalid(file, s.line(), "子领域 " + s.code() + " 不能单独设为重点领域 (headline 随上级 "
                        + parent.code() + ")");
            }
        }
        List<Code> ordered = new ArrayList<>();
        for (Code top : sectors) {
            if (top.parent() != null) {
                continue;
            }
            ordered.add(top);
            for (Code child : sectors) {
                if (top.code().equals(child.parent())) {
                    ordered.add(new Code(child.code(), child.zh(), child.en(), child.parent(), top.headline(), null,
                            child.aliases(), child.line()));
                }
            }
        }
        return List.copyOf(ordered);
    }

    /**
     * Writes the lists into the code tables, in the caller's transaction: each table and its domains of
     * {@code code_alias} are replaced whole, so a code removed from the file is gone from filters and templates.
     */
    public void write(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("DELETE FROM dim_sector");
            st.execute("DELETE FROM dim_enforcement_action");
            st.execute("DELETE FROM dim_hazard_level");
            st.execute("DELETE FROM dim_inspection_type");
            st.execute("DELETE FROM code_alias WHERE domain IN ('sector', 'enforcement_action', 'hazard_level',"
                    + " 'inspection_type')");
        }
        int order = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dim_sector (sector_code, name_zh, name_en,"
                + " is_headline, sort_order, parent_code) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Code s : of(Kind.SECTORS)) {
                ps.setString(1, s.code());
                ps.setString(2, s.zh());
                ps.setString(3, s.en());
                ps.setBoolean(4, s.headline());
                ps.setInt(5, ++order);
                ps.setString(6, s.parent());
                ps.executeUpdate();
            }
        }
        order = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dim_enforcement_action (action_code, name_zh,"
                + " name_en, ladder_stage, sort_order) VALUES (?, ?, ?, ?, ?)")) {
            for (Code a : of(Kind.ENFORCEMENT_ACTIONS)) {
                ps.setString(1, a.code());
                ps.setString(2, a.zh());
                ps.setString(3, a.en());
                ps.setObject(4, a.stage());
                ps.setInt(5, ++order);
                ps.executeUpdate();
            }
        }
        plain(c, "INSERT INTO dim_hazard_level (level_code, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?)",
                of(Kind.HAZARD_LEVELS));
        plain(c, "INSERT INTO dim_inspection_type (type_code, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?)",
                of(Kind.INSPECTION_TYPES));
        List<String> values = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Code code : of(kind)) {
                for (String alias : code.aliases()) {
                    values.addAll(List.of(kind.domain, alias, code.code()));
                }
            }
        }
        // one statement for a few hundred rows: a JDBC round trip per row would cost a second at every start
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO code_alias (domain, alias, code) VALUES "
                + String.join(", ", java.util.Collections.nCopies(values.size() / 3, "(?, ?, ?)")))) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            ps.executeUpdate();
        }
    }

    private static void plain(Connection c, String sql, List<Code> codes) throws SQLException {
        int order = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Code code : codes) {
                ps.setString(1, code.code());
                ps.setString(2, code.zh());
                ps.setString(3, code.en());
                ps.setInt(4, ++order);
                ps.executeUpdate();
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String scalar(String file, Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw new Invalid(file, line(node), "此处应是一个值，而不是列表或键值结构");
        }
        return s.getValue().strip();
    }

    /** A scalar's text, {@code null} when absent or blank. */
    private static String text(String file, Node node) {
        if (node == null) {
            return null;
        }
        String v = scalar(file, node);
        return v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null") ? null : v;
    }

    private static boolean bool(String file, Node node) {
        String v = text(file, node);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "是" -> true;
            case "false", "no", "否" -> false;
            default -> throw new Invalid(file, line(node), "headline 应为 true 或 false，而不是「" + v + "」");
        };
    }
}
