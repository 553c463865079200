package cn.anjian.semantic;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ad-hoc questions to the catalogue: {@code /api/query?metrics=a,b&dims=x&from=&to=&<filter>=…}. The same
 * builder, filters and row scope as the dashboards; without {@code from}/{@code to} the last 12 months.
 */
@RestController
@RequestMapping("/api/query")
class QueryController {

    private static final Set<String> RESERVED = Set.of("metrics", "dims", "sort", "limit", "detail");

    private final MetricQueryService queries;
    private final FilterParser parser;

    QueryController(MetricQueryService queries, FilterParser parser) {
        this.queries = queries;
        this.parser = parser;
    }

    @GetMapping
    QueryResult query(@RequestParam MultiValueMap<String, String> params) {
        YearMonth now = YearMonth.from(queries.today());
        Filters defaults = new Filters(now.minusMonths(11), now, List.of(), List.of());
        Filters filters = parser.parse(Map.copyOf(params), defaults, RESERVED);
        FilterParser.requireAnswerableRange(filters);
        Integer limit = limit(params.getFirst("limit"));
        String detail = params.getFirst("detail");
        if (detail != null && !detail.isBlank()) {
            return queries.detail(detail.strip(), filters, limit).rounded();
        }
        List<String> metrics = list(params.get("metrics"));
        if (metrics.isEmpty()) {
            throw new InvalidFilterException("metrics", "参数 metrics: 至少需要一个指标 (at least one metric)");
        }
        return queries.run(new MetricQuery(metrics, list(params.get("dims")), filters, list(params.get("sort")),
                limit)).rounded();
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
