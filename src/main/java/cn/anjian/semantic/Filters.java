package cn.anjian.semantic;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

import org.jooq.Condition;

/**
 * The global filters every query runs under, already validated ({@link FilterParser} makes them from request
 * parameters). Turned into jOOQ conditions with bind values, never into SQL text.
 *
 * @param from     first month, inclusive
 * @param to       last month, inclusive
 * @param sectors  sector codes; empty means all sectors
 * @param villages village region codes; empty means all villages
 */
public record Filters(YearMonth from, YearMonth to, List<String> sectors, List<String> villages) {

    public Filters {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        sectors = List.copyOf(sectors == null ? List.of() : sectors);
        villages = List.copyOf(villages == null ? List.of() : villages);
    }

    /** The conditions on a source's columns; a half-open date range so any time grain of the column works. */
    Condition on(Source source) {
        Condition condition = source.time().ge(from.atDay(1))
                .and(source.time().lt(to.plusMonths(1).atDay(1)));
        if (!sectors.isEmpty()) {
            condition = condition.and(source.sector().in(sectors));
        }
        if (!villages.isEmpty()) {
            condition = condition.and(source.region().in(villages));
        }
        return condition;
    }
}
