package cn.anjian.etl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one kind of ledger maps onto a record type (issue #4): for each canonical field the ledger's column names
 * (aliases), fields with a constant value, value synonyms per field, a natural key derived from chosen columns when
 * the ledger has none, whether a cell of numbered hazards is split into one record each, which sheets to read, and
 * which of two rows with the same key wins. Built-in profiles exist for our own templates (generated from
 * {@link ImportKind}); others are YAML files in {@code etl/mappings/}, written without Java.
 *
 * @param name       file name without .yaml; shown to the user and stored with the import
 * @param title      what the ledger is, in Chinese
 * @param kind       the record type its rows are
 * @param columns    field → column names that may hold it (normalized comparison: spaces, full-width forms)
 * @param constants  field → a value every record gets (e.g. the sector of a construction ledger)
 * @param values     field → (synonym → value the warehouse understands: a code or one of its known aliases)
 * @param keyPrefix  prefix of derived natural keys
 * @param keyColumns ledger columns whose values make the derived key; empty when the ledger has a key column
 * @param splitField field whose cell may hold several numbered items ({@code 1.… 2.…}); null: never split
 * @param sheets     sheet names to read; empty: every sheet that has a matching header row
 * @param keepLast   two rows with the same key: the later one wins (a newer copy of the record) instead of a reject
 * @param template   whether this is the built-in profile of our own template (CSV files may take the fast path)
 * @param where      ledger column → the values a row must hold there to be read (a mixed list's 整改通知单 rows);
 *                   other rows are skipped and counted, not rejected; empty: every row
 * @param period     the ledger's year ({@code 2025}) or month ({@code 2025-08}) for dates written without them
 *                   ({@code 8月20日}, {@code 20号}) when the sheet's title does not say; null: none
 * @param regionPrefixes texts stripped from the front of a village name before it is looked up (中铁十局 …)
 */
record MappingProfile(String name, String title, ImportKind kind, Map<String, List<String>> columns,
                      Map<String, String> constants, Map<String, Map<String, String>> values, String keyPrefix,
                      List<String> keyColumns, String splitField, List<String> sheets, boolean keepLast,
                      boolean template, Map<String, List<String>> where, String period,
                      List<String> regionPrefixes) {

    /** Field → alias-map session variable domain, for fields whose values are codes. */
    static final Map<String, String> VALUE_DOMAINS = Map.ofEntries(
            Map.entry("sector", "sector"), Map.entry("department", "department"),
            Map.entry("inspection_type", "inspection_type"), Map.entry("action", "enforcement_action"),
            Map.entry("hazard_level", "hazard_level"), Map.entry("status", "hazard_status"),
            Map.entry("scale", "scale"), Map.entry("accident_level", "accident_level"),
            Map.entry("region_level", "region_level"), Map.entry("village", "region"),
            Map.entry("person_role", "training_role"), Map.entry("training_type", "training_type"),
            Map.entry("channel", "tipoff_channel"), Map.entry("duty_type", "head_duty"),
            Map.entry("household_type", "household_type"), Map.entry("event_kind", "publicity_kind"),
            Map.entry("progress", "task_status"));

    /** The profile of our own template for a record type: template headers and English field names. */
    static MappingProfile template(ImportKind kind) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (ImportKind.Column c : kind.columns()) {
            List<String> names = new ArrayList<>(List.of(c.header(), c.field()));
            names.addAll(c.aliases());
            columns.put(c.field(), List.copyOf(names));
        }
        return new MappingProfile("template-" + kind.code(), kind.labelZh() + "台账 (标准模板)", kind, columns, Map.of(),
                Map.of(), null, List.of(), null, List.of(), false, true, Map.of(), null, List.of());
    }

    /** The natural key field of the record type (the first template column). */
    String keyField() {
        return LoadPlans.of(kind).key().equals("enterprise_code") ? null : kind.columns().get(0).field();
    }

    /** The key "column" that stands for the ledger file and line: identical lines stay separate records. */
    static final String FILE_ROW = "file_row";

    /** Whether the derived key includes the file and line ({@code key: [file_row]}). */
    boolean keysOnFileRow() {
        return keyColumns.contains(FILE_ROW);
    }

    boolean derivesKey() {
        return !keyColumns.isEmpty();
    }

    /** Fields a header row must place for this profile to match: required fields not given otherwise. */
    List<ImportKind.Column> requiredColumns() {
        List<ImportKind.Column> required = new ArrayList<>();
        for (ImportKind.Column c : kind.columns()) {
            if (c.required() && !constants.containsKey(c.field())
                    && !(derivesKey() && c.field().equals(keyField()))) {
                required.add(c);
            }
        }
        return required;
    }

    /** The settings a profile file may have. */
    static final List<String> SETTINGS = List.of("title", "kind", "columns", "constants", "values", "key", "split",
            "sheets", "duplicates", "where", "year", "region_prefixes");

    /**
     * A mistake in a profile file: the reason, the text in the file it is about (to find its line) and, for a field
     * name, the names that are valid.
     */
    static final class Invalid extends IllegalArgumentException {
        final String near;
        final List<String> validFields;

        Invalid(String reason, String near, List<String> validFields) {
            super(reason);
            this.near = near;
            this.validFields = validFields == null ? List.of() : List.copyOf(validFields);
        }
    }

    /** Builds a profile from a parsed YAML document; every mistake is an {@link Invalid} naming what it is about. */
    static MappingProfile fromYaml(String name, Object document) {
        if (document == null) {
            throw new Invalid("文件是空的", null, null);
        }
        if (!(document instanceof Map<?, ?> raw)) {
            throw new Invalid("映射方案应是 设置项: 值 的键值结构 (title、kind、columns …)", null, null);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        raw.forEach((k, v) -> doc.put(String.valueOf(k), v));
        for (String setting : doc.keySet()) {
            if (!SETTINGS.contains(setting)) {
                throw new Invalid("未知的设置项「" + setting + "」。可用的设置项: " + String.join(", ", SETTINGS), setting, null);
            }
        }
        String kindCode = string(doc.get("kind"));
        ImportKind kind = ImportKind.fromCode(kindCode).filter(ImportKind::ledger).orElseThrow(() -> new Invalid(
                "kind 应为 " + String.join("、", ImportKind.ledgers().stream().map(ImportKind::code)
                        .toList()) + " 之一，而不是「" + kindCode + "」",
                kindCode == null ? "kind" : kindCode, null));
        Map<String, List<String>> columns = new LinkedHashMap<>();
        section(doc, "columns").forEach((field, aliases) -> {
            field(kind, field);
            columns.put(field, strings(aliases));
        });
        Map<String, String> constants = new LinkedHashMap<>();
        section(doc, "constants").forEach((field, value) -> {
            field(kind, field);
            constants.put(field, string(value));
        });
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        section(doc, "values").forEach((f, targets) -> {
            field(kind, f);
            if (!VALUE_DOMAINS.containsKey(f)) {
                throw new Invalid("字段 " + f + " 不是代码字段，不能设同义词。可设同义词的字段: "
                        + String.join(", ", VALUE_DOMAINS.keySet().stream().sorted().toList()), f, null);
            }
            Map<String, String> synonyms = new LinkedHashMap<>();
            section(Map.of(f, targets), f).forEach((target, aliases) -> {
                for (String alias : strings(aliases)) {
                    synonyms.put(alias, string(target));
                }
            });
            values.put(f, synonyms);
        });
        // key: {prefix: TL-, columns: [...]} or the short form key: [列, …] (key: [file_row]: the file and line)
        Map<String, Object> key = doc.get("key") instanceof List<?> list ? Map.of("columns", list) : section(doc, "key");
        Map<String, Object> split = section(doc, "split");
        String splitField = string(split.get("field"));
        if (splitField != null) {
            field(kind, splitField);
        }
        Object sheets = doc.get("sheets");
        List<String> sheetNames = sheets == null || "all".equals(String.valueOf(sheets).toLowerCase(Locale.ROOT))
                ? List.of() : strings(sheets);
        String duplicates = string(doc.getOrDefault("duplicates", "reject"));
        if (!List.of("reject", "last").contains(duplicates)) {
            throw new Invalid("duplicates 应为 reject 或 last，而不是「" + duplicates + "」", duplicates, null);
        }
        // where: {文书类型: 整改通知单} or {文书类型: [整改通知单, 责令限期整改指令书]}: only such rows are records
        Map<String, List<String>> where = new LinkedHashMap<>();
        section(doc, "where").forEach((column, accepted) -> {
            if (accepted instanceof Map<?, ?>) {
                throw new Invalid("where 中列「" + column + "」的取值应是一个值或值的列表，如 " + column
                        + ": 整改通知单", column, null);
            }
            List<String> list = strings(accepted).stream().filter(v -> v != null && !v.isBlank()).toList();
            if (list.isEmpty()) {
                throw new Invalid("where 中列「" + column + "」没有写取值: 写上要读取的行在这一列的值，如 " + column
                        + ": 整改通知单", column, null);
            }
            where.put(column, list);
        });
        String title = string(doc.getOrDefault("title", name));
        String period = string(doc.get("year"));
        if (period != null && !period.matches("(19|20)[0-9]{2}(-(0?[1-9]|1[0-2]))?")) {
            throw new Invalid("year 应写作年份 (如 2025) 或年月 (如 2025-08)，而不是「" + period + "」", period, null);
        }
        if (period != null && period.matches("[0-9]{4}-[0-9]")) {
            period = period.replace("-", "-0");
        }
        return new MappingProfile(name, title, kind, columns, constants, values,
                string(key.getOrDefault("prefix", "")), strings(key.getOrDefault("columns", List.of())), splitField,
                sheetNames, "last".equals(duplicates), false, java.util.Collections.unmodifiableMap(where), period,
                strings(doc.get("region_prefixes")).stream().filter(x -> x != null && !x.isBlank()).toList());
    }

    /** A setting that must be a map (absent: empty). */
    private static Map<String, Object> section(Map<String, Object> doc, String setting) {
        Object value = doc.get(setting);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Invalid(setting + " 应是键值结构 (每行 名称: 值)，而不是「" + value + "」", setting, null);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        map.forEach((k, v) -> section.put(String.valueOf(k), v));
        return section;
    }

    private static void field(ImportKind kind, String field) {
        if (kind.columns().stream().noneMatch(c -> c.field().equals(field))) {
            List<String> valid = kind.columns().stream().map(ImportKind.Column::field).toList();
            throw new Invalid(kind.labelZh() + "没有字段「" + field + "」。可用字段: " + String.join(", ", valid), field, valid);
        }
    }

    private static String string(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> list) {
            return list.stream().map(MappingProfile::string).toList();
        }
        return List.of(string(o));
    }
}
