package cn.anjian.semantic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's answer in a shape any chart or export can read: columns (dimensions first, then metrics), rows of
 * plain values in that order, and for each coded dimension the labels of the codes that occur, in display order.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, Map<String, List<Member>> labels) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * @param id    the metric or dimension id
     * @param kind  {@code dimension} or {@code metric}
     * @param label column title
     * @param unit  a metric's unit; {@code null} for dimensions
     */
    public record Column(String id, String kind, Label label, Label unit) {
    }
}
