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
     * @param format how to show values: count, yuan, ratio (0–1), days, text, date, flag; {@code null} for dimensions
     */
    public record Column(String id, String kind, Label label, Label unit, String format) {

        public Column(String id, String kind, Label label, Label unit) {
            this(id, kind, label, unit, null);
        }
    }
}
