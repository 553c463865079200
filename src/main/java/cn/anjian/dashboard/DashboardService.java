package cn.anjian.dashboard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import cn.anjian.semantic.Display;
import cn.anjian.semantic.FilterParser;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.InvalidFilterException;
import cn.anjian.semantic.Label;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.semantic.ParallelQueries;
import cn.anjian.semantic.QueryResult;

import org.springframework.stereotype.Service;

/**
 * Answers a panel under the filters of a request: the dashboard's defaults, overridden by the URL's, ANDed with
 * the panel's own. Everything goes through the semantic layer's one query builder; KPI comparisons are the same
 * query over earlier months.
 */
@Service
class DashboardService {

    static final String GRAIN = "grain";
    /** Page parameters that are not filters: language, theme, the drill trail, a picker's search, a quick pick. */
    private static final Set<String> PAGE_PARAMS = Set.of("lang", "theme", "via", "q", "range");
    /** A series stays readable: at most about 730 days or 520 weeks on one chart. */
    private static final Map<String, Integer> MAX_MONTHS_BY_GRAIN = Map.of("day", 24, "week", 120);
    private static final Set<String> GRAINS = Set.of("day", "week", "month", "quarter", "year");

    private final Dashboards dashboards;
    private final FilterParser filterParser;
    private final MetricQueryService queries;
    private final Clock clock;
    private final ParallelQueries parallel;

    DashboardService(Dashboards dashboards, FilterParser filterParser, MetricQueryService queries,
                     ParallelQueries parallel, Clock clock) {
        this.dashboards = dashboards;
        this.filterParser = filterParser;
        this.queries = queries;
        this.clock = clock;
        this.parallel = parallel;
    }

    List<Dashboard> all() {
        return dashboards.all();
    }

    Dashboard dashboard(String id) {
        return dashboards.find(id).orElseThrow(() -> DashboardNotFoundException.dashboard(id));
    }

    /** The defaults as concrete months today, for the page to show in its inputs. */
    Filters defaults(Dashboard dashboard) {
        return dashboard.defaults().resolve(YearMonth.now(clock));
    }

    /**
     * Where a page opened on its default range should open instead: when that range holds no rows of the facts
     * the dashboard reads (under the URL's other filters and the user's scope) but earlier or later months do, the
     * same number of months ending with the latest month that has rows. Also answers for a URL that already names
     * exactly that window (the page keeps saying why it shows those months). Empty when the default range has rows,
     * the warehouse has none, or the URL asks for another range.
     *
     * @param params the page's parameters (page state such as {@code lang} and {@code via} is ignored)
     */
    Optional<Opening> openingOnData(Dashboard dashboard, Map<String, String> params) {
        if (params.containsKey("range")) {
            return Optional.empty();
        }
        Map<String, List<String>> filterParams = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (!PAGE_PARAMS.contains(name) && !FilterParser.FROM.equals(name) && !FilterParser.TO.equals(name)) {
                filterParams.put(name, List.of(value));
            }
        });
        Filters filters;
        try {
            filters = filters(dashboard, filterParams);
        } catch (InvalidFilterException e) {
            return Optional.empty(); // the panels say what is wrong with the URL
        }
        List<String> metrics = dashboard.panels().stream().flatMap(p -> p.metrics().stream()).distinct().toList();
        List<String> details = dashboard.panels().stream().map(Panel::detail).filter(Objects::nonNull).toList();
        Optional<MetricQueryService.DataSpan> span = queries.span(metrics, details, filters);
        if (span.isEmpty() || span.get().inRange()) {
            return Optional.empty();
        }
        int months = dashboard.defaults().lastMonths();
        YearMonth last = span.get().last();
        Opening opening = new Opening(last.minusMonths(months - 1L), last, filters.from(), filters.to(), months);
        String from = params.get(FilterParser.FROM);
        String to = params.get(FilterParser.TO);
        if (from == null && to == null) {
            return Optional.of(opening);
        }
        return opening.from().toString().equals(from) && opening.to().toString().equals(to)
                ? Optional.of(opening) : Optional.empty();
    }

    /**
     * A page opened on the months that have data.
     *
     * @param from        first month shown
     * @param to          last month shown: the latest month with a row
     * @param defaultFrom first month of the default range, which holds no rows
     * @param defaultTo   last month of the default range
     * @param months      the default range's length
     */
    record Opening(YearMonth from, YearMonth to, YearMonth defaultFrom, YearMonth defaultTo, int months) {
    }

    /** The request's filters over the dashboard's defaults; a required filter (drill targets) must be present. */
    Filters filters(Dashboard dashboard, Map<String, List<String>> params) {
        Filters filters = filterParser.parse(params, defaults(dashboard), Set.of(GRAIN));
        FilterParser.requireAnswerableRange(filters);
        for (String required : dashboard.requiredFilters()) {
            if (!filters.allCodes().containsKey(required)) {
                throw new InvalidFilterException(required, "参数 " + required + " 是此看板必需的筛选条件 (required)");
            }
        }
        return filters;
    }

    PanelData panel(String dashboardId, String panelId, Map<String, List<String>> params) {
        Dashboard dashboard = dashboard(dashboardId);
        Panel panel = dashboard.panel(panelId).orElseThrow(() -> DashboardNotFoundException.panel(dashboardId, panelId));
        Filters requested = filters(dashboard, params);
        Filters filters = requested.and(panel.filters());
        Map<String, Object> echo = requested.echo(queries.today());
        if (panel.detail() != null) {
            QueryResult result = queries.detail(panel.detail(), filters, panel.limit()).rounded();
            Empty empty = result.rows().isEmpty() ? emptyBecause(dashboard, panel, requested, filters,
                    f -> !queries.detail(panel.detail(), f, 1).rows().isEmpty()) : null;
            return new PanelData(dashboard.id(), panel.id(), panel.chart(), panel.title(), echo, result.columns(),
                    result.rows(), result.labels(), panel.drill(), null, empty);
        }
        List<String> dimensions = withGrain(panel.dimensions(), params.get(GRAIN), filters);
        MetricQuery query = new MetricQuery(panel.metrics(), dimensions, filters,
                sortWithGrain(panel.sort(), panel.dimensions(), dimensions), panel.limit());
        QueryResult result;
        List<Kpi> kpis = null;
        if (panel.chart() == ChartType.KPI) {
            KpiAnswer answer = kpis(panel, filters, dimensions, query);
            result = answer.result();
            kpis = answer.kpis();
        } else {
            result = queries.run(query).rounded();
        }
        Empty empty = result.rows().isEmpty() ? emptyBecause(dashboard, panel, requested, filters,
                f -> !queries.run(new MetricQuery(panel.metrics(), dimensions, f, null, 1)).rows().isEmpty()) : null;
        return new PanelData(dashboard.id(), panel.id(), panel.chart(), panel.title(), echo, result.columns(),
                result.rows(), result.labels(), panel.drill(), kpis, empty);
    }

    /**
     * Why a panel has no rows, so the page can say so instead of a bare "无数据": the filters chosen leave out every
     * row the range holds ({@code filtered}); the range holds none, while other months do ({@code range}, with the
     * months that have rows); the range has rows, but none of the kind the panel counts ({@code panel}); or there
     * is nothing at all to count ({@code none}). The subject of a drill page (its village or enterprise) is not a
     * filter the user chose, so it stays.
     *
     * @param hasRows whether the panel's own query has rows under other filters
     */
    private Empty emptyBecause(Dashboard dashboard, Panel panel, Filters requested, Filters filters,
                               java.util.function.Predicate<Filters> hasRows) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        requested.allCodes().forEach((name, codes) -> {
            if (dashboard.requiredFilters().contains(name)) {
                kept.put(name, codes);
            }
        });
        if (kept.size() < requested.allCodes().size()) {
            Filters unfiltered = new Filters(requested.from(), requested.to(),
                    kept.getOrDefault(FilterParser.SECTOR, List.of()), kept.getOrDefault(FilterParser.VILLAGE, List.of()),
                    kept, requested.asOf()).and(panel.filters());
            if (hasRows.test(unfiltered)) {
                return new Empty("filtered", null, null);
            }
        }
        List<String> details = panel.detail() == null ? List.of() : List.of(panel.detail());
        Optional<MetricQueryService.DataSpan> span = queries.span(panel.metrics(), details, filters);
        if (span.isEmpty()) {
            return new Empty("none", null, null);
        }
        return new Empty(span.get().inRange() ? "panel" : "range", span.get().first().toString(),
                span.get().last().toString());
    }

    /**
     * Why a panel is empty: {@code reason} is {@code filtered}, {@code range}, {@code panel} or {@code none};
     * {@code first} and {@code last} the months that have rows under the panel's filters, where there are any.
     */
    record Empty(String reason, String first, String last) {
    }

    /** {@code grain} replaces the panel's time dimension (a panel without one ignores it). */
    private List<String> withGrain(List<String> dimensions, List<String> grain, Filters filters) {
        if (grain == null || grain.isEmpty() || grain.get(0).isBlank()) {
            return dimensions;
        }
        String g = grain.get(0).strip();
        if (grain.size() > 1 || !GRAINS.contains(g)) {
            throw new InvalidFilterException(GRAIN, "参数 grain 应为 day、week、month、quarter 或 year");
        }
        long months = ChronoUnit.MONTHS.between(filters.from(), filters.to()) + 1;
        Integer most = MAX_MONTHS_BY_GRAIN.get(g);
        if (most != null && months > most && dimensions.stream().anyMatch(GRAINS::contains)) {
            throw new InvalidFilterException(GRAIN, "按" + ("day".equals(g) ? "日" : "周") + "显示时，时间范围最长 "
                    + most / 12 + " 年；请缩短时间范围或按月显示 (too many points)");
        }
        return dimensions.stream().map(d -> GRAINS.contains(d) ? g : d).toList();
    }

    private static List<String> sortWithGrain(List<String> sort, List<String> before, List<String> after) {
        return sort.stream().map(key -> {
            boolean desc = key.startsWith("-");
            int i = before.indexOf(desc ? key.substring(1) : key);
            return i < 0 ? key : (desc ? "-" : "") + after.get(i);
        }).toList();
    }

    /**
     * One KPI per metric: its total, the comparisons and the sparkline over every period of the range. The
     * comparisons are statements over other ranges; they run at the same time as the panel's own (each under the
     * caller's row scope). The total and the sparkline share one scan of the range when the panel has no
     * dimensions of its own ({@link MetricQueryService#runWithTotal}).
     */
    private KpiAnswer kpis(Panel panel, Filters filters, List<String> dimensions, MetricQuery query) {
        Map<Panel.Comparison, Filters> earlierFilters = new LinkedHashMap<>();
        // over a 12-month range the previous period is the same period last year: one statement for both
        Map<Filters, CompletableFuture<QueryResult>> earlierQueries = new LinkedHashMap<>();
        LocalDate asOf = filters.asOfOr(queries.today());
        long months = filters.from().until(filters.to(), java.time.temporal.ChronoUnit.MONTHS) + 1;
        // a range ending in the month under way (5 December by the clock) is compared with the same days of the
        // earlier period (to 5 November), not with a whole month: else every figure seems to collapse early in a
        // month. Only the clock's month is under way: a past month holds all its days, whatever the as-of day.
        LocalDate today = queries.today();
        boolean underWay = YearMonth.from(today).equals(filters.to()) && today.isBefore(filters.to().atEndOfMonth());
        Map<Filters, List<String>> comparable = new LinkedHashMap<>();
        for (Panel.Comparison c : panel.compare()) {
            long shift = c == Panel.Comparison.PREVIOUS_PERIOD ? months : 12;
            YearMonth earlierTo = filters.to().minusMonths(shift);
            // an earlier period's states are judged as they stood that many months before the as-of date
            Filters earlier = filters.withRange(filters.from().minusMonths(shift), earlierTo)
                    .withAsOf(asOf.minusMonths(shift));
            if (underWay) {
                earlier = earlier.upTo(earlierTo.atDay(Math.min(today.getDayOfMonth(), earlierTo.lengthOfMonth())));
            }
            Filters f = earlier;
            earlierFilters.put(c, f);
            // a metric only a month mart answers cannot be cut to the day: it is not compared while the month runs
            List<String> answerable = panel.metrics().stream()
                    .filter(m -> !f.cutsLastMonth() || queries.answersToTheDay(m, f)).toList();
            comparable.put(f, answerable);
            if (!answerable.isEmpty()) {
                earlierQueries.computeIfAbsent(f, x -> async(new MetricQuery(answerable, List.of(), x, null, null)));
            }
        }
        String sparkDim = panel.sparkline();
        CompletableFuture<QueryResult> totalQuery = dimensions.isEmpty() ? null
                : async(new MetricQuery(panel.metrics(), List.of(), filters, null, null));
        // the panel's own statement in this thread, while the comparisons run beside it
        QueryResult result = null;
        CompletableFuture<QueryResult> sparkQuery = CompletableFuture.completedFuture(null);
        if (sparkDim != null && dimensions.isEmpty() && query.sort().isEmpty() && query.limit() == null) {
            QueryResult[] both = queries.runWithTotal(new MetricQuery(panel.metrics(), List.of(sparkDim), filters,
                    null, null));
            if (both != null) {
                result = both[1];
                sparkQuery = CompletableFuture.completedFuture(both[0]);
            }
        }
        if (result == null) {
            if (sparkDim != null && !dimensions.equals(List.of(sparkDim))) {
                sparkQuery = async(new MetricQuery(panel.metrics(), List.of(sparkDim), filters, null, null));
            }
            result = queries.run(query);
            if (sparkDim != null && dimensions.equals(List.of(sparkDim))) {
                sparkQuery = CompletableFuture.completedFuture(result);
            }
        }
        result = result.rounded();
        if (totalQuery == null) {
            totalQuery = CompletableFuture.completedFuture(result);
        }
        // every value as shown (rounded by the catalogue's display), so a change is the difference of what is shown
        QueryResult total = ParallelQueries.join(totalQuery).rounded();
        Map<Panel.Comparison, Period> periods = new LinkedHashMap<>();
        earlierFilters.forEach((c, f) -> periods.put(c, new Period(f, earlierQueries.containsKey(f)
                ? ParallelQueries.join(earlierQueries.get(f)).rounded() : null, comparable.get(f))));
        QueryResult spark = ParallelQueries.join(sparkQuery);
        spark = spark == null ? null : spark.rounded();
        List<Kpi> kpis = new ArrayList<>();
        for (String metric : panel.metrics()) {
            Object value = total.rows().isEmpty() ? null : total.rows().get(0).get(total.indexOf(metric));
            Map<String, Change> compare = new LinkedHashMap<>();
            for (var p : periods.entrySet()) {
                Period period = p.getValue();
                if (!period.metrics().contains(metric)) {
                    compare.put(p.getKey().code(), Change.withheld(period.filters()));
                    continue;
                }
                QueryResult r = period.result();
                Object earlier = r.rows().isEmpty() ? null : r.rows().get(0).get(r.indexOf(metric));
                compare.put(p.getKey().code(), Change.of(period.filters(), value, earlier,
                        total.columns().get(total.indexOf(metric)).display()));
            }
            List<List<Object>> sparkline = null;
            if (spark != null) {
                Map<Object, Object> byPeriod = new LinkedHashMap<>();
                int index = spark.indexOf(metric);
                spark.rows().forEach(row -> byPeriod.put(row.get(0), row.get(index)));
                boolean zero = !"ratio".equals(spark.columns().get(index).format())
                        && !"days".equals(spark.columns().get(index).format());
                sparkline = new ArrayList<>();
                for (String period : queries.timeMembers(sparkDim, filters)) {
                    Object v = byPeriod.getOrDefault(period, zero ? 0L : null);
                    sparkline.add(java.util.Arrays.asList(period, v));
                }
            }
            kpis.add(new Kpi(metric, value, compare, sparkline));
        }
        return new KpiAnswer(result, kpis);
    }

    /** A KPI panel's own rows (its total when it has no dimensions) and its KPIs. */
    private record KpiAnswer(QueryResult result, List<Kpi> kpis) {
    }

    private CompletableFuture<QueryResult> async(MetricQuery query) {
        return parallel.start(() -> queries.run(query));
    }

    /** An earlier period: its filters, and its answer for the metrics that can be compared with it. */
    private record Period(Filters filters, QueryResult result, List<String> metrics) {
    }

    /** A KPI: total over the range, changes against earlier periods, and the trend. */
    record Kpi(String metric, Object value, Map<String, Change> compare, List<List<Object>> sparkline) {
    }

    /**
     * The change against an earlier period: {@code change} the difference, {@code ratio} the relative change
     * ({@code null} where the earlier value is 0 or unknown). {@code through} is the earlier period's last day when
     * the range ends in a month still under way (the same days of the earlier month); {@code withheld} says a metric
     * counted by whole months only is not compared until that month is over.
     */
    record Change(String from, String to, String through, Object value, Number change, Double ratio,
                  boolean withheld) {

        private static final Display RELATIVE = Display.percent(1);

        /** The change between two shown values, itself rounded like them; the relative change like a percentage. */
        static Change of(Filters earlier, Object now, Object then, Display display) {
            Double a = now instanceof Number n ? n.doubleValue() : null;
            Double b = then instanceof Number n ? n.doubleValue() : null;
            Number change = null;
            if (a != null && b != null) {
                change = (Number) display.round(new BigDecimal(now.toString()).subtract(new BigDecimal(then.toString())));
            }
            Double ratio = a != null && b != null && b != 0
                    ? (Double) RELATIVE.round((a - b) / Math.abs(b)) : null;
            return new Change(earlier.from().toString(), earlier.to().toString(), through(earlier), then, change,
                    ratio, false);
        }

        static Change withheld(Filters earlier) {
            return new Change(earlier.from().toString(), earlier.to().toString(), through(earlier), null, null, null,
                    true);
        }

        private static String through(Filters earlier) {
            return earlier.through() == null ? null : earlier.through().toString();
        }
    }

    /** A panel's data: {@code columns} and {@code rows} as the query builder returns them, plus labels. */
    record PanelData(String dashboard, String panel, ChartType chart, Label title, Map<String, Object> filters,
                     List<QueryResult.Column> columns, List<List<Object>> rows, Map<String, List<Member>> labels,
                     Panel.Drill drill, List<Kpi> kpis, Empty empty) {
    }
}
