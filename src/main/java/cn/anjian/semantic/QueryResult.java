package cn.anjian.semantic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's answer in a shape any chart or export can read: columns (dimensions first, then metrics; or a detail
 * view's fields), rows of plain values in that order, and for each coded column the labels of the codes that
 * occur, in display order.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, Map<String, List<Member>> labels) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(rows.stream().map(Collections::unmodifiableList).toList());
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * The same answer with every number rounded to its column's {@link Display} (0.96072 → 0.961 for 96.1 %): the
     * one place values are rounded before they reach a page, a file or an API client.
     */
    public QueryResult rounded() {
        Display[] displays = columns.stream().map(Column::display).toArray(Display[]::new);
        List<List<Object>> roundedRows = new java.util.ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> copy = new java.util.ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                copy.add(displays[i] == null ? row.get(i) : displays[i].round(row.get(i)));
            }
            roundedRows.add(copy);
        }
        return new QueryResult(columns, roundedRows, labels);
    }

    /** Per column, the Chinese label of each code that occurs (empty for columns without codes): what files show. */
    public static List<Map<Object, String>> labelsZh(List<Column> columns, Map<String, List<Member>> labels) {
        List<Map<Object, String>> byColumn = new java.util.ArrayList<>(columns.size());
        for (Column c : columns) {
            Map<Object, String> byCode = new LinkedHashMap<>();
            for (Member m : labels.getOrDefault(c.id(), List.of())) {
                byCode.put(m.code(), m.label().zh());
            }
            byColumn.add(byCode);
        }
        return byColumn;
    }

    /** The index of a column by id, or -1. */
    public int indexOf(String id) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param id     the metric, dimension or field id
     * @param kind   {@code dimension}, {@code metric} or {@code field} (a detail view's column)
     * @param label  column title
     * @param unit   a metric's unit; {@code null} for dimensions
     * @param format   how to show values: count, yuan, ratio (0–1), days, text, date, flag; {@code null} for dimensions
     * @param better   {@code higher}, {@code lower} or {@code neutral} for a metric (the catalogue's polarity)
     * @param decimals decimals shown in the unit of the header (a ratio's in percent), from the catalogue's
     *                 {@link Display}; {@code null} for columns that are not numbers
     */
    public record Column(String id, String kind, Label label, Label unit, String format, Integer decimals,
                         String better) {

        public Column(String id, String kind, Label label, Label unit) {
            this(id, kind, label, unit, null, null, null);
        }

        public Column(String id, String kind, Label label, Label unit, String format, Integer decimals) {
            this(id, kind, label, unit, format, decimals, null);
        }

        /** A metric's column, shown as the catalogue says, with which way is good. */
        public static Column metric(Metric metric) {
            return new Column(metric.id(), "metric", metric.label(), metric.unit(), metric.display().format().code(),
                    metric.display().decimals(), metric.better().code());
        }

        /** How this column's numbers are shown; {@code null} for text, dates, flags and dimensions. */
        public Display display() {
            if (decimals == null || format == null) {
                return null;
            }
            for (Metric.Format f : Metric.Format.values()) {
                if (f.code().equals(format)) {
                    return new Display(f, decimals);
                }
            }
            return null;
        }
    }
}
