package cn.anjian.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectField;
import org.jooq.SortField;

import org.springframework.stereotype.Service;

/**
 * The query builder: the one place that turns a {@link MetricQuery} into SQL. It applies, centrally, the global
 * filters and the user's {@link RowScope}, so no caller can forget either; filter values travel as bind values.
 */
@Service
public class MetricQueryService {

    private final DSLContext dsl;
    private final Catalog catalog;
    private final MemberRepository members;
    private final RowScope scope;

    MetricQueryService(DSLContext dsl, Catalog catalog, MemberRepository members, RowScope scope) {
        this.dsl = dsl;
        this.catalog = catalog;
        this.members = members;
        this.scope = scope;
    }

    public QueryResult run(MetricQuery query) {
        List<Metric> metrics = query.metrics().stream().map(this::metric).toList();
        List<Dimension> dimensions = query.dimensions().stream().map(this::dimension).toList();
        Source source = commonSource(metrics);

        List<Field<?>> groupBy = dimensions.stream().<Field<?>>map(d -> d.column().apply(source)).toList();
        List<SelectField<?>> select = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            select.add(groupBy.get(i).as(dimensions.get(i).id()));
        }
        metrics.forEach(m -> select.add(m.value().as(m.id())));

        Condition where = query.filters().on(source).and(scope.regions(source.region()));
        var ordered = dsl.select(select)
                .from(source.table())
                .where(where)
                .groupBy(groupBy)
                .orderBy(sortFields(query.sort(), metrics, dimensions, groupBy));
        Result<? extends Record> records = query.limit() == null ? ordered.fetch() : ordered.limit(query.limit()).fetch();

        List<List<Object>> rows = new ArrayList<>(records.size());
        for (Record r : records) {
            List<Object> row = new ArrayList<>(dimensions.size() + metrics.size());
            for (int i = 0; i < dimensions.size(); i++) {
                Object value = r.get(i);
                row.add(value == null ? null : dimensions.get(i).format().apply(value));
            }
            for (int i = 0; i < metrics.size(); i++) {
                Object value = r.get(dimensions.size() + i);
                // an aggregate over no rows is NULL; a count of nothing is 0
                row.add(value == null ? 0L : value);
            }
            rows.add(row);
        }
        return new QueryResult(columns(metrics, dimensions), rows, labels(dimensions, rows));
    }

    private Metric metric(String id) {
        return catalog.metric(id).orElseThrow(() -> new IllegalArgumentException("unknown metric: " + id));
    }

    private Dimension dimension(String id) {
        return catalog.dimension(id).orElseThrow(() -> new IllegalArgumentException("unknown dimension: " + id));
    }

    private static Source commonSource(List<Metric> metrics) {
        Source source = metrics.get(0).source();
        for (Metric m : metrics) {
            if (!m.source().equals(source)) {
                throw new IllegalArgumentException("metrics " + metrics.get(0).id() + " and " + m.id()
                        + " read different tables; query them separately");
            }
        }
        return source;
    }

    private List<SortField<?>> sortFields(List<String> sort, List<Metric> metrics, List<Dimension> dimensions,
                                          List<Field<?>> groupBy) {
        List<SortField<?>> fields = new ArrayList<>();
        Set<String> sorted = new HashSet<>();
        for (String key : sort) {
            boolean descending = key.startsWith("-");
            String id = descending ? key.substring(1) : key;
            Field<?> field = null;
            for (int i = 0; i < dimensions.size(); i++) {
                if (dimensions.get(i).id().equals(id)) {
                    field = groupBy.get(i);
                }
            }
            for (Metric m : metrics) {
                if (m.id().equals(id)) {
                    field = m.value();
                }
            }
            if (field == null) {
                throw new IllegalArgumentException("cannot sort by " + id + ": not a metric or dimension of the query");
            }
            fields.add(descending ? field.desc() : field.asc());
            sorted.add(id);
        }
        for (int i = 0; i < dimensions.size(); i++) {
            if (!sorted.contains(dimensions.get(i).id())) {
                fields.add(groupBy.get(i).asc());
            }
        }
        return fields;
    }

    private static List<QueryResult.Column> columns(List<Metric> metrics, List<Dimension> dimensions) {
        List<QueryResult.Column> columns = new ArrayList<>();
        dimensions.forEach(d -> columns.add(new QueryResult.Column(d.id(), "dimension", d.label(), null)));
        metrics.forEach(m -> columns.add(new QueryResult.Column(m.id(), "metric", m.label(), m.unit())));
        return columns;
    }

    /** Labels of the codes that occur, in the reference order; a code missing from the reference keeps its code. */
    private Map<String, List<Member>> labels(List<Dimension> dimensions, List<List<Object>> rows) {
        Map<String, List<Member>> labels = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension d = dimensions.get(i);
            if (d.members() == Dimension.MemberKind.NONE) {
                continue;
            }
            Set<Object> present = new HashSet<>();
            for (List<Object> row : rows) {
                present.add(row.get(i));
            }
            List<Member> ordered = new ArrayList<>();
            for (Member m : members.members(d.members())) {
                if (present.remove(m.code())) {
                    ordered.add(m);
                }
            }
            present.stream().filter(code -> code != null).map(String::valueOf).sorted()
                    .forEach(code -> ordered.add(new Member(code, Label.of(code, code), false)));
            labels.put(d.id(), ordered);
        }
        return labels;
    }
}
