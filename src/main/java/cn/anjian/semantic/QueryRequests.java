package cn.anjian.semantic;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * An ad-hoc question as request parameters ({@code metrics=a,b&dims=x&from=&to=&<filter>=…}, or {@code detail=view})
 * answered by the one query builder: what {@code /api/query} returns as JSON and the data pages show as a table, so
 * the two can never differ. Without {@code from}/{@code to} the last 12 months.
 */
@Component
public class QueryRequests {

    private static final Set<String> RESERVED = Set.of("metrics", "dims", "sort", "limit", "detail");

    private final MetricQueryService queries;
    private final FilterParser parser;

    QueryRequests(MetricQueryService queries, FilterParser parser) {
        this.queries = queries;
        this.parser = parser;
    }

    /** The answer, rounded as the catalogue shows it, with the filters it ran under. */
    public Answer answer(Map<String, List<String>> params) {
        YearMonth now = YearMonth.from(queries.today());
        Filters defaults = new Filters(now.minusMonths(11), now, List.of(), List.of());
        Filters filters = parser.parse(params, defaults, RESERVED);
        FilterParser.requireAnswerableRange(filters);
        Integer limit = limit(first(params, "limit"));
        String detail = first(params, "detail");
        if (detail != null && !detail.isBlank()) {
            return new Answer(filters.echo(queries.today()), queries.detail(detail.strip(), filters, limit).rounded());
        }
        List<String> metrics = list(params.get("metrics"));
        if (metrics.isEmpty()) {
            throw new InvalidFilterException("metrics", "参数 metrics: 至少需要一个指标 (at least one metric)");
        }
        QueryResult result = queries.run(new MetricQuery(metrics, list(params.get("dims")), filters,
                list(params.get("sort")), limit)).rounded();
        return new Answer(filters.echo(queries.today()), result);
    }

    /**
     * @param filters the filters the answer ran under, as the dashboards echo them (from, to, sector, village, …,
     *                asOf)
     */
    public record Answer(Map<String, Object> filters, QueryResult result) {
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Integer limit(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new InvalidFilterException("limit", "参数 limit 应为正整数 (a positive whole number)");
    }

    private static List<String> list(List<String> values) {
        List<String> items = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        items.add(part.strip());
                    }
                }
            }
        }
        if (items.size() > 50) {
            throw new InvalidFilterException("metrics", "参数过多 (too many names)");
        }
        return items;
    }
}
