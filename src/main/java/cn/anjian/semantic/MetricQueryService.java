package cn.anjian.semantic;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Service;

/**
 * The query builder: the one place that turns a {@link MetricQuery} (or a detail view) into SQL. It applies,
 * centrally, the global filters, the as-of date and the user's {@link RowScope}, so no caller can forget any of
 * them; filter values travel as bind values. Metrics of one query may live in different tables (hazards and
 * inspections): each table is asked once and the answers are joined on the dimension values.
 */
@Service
public class MetricQueryService {

    /** Most rows one answer carries; more is a query for an export, not a chart. */
    public static final int MAX_ROWS = 10_000;

    private final DSLContext dsl;
    private final Catalog catalog;
    private final MemberRepository members;
    private final RowScope scope;
    private final Clock clock;
    private final ParallelQueries parallel;

    MetricQueryService(DSLContext dsl, Catalog catalog, MemberRepository members, RowScope scope, Clock clock,
                       ParallelQueries parallel) {
        this.dsl = dsl;
        this.catalog = catalog;
        this.members = members;
        this.scope = scope;
        this.clock = clock;
        this.parallel = parallel;
    }

    /** Today in China, by the application's clock: the default as-of date. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public QueryResult run(MetricQuery query) {
        return run(query, scope);
    }

    /**
     * The query under another row scope than the user's: only for aggregates the user may be told of a wider
     * scope, such as an assessment's rank among the town's villages ({@link RowScope#towns()}).
     */
    public QueryResult run(MetricQuery query, RowScope rowScope) {
        Plan plan = plan(query);
        List<SortKey> sort = sortKeys(query.sort(), plan.metrics(), plan.dimensions());
        int limit = query.limit() == null ? MAX_ROWS : Math.min(query.limit(), MAX_ROWS);

        List<List<Object>> rows;
        if (plan.bySource().size() == 1) {
            Source source = plan.bySource().keySet().iterator().next();
            rows = fetch(source, plan.metrics(), plan.variants(), plan.dimensions(), query.filters(), plan.asOf(),
                    sort, limit, rowScope, false);
        } else {
            rows = merge(plan, plan.dimensions(), fetchEach(plan, query.filters(), rowScope, false), sort, limit);
        }
        return new QueryResult(columns(plan.metrics(), plan.dimensions()), rows, labels(plan.dimensions(), rows));
    }

    /**
     * A query by one dimension (a KPI's sparkline by month) and the same metrics' total over no dimension, under
     * the same filters, in one statement per table ({@code GROUPING SETS}: the range is scanned once instead of
     * twice). Returns {@code [by dimension, total]}, each equal to what {@link #run} answers for it, or
     * {@code null} when the two would not read the same tables the same way (then ask {@link #run} for each).
     */
    public QueryResult[] runWithTotal(MetricQuery query) {
        MetricQuery totalQuery = new MetricQuery(query.metrics(), List.of(), query.filters(), null, null);
        if (query.dimensions().size() != 1 || query.limit() != null) {
            return null;
        }
        Plan plan = plan(query);
        Plan totalPlan = plan(totalQuery);
        if (!plan.variants().equals(totalPlan.variants())) {
            return null;
        }
        List<SortKey> sort = sortKeys(query.sort(), plan.metrics(), plan.dimensions());
        boolean one = plan.bySource().size() == 1;
        List<List<List<Object>>> answers = one
                ? List.of(fetch(plan.bySource().keySet().iterator().next(), plan.metrics(), plan.variants(),
                        plan.dimensions(), query.filters(), plan.asOf(), sort, MAX_ROWS, scope, true))
                : fetchEach(plan, query.filters(), scope, true);
        List<List<List<Object>>> grouped = new ArrayList<>();
        List<List<List<Object>>> totals = new ArrayList<>();
        for (List<List<Object>> answer : answers) {
            List<List<Object>> g = new ArrayList<>();
            List<List<Object>> t = new ArrayList<>();
            for (List<Object> row : answer) {
                // the last value says which grouping set a row is of: 1 for the total (the dimension rolled up)
                boolean total = ((Number) row.get(row.size() - 1)).intValue() == 1;
                List<Object> values = row.subList(0, row.size() - 1);
                if (total) {
                    t.add(new ArrayList<>(values.subList(1, values.size())));
                } else {
                    g.add(new ArrayList<>(values));
                }
            }
            grouped.add(g);
            totals.add(t);
        }
        List<List<Object>> rows;
        List<List<Object>> totalRows;
        if (one) {
            rows = grouped.get(0).size() > MAX_ROWS ? new ArrayList<>(grouped.get(0).subList(0, MAX_ROWS))
                    : grouped.get(0);
            totalRows = totals.get(0);
        } else {
            rows = merge(plan, plan.dimensions(), grouped, sort, MAX_ROWS);
            totalRows = merge(plan, List.of(), totals, List.of(), MAX_ROWS);
        }
        return new QueryResult[] {
                new QueryResult(columns(plan.metrics(), plan.dimensions()), rows, labels(plan.dimensions(), rows)),
                new QueryResult(columns(plan.metrics(), List.of()), totalRows, labels(List.of(), totalRows))};
    }

    /** A query's metrics and dimensions resolved, with the variant (table) that answers each metric. */
    private record Plan(List<Metric> metrics, List<Dimension> dimensions, Map<Metric, Metric.Variant> variants,
                        Map<Source, List<Metric>> bySource, LocalDate asOf) {
    }

    private Plan plan(MetricQuery query) {
        List<Metric> metrics = query.metrics().stream().map(this::metric).toList();
        List<Dimension> dimensions = query.dimensions().stream().map(this::dimension).toList();
        List<Dimension> filters = query.filters().allCodes().keySet().stream().map(this::dimension).toList();
        LocalDate asOf = query.filters().asOfOr(today());
        // a range ending inside a month needs a table dated by the day, whatever the grouping
        List<Dimension> needs = needs(dimensions, query.filters());

        Map<Source, List<Metric>> bySource = new LinkedHashMap<>();
        Map<Metric, Metric.Variant> variants = new LinkedHashMap<>();
        for (Metric m : metrics) {
            Metric.Variant v = m.variantFor(needs, filters);
            if (v == null) {
                List<String> missing = needs.stream().filter(d -> !d.supports(m.general().source()))
                        .map(Dimension::id).toList();
                throw new InvalidFilterException("dims", "参数 dims: 指标 " + m.id() + " 不能按 " + missing
                        + " 分组 (metric " + m.id() + " has no such dimension)");
            }
            variants.put(m, v);
        }
        // a metric that could also be read from a table the others read joins their statement
        Set<Source> chosen = new LinkedHashSet<>();
        variants.values().forEach(v -> chosen.add(v.source()));
        for (Metric m : metrics) {
            for (Source other : chosen) {
                Metric.Variant v = other.equals(variants.get(m).source()) ? null
                        : m.variantOver(other, needs, filters);
                if (v != null) {
                    variants.put(m, v);
                    break;
                }
            }
        }
        variants.forEach((m, v) -> bySource.computeIfAbsent(v.source(), s -> new ArrayList<>()).add(m));
        return new Plan(metrics, dimensions, variants, bySource, asOf);
    }

    /**
     * Whether a metric can be counted up to a day inside a month under these filters (a month mart cannot): what a
     * comparison of a month still under way with the same days of an earlier month needs.
     */
    public boolean answersToTheDay(String metricId, Filters filters) {
        List<Dimension> filterDimensions = filters.allCodes().keySet().stream().map(this::dimension).toList();
        return metric(metricId).variantFor(List.of(dimension(TimeGrain.DAY.code())), filterDimensions) != null;
    }

    private List<Dimension> needs(List<Dimension> dimensions, Filters filters) {
        if (!filters.cutsLastMonth() || dimensions.stream().anyMatch(d -> d.grain() == TimeGrain.DAY)) {
            return dimensions;
        }
        List<Dimension> needs = new ArrayList<>(dimensions);
        needs.add(dimension(TimeGrain.DAY.code()));
        return needs;
    }

    /** A detail view's rows under the filters, in the view's order, at most {@code limit} (and {@link #MAX_ROWS}). */
    public QueryResult detail(String viewId, Filters filters, Integer limit) {
        DetailView view = catalog.detail(viewId).orElseThrow(() -> new InvalidFilterException("detail",
                "参数 detail: 没有这个明细视图 " + viewId));
        From f = new From(view.source(), filters.asOfOr(today()));
        List<SelectField<?>> select = new ArrayList<>();
        for (DetailView.Field field : view.fields()) {
            select.add(field.value().apply(f).as(field.id()));
        }
        List<SortField<?>> order = view.order().apply(f);
        int max = limit == null ? 500 : Math.min(limit, MAX_ROWS);
        // the page's row ids first (narrow columns, and only the dimension tables the filters and the order need:
        // the shown fields' joins, the enterprise's by date range above all, would otherwise run for every row in
        // range), then the page's rows with their wide text and joined labels
        From narrow = new From(view.source(), filters.asOfOr(today()));
        Condition where = filters.on(narrow, catalog).and(view.where().apply(narrow)).and(scope(narrow, scope));
        var page = dsl.select(narrow.source().rowId()).from(narrow.table()).where(where)
                .orderBy(view.order().apply(narrow)).limit(max);
        Result<? extends Record> records = dsl.select(select).from(f.table()).where(f.source().rowId().in(page))
                .orderBy(order).fetch();
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Record r : records) {
            List<Object> row = new ArrayList<>(view.fields().size());
            for (int i = 0; i < view.fields().size(); i++) {
                Object value = r.get(i);
                row.add(value instanceof LocalDate d && "month".equals(view.fields().get(i).id())
                        ? TimeGrain.MONTH.format(d) : value instanceof LocalDate d2 ? d2.toString() : value);
            }
            rows.add(row);
        }
        List<QueryResult.Column> columns = view.fields().stream()
                .map(x -> new QueryResult.Column(x.id(), "field", x.label(), x.unit(), x.format(),
                        x.display() == null ? null : x.display().decimals())).toList();
        Map<String, List<Member>> labels = new LinkedHashMap<>();
        for (int i = 0; i < view.fields().size(); i++) {
            DetailView.Field field = view.fields().get(i);
            if (field.members() != Dimension.MemberKind.NONE) {
                int index = i;
                labels.put(field.id(), members.labels(field.members(), rows.stream().map(row -> row.get(index)).toList()));
            }
        }
        return new QueryResult(columns, rows, labels);
    }

    /**
     * When the facts behind these metrics and detail views have rows, under the filters' codes and the user's row
     * scope, at any time: the first and last month with a row, and whether the filters' own range holds one. Empty
     * when there is no such row at all. A dashboard asks it to open on the months that have data, and an empty panel
     * to say why it is empty.
     */
    public Optional<DataSpan> span(Collection<String> metricIds, Collection<String> detailIds, Filters filters) {
        Set<Source> facts = new LinkedHashSet<>();
        for (String id : metricIds) {
            metric(id).variants().forEach(v -> facts.addAll(v.source().facts()));
        }
        for (String id : detailIds) {
            catalog.detail(id).ifPresent(view -> facts.addAll(view.source().facts()));
        }
        Filters anyTime = filters.withRange(YearMonth.of(1900, 1), YearMonth.of(2999, 12));
        LocalDate from = filters.from().atDay(1);
        LocalDate until = filters.to().plusMonths(1).atDay(1);
        LocalDate first = null;
        LocalDate last = null;
        boolean inRange = false;
        for (Source source : facts) {
            From f = new From(source, filters.asOfOr(today()));
            Condition where = anyTime.on(f, catalog).and(scope(f, scope));
            Field<LocalDate> time = source.time();
            Record r = dsl.select(DSL.min(time), DSL.max(time),
                            DSL.count().filterWhere(time.ge(from).and(time.lt(until))))
                    .from(f.table()).where(where).fetchOne();
            LocalDate min = r == null ? null : r.get(0, LocalDate.class);
            if (min == null) {
                continue;
            }
            LocalDate max = r.get(1, LocalDate.class);
            first = first == null || min.isBefore(first) ? min : first;
            last = last == null || max.isAfter(last) ? max : last;
            inRange |= r.get(2, Integer.class) > 0;
        }
        return first == null ? Optional.empty()
                : Optional.of(new DataSpan(YearMonth.from(first), YearMonth.from(last), inRange));
    }

    /**
     * The months that have rows.
     *
     * @param first   the first month with a row
     * @param last    the last month with a row
     * @param inRange whether the asked range holds a row
     */
    public record DataSpan(YearMonth first, YearMonth last, boolean inRange) {
    }

    /** Every member of a time dimension over the filters' months, in order (to fill gaps in sparklines). */
    public List<String> timeMembers(String dimensionId, Filters filters) {
        TimeGrain grain = dimension(dimensionId).grain();
        if (grain == null) {
            throw new IllegalArgumentException(dimensionId + " is not a time dimension");
        }
        List<String> periods = new ArrayList<>();
        LocalDate end = filters.to().atEndOfMonth();
        for (LocalDate d = grain.startOf(filters.from().atDay(1)); !d.isAfter(end); d = grain.next(d)) {
            periods.add(grain.format(d));
        }
        return periods;
    }

    private List<List<Object>> fetch(Source source, List<Metric> metrics, Map<Metric, Metric.Variant> variants,
                                     List<Dimension> dimensions, Filters filters, LocalDate asOf,
                                     List<SortKey> sort, int limit, RowScope rowScope, boolean withTotal) {
        From f = new From(source, asOf);
        List<Field<?>> groupBy = dimensions.stream().<Field<?>>map(d -> d.column().apply(f)).toList();
        List<SelectField<?>> select = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            select.add(groupBy.get(i).as(dimensions.get(i).id()));
        }
        Map<String, Field<?>> values = new LinkedHashMap<>();
        for (Metric m : metrics) {
            Field<?> value = variants.get(m).value().apply(f);
            values.put(m.id(), value);
            select.add(value.as(m.id()));
        }
        Condition where = filters.on(f, catalog).and(scope(f, rowScope)).and(commonRows(metrics, variants, f));
        List<SortField<?>> order = new ArrayList<>();
        // with the total: GROUPING SETS ((dimension), ()), the total row flagged by grouping() = 1, sorted last
        Field<Integer> totalFlag = withTotal ? DSL.grouping(groupBy.get(0)) : null;
        if (withTotal) {
            select.add(totalFlag.as("anj_total"));
            order.add(totalFlag.asc());
        }
        for (SortKey key : sort) {
            int d = indexOfDimension(dimensions, key.id());
            Field<?> field = d >= 0 ? groupBy.get(d) : values.get(key.id());
            order.add(key.descending() ? field.desc().nullsLast() : field.asc().nullsLast());
        }
        Result<? extends Record> records = withTotal
                ? dsl.select(select).from(f.table()).where(where)
                        .groupBy(DSL.groupingSets(groupBy, List.<Field<?>>of())).orderBy(order).fetch()
                : dsl.select(select).from(f.table()).where(where).groupBy(groupBy).orderBy(order).limit(limit).fetch();
        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Record r : records) {
            List<Object> row = new ArrayList<>(dimensions.size() + metrics.size());
            for (int i = 0; i < dimensions.size(); i++) {
                Object value = r.get(i);
                row.add(value == null ? null : dimensions.get(i).format().apply(value));
            }
            for (int i = 0; i < metrics.size(); i++) {
                row.add(value(metrics.get(i), r.get(dimensions.size() + i)));
            }
            if (withTotal) {
                row.add(r.get(dimensions.size() + metrics.size()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows every metric of one statement depends on, if they all name the same; else no restriction. */
    private static Condition commonRows(List<Metric> metrics, Map<Metric, Metric.Variant> variants, From f) {
        Condition common = null;
        for (Metric m : metrics) {
            var rows = variants.get(m).rows();
            Condition c = rows == null ? null : rows.apply(f);
            if (c == null || (common != null && !common.equals(c))) {
                return DSL.noCondition();
            }
            common = c;
        }
        return common == null ? DSL.noCondition() : common;
    }

    /** One statement per source without sort or limit, side by side (answers in the order of the plan's sources). */
    private List<List<List<Object>>> fetchEach(Plan plan, Filters filters, RowScope rowScope, boolean withTotal) {
        List<Supplier<List<List<Object>>>> statements = new ArrayList<>();
        plan.bySource().forEach((source, groupMetrics) -> statements.add(() -> fetch(source, groupMetrics,
                plan.variants(), plan.dimensions(), filters, plan.asOf(), List.of(), MAX_ROWS, rowScope, withTotal)));
        return parallel.all(statements);
    }

    /** The per-source answers joined on the dimension values, then sorted and cut here. */
    private List<List<Object>> merge(Plan plan, List<Dimension> dimensions, List<List<List<Object>>> answers,
                                     List<SortKey> sort, int limit) {
        List<Metric> metrics = plan.metrics();
        int dims = dimensions.size();
        Map<List<Object>, Object[]> merged = new LinkedHashMap<>();
        int g = 0;
        for (var group : plan.bySource().entrySet()) {
            List<Metric> groupMetrics = group.getValue();
            for (List<Object> row : answers.get(g++)) {
                Object[] values = merged.computeIfAbsent(row.subList(0, dims), k -> new Object[metrics.size()]);
                for (int i = 0; i < groupMetrics.size(); i++) {
                    values[metrics.indexOf(groupMetrics.get(i))] = row.get(dims + i);
                }
            }
        }
        if (dims == 0 && merged.isEmpty()) {
            merged.put(List.of(), new Object[metrics.size()]);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (var e : merged.entrySet()) {
            List<Object> row = new ArrayList<>(e.getKey());
            for (int i = 0; i < metrics.size(); i++) {
                row.add(e.getValue()[i] == null ? value(metrics.get(i), null) : e.getValue()[i]);
            }
            rows.add(row);
        }
        Comparator<List<Object>> order = null;
        for (SortKey key : sort) {
            int d = indexOfDimension(dimensions, key.id());
            int index = d >= 0 ? d : dims + metrics.indexOf(metric(key.id()));
            Comparator<Comparable> values = key.descending()
                    ? Comparator.nullsLast(Comparator.<Comparable>naturalOrder().reversed())
                    : Comparator.nullsLast(Comparator.<Comparable>naturalOrder());
            Comparator<List<Object>> c = (a, b) -> values.compare(comparable(a.get(index)), comparable(b.get(index)));
            order = order == null ? c : order.thenComparing(c);
        }
        if (order != null) {
            rows.sort(order);
        }
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }

    @SuppressWarnings("rawtypes")
    private static Comparable comparable(Object value) {
        return value instanceof Number n ? (Comparable) n.doubleValue() : (Comparable) value;
    }

    /** An aggregate over no rows is NULL: a count or sum of nothing is 0, a ratio or average stays unknown. */
    private static Object value(Metric metric, Object value) {
        return value == null && metric.format().zeroWhenEmpty() ? 0L : value;
    }

    /**
     * The row scope on the region each row belongs to; rows of no region (import rejects) only for users who may
     * see every region, so every user shown a number gets the same one.
     */
    private static Condition scope(From f, RowScope rowScope) {
        Field<String> home = f.source().home();
        return home != null ? rowScope.regions(home) : rowScope.everything();
    }

    private Metric metric(String id) {
        return catalog.metric(id).orElseThrow(() -> new InvalidFilterException("metrics",
                "参数 metrics: 没有这个指标 " + quoted(id) + " (unknown metric)"));
    }

    private Dimension dimension(String id) {
        return catalog.dimension(id).orElseThrow(() -> new InvalidFilterException("dims",
                "参数 dims: 没有这个维度 " + quoted(id) + " (unknown dimension)"));
    }

    private static String quoted(String id) {
        return "\"" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "\"";
    }

    private record SortKey(String id, boolean descending) {
    }

    /** The requested keys, then every dimension not named as a tie-breaker, so results are deterministic. */
    private List<SortKey> sortKeys(List<String> sort, List<Metric> metrics, List<Dimension> dimensions) {
        List<SortKey> keys = new ArrayList<>();
        Set<String> sorted = new HashSet<>();
        for (String key : sort) {
            boolean descending = key.startsWith("-");
            String id = descending ? key.substring(1) : key;
            if (indexOfDimension(dimensions, id) < 0 && metrics.stream().noneMatch(m -> m.id().equals(id))) {
                throw new InvalidFilterException("sort", "参数 sort: " + quoted(id)
                        + " 不是本查询的指标或维度 (not a metric or dimension of the query)");
            }
            keys.add(new SortKey(id, descending));
            sorted.add(id);
        }
        for (Dimension d : dimensions) {
            if (!sorted.contains(d.id())) {
                keys.add(new SortKey(d.id(), false));
            }
        }
        return keys;
    }

    private static int indexOfDimension(List<Dimension> dimensions, String id) {
        for (int i = 0; i < dimensions.size(); i++) {
            if (dimensions.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static List<QueryResult.Column> columns(List<Metric> metrics, List<Dimension> dimensions) {
        List<QueryResult.Column> columns = new ArrayList<>();
        dimensions.forEach(d -> columns.add(new QueryResult.Column(d.id(), "dimension", d.label(), null)));
        metrics.forEach(m -> columns.add(QueryResult.Column.metric(m)));
        return columns;
    }

    /** Labels of the codes that occur, in the reference order; a code missing from the reference keeps its code. */
    private Map<String, List<Member>> labels(List<Dimension> dimensions, List<List<Object>> rows) {
        Map<String, List<Member>> labels = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension d = dimensions.get(i);
            if (!d.coded()) {
                continue;
            }
            Set<Object> present = new LinkedHashSet<>();
            for (List<Object> row : rows) {
                present.add(row.get(i));
            }
            labels.put(d.id(), members.labels(d.members(), present));
        }
        return labels;
    }
}
