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
 */
record MappingProfile(String name, String title, ImportKind kind, Map<String, List<String>> columns,
                      Map<String, String> constants, Map<String, Map<String, String>> values, String keyPrefix,
                      List<String> keyColumns, String splitField, List<String> sheets, boolean keepLast,
                      boolean template) {

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
            columns.put(c.field(), List.of(c.header(), c.field()));
        }
        return new MappingProfile("template-" + kind.code(), kind.labelZh() + "台账 (标准模板)", kind, columns, Map.of(),
                Map.of(), null, List.of(), null, List.of(), false, true);
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

    /** Builds a profile from a parsed YAML document; every mistake is reported in terms of the file. */
    @SuppressWarnings("unchecked")
    static MappingProfile fromYaml(String name, Map<String, Object> doc) {
        String where = "映射方案 " + name + ".yaml";
        if (doc == null) {
            throw new IllegalArgumentException(where + " 是空文件");
        }
        String kindCode = string(doc.get("kind"));
        ImportKind kind = ImportKind.fromCode(kindCode).orElseThrow(() -> new IllegalArgumentException(
                where + ": kind 应为 " + String.join("、", java.util.Arrays.stream(ImportKind.values())
                        .map(ImportKind::code).toList()) + " 之一，而不是 " + kindCode));
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Object> rawColumns = (Map<String, Object>) doc.getOrDefault("columns", Map.of());
        for (Map.Entry<String, Object> e : rawColumns.entrySet()) {
            field(kind, e.getKey(), where);
            columns.put(e.getKey(), strings(e.getValue()));
        }
        Map<String, String> constants = new LinkedHashMap<>();
        ((Map<String, Object>) doc.getOrDefault("constants", Map.of())).forEach((k, v) -> {
            field(kind, k, where);
            constants.put(k, string(v));
        });
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        ((Map<String, Object>) doc.getOrDefault("values", Map.of())).forEach((f, targets) -> {
            field(kind, f, where);
            if (!VALUE_DOMAINS.containsKey(f)) {
                throw new IllegalArgumentException(where + ": 字段 " + f + " 不是代码字段，不能设同义词");
            }
            Map<String, String> synonyms = new LinkedHashMap<>();
            ((Map<String, Object>) targets).forEach((target, aliases) -> {
                for (String alias : strings(aliases)) {
                    synonyms.put(alias, string(target));
                }
            });
            values.put(f, synonyms);
        });
        // key: {prefix: TL-, columns: [...]} or the short form key: [列, …] (key: [file_row]: the file and line)
        Object keyNode = doc.getOrDefault("key", Map.of());
        Map<String, Object> key = keyNode instanceof List<?> list ? Map.of("columns", list)
                : (Map<String, Object>) keyNode;
        Map<String, Object> split = (Map<String, Object>) doc.get("split");
        String splitField = split == null ? null : string(split.get("field"));
        if (splitField != null) {
            field(kind, splitField, where);
        }
        Object sheets = doc.get("sheets");
        List<String> sheetNames = sheets == null || "all".equals(String.valueOf(sheets).toLowerCase(Locale.ROOT))
                ? List.of() : strings(sheets);
        String duplicates = string(doc.getOrDefault("duplicates", "reject"));
        if (!List.of("reject", "last").contains(duplicates)) {
            throw new IllegalArgumentException(where + ": duplicates 应为 reject 或 last");
        }
        String title = string(doc.getOrDefault("title", name));
        return new MappingProfile(name, title, kind, columns, constants, values,
                string(key.getOrDefault("prefix", "")), strings(key.getOrDefault("columns", List.of())), splitField,
                sheetNames, "last".equals(duplicates), false);
    }

    private static void field(ImportKind kind, String field, String where) {
        if (kind.columns().stream().noneMatch(c -> c.field().equals(field))) {
            throw new IllegalArgumentException(where + ": " + kind.labelZh() + "没有字段 " + field + "。可用字段: "
                    + String.join(", ", kind.columns().stream().map(ImportKind.Column::field).toList()));
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
