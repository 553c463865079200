package cn.anjian.semantic;

import java.util.List;
import java.util.Objects;

/**
 * "These metrics by these dimensions under these filters": what dashboards, exports and the assessment ask the
 * query builder for.
 *
 * @param metrics    metric ids; at least one, all over the same source
 * @param dimensions dimension ids to group by; empty for a single total
 * @param filters    the global filters
 * @param sort       metric or dimension ids, each optionally prefixed with {@code -} for descending; the
 *                   dimensions follow as tie-breakers so results are deterministic
 * @param limit      maximum rows, or {@code null} for all
 */
public record MetricQuery(List<String> metrics, List<String> dimensions, Filters filters, List<String> sort,
                          Integer limit) {

    public MetricQuery {
        metrics = List.copyOf(metrics);
        dimensions = List.copyOf(dimensions == null ? List.of() : dimensions);
        sort = List.copyOf(sort == null ? List.of() : sort);
        Objects.requireNonNull(filters, "filters");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one metric");
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
