package cn.anjian.semantic;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import org.springframework.stereotype.Component;

import static cn.anjian.jooq.Tables.MART_HAZARD_MONTH;

/**
 * The metric and dimension catalogue (DESIGN §5): every number the product shows is declared here once, in jOOQ
 * against the generated schema, so a renamed column breaks the build rather than a chart. Add a metric by
 * declaring it in the constructor; dashboards then name it by id.
 */
@Component
public class Catalog {

    private static final Label COUNT_UNIT = Label.of("件", "");

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Dimension> dimensions = new LinkedHashMap<>();

    public Catalog() {
        // The mart already holds one row per month × region × sector × level × department, so counting hazards
        // is summing its counts; DuckDB sums BIGINT into HUGEINT, hence the cast back.
        add(new Metric("hazards_found", Label.of("发现隐患", "Hazards found"), COUNT_UNIT, Source.HAZARD_MONTH,
                DSL.sum(MART_HAZARD_MONTH.FOUND_COUNT).cast(SQLDataType.BIGINT)));

        add(new Dimension("month", Label.of("月份", "Month"), source -> monthOf(source.time()),
                value -> YearMonth.from((LocalDate) value).toString(), Dimension.MemberKind.NONE));
        add(new Dimension("sector", Label.of("行业领域", "Sector"), Source::sector, Function.identity(),
                Dimension.MemberKind.SECTOR));
        add(new Dimension("village", Label.of("村(社区)", "Village"), Source::region, Function.identity(),
                Dimension.MemberKind.VILLAGE));
    }

    public Collection<Metric> metrics() {
        return metrics.values();
    }

    public Collection<Dimension> dimensions() {
        return dimensions.values();
    }

    public Optional<Metric> metric(String id) {
        return Optional.ofNullable(metrics.get(id));
    }

    public Optional<Dimension> dimension(String id) {
        return Optional.ofNullable(dimensions.get(id));
    }

    /**
     * First day of the value's month. A template field because jOOQ 3.19 renders {@code trunc(date, MONTH)} as
     * {@code trunc(x, null)} on DuckDB; the cast keeps the type DATE whatever {@code date_trunc} returns.
     */
    static Field<LocalDate> monthOf(Field<LocalDate> date) {
        return DSL.field("cast(date_trunc('month', {0}) as date)", SQLDataType.LOCALDATE, date);
    }

    private void add(Metric metric) {
        if (metrics.putIfAbsent(metric.id(), metric) != null) {
            throw new IllegalStateException("Metric declared twice: " + metric.id());
        }
    }

    private void add(Dimension dimension) {
        if (dimensions.putIfAbsent(dimension.id(), dimension) != null) {
            throw new IllegalStateException("Dimension declared twice: " + dimension.id());
        }
    }
}
