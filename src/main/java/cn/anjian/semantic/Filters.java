package cn.anjian.semantic;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The global filters every query runs under, already validated ({@link FilterParser} makes them from request
 * parameters). Turned into jOOQ conditions with bind values, never into SQL text.
 *
 * @param from     first month, inclusive
 * @param to       last month, inclusive
 * @param sectors  sector codes; empty means all sectors
 * @param villages village region codes; empty means all villages
 * @param codes    further coded filters by dimension id (town, department, hazard_level, …); empty lists are dropped
 * @param asOf     the day states such as "overdue" are judged on; {@code null} means today
 * @param through  the last day counted, inside {@code to}; {@code null} means the whole of {@code to}. Set only to
 *                 compare a month still under way with the same days of an earlier month ("截至12月5日" against
 *                 1–5 November): a month mart cannot answer it, so the query builder then reads day-dated facts.
 */
public record Filters(YearMonth from, YearMonth to, List<String> sectors, List<String> villages,
                      Map<String, List<String>> codes, LocalDate asOf, LocalDate through) {

    public Filters {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        sectors = List.copyOf(sectors == null ? List.of() : sectors);
        villages = List.copyOf(villages == null ? List.of() : villages);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (codes != null) {
            codes.forEach((k, v) -> {
                if (v != null && !v.isEmpty() && !k.equals(FilterParser.SECTOR) && !k.equals(FilterParser.VILLAGE)) {
                    copy.put(k, List.copyOf(v));
                }
            });
        }
        codes = java.util.Collections.unmodifiableMap(copy);
        if (through != null && !YearMonth.from(through).equals(to)) {
            throw new IllegalArgumentException("through " + through + " is not in the last month " + to);
        }
        if (through != null && through.equals(to.atEndOfMonth())) {
            through = null;
        }
    }

    public Filters(YearMonth from, YearMonth to, List<String> sectors, List<String> villages,
                   Map<String, List<String>> codes, LocalDate asOf) {
        this(from, to, sectors, villages, codes, asOf, null);
    }

    public Filters(YearMonth from, YearMonth to, List<String> sectors, List<String> villages) {
        this(from, to, sectors, villages, Map.of(), null);
    }

    /** The same filters over another range of months (period-over-period comparisons). */
    public Filters withRange(YearMonth newFrom, YearMonth newTo) {
        return new Filters(newFrom, newTo, sectors, villages, codes, asOf);
    }

    /** The same filters counting the last month only up to {@code day} (in that month). */
    public Filters upTo(LocalDate day) {
        return new Filters(from, to, sectors, villages, codes, asOf, day);
    }

    /** Whether the last month is counted only in part (up to {@link #through()}). */
    public boolean cutsLastMonth() {
        return through != null;
    }

    /** The same filters on another as-of day. */
    public Filters withAsOf(LocalDate day) {
        return new Filters(from, to, sectors, villages, codes, day, through);
    }

    /** These filters with {@code extra} codes ANDed in (a panel's fixed filters): both must hold. */
    public Filters and(Map<String, List<String>> extra) {
        List<String> s = sectors;
        List<String> v = villages;
        Map<String, List<String>> c = new LinkedHashMap<>(codes);
        for (var e : extra.entrySet()) {
            switch (e.getKey()) {
                case FilterParser.SECTOR -> s = intersect(s, e.getValue());
                case FilterParser.VILLAGE -> v = intersect(v, e.getValue());
                default -> c.merge(e.getKey(), e.getValue(), Filters::intersect);
            }
        }
        return new Filters(from, to, s, v, c, asOf, through);
    }

    /** Every coded filter by dimension id, sector and village included. */
    public Map<String, List<String>> allCodes() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (!sectors.isEmpty()) {
            all.put(FilterParser.SECTOR, sectors);
        }
        if (!villages.isEmpty()) {
            all.put(FilterParser.VILLAGE, villages);
        }
        all.putAll(codes);
        return all;
    }

    /**
     * The filters as every answer echoes them (page, API, files): from, to, sector, village, further codes, asOf
     * ({@code today} when none was asked for).
     */
    public Map<String, Object> echo(LocalDate today) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("from", from.toString());
        echo.put("to", to.toString());
        echo.put("sector", sectors);
        echo.put("village", villages);
        echo.putAll(codes);
        echo.put("asOf", asOfOr(today).toString());
        return echo;
    }

    public LocalDate asOfOr(LocalDate today) {
        return asOf == null ? today : asOf;
    }

    /** The conditions on a source's columns; a half-open date range so any time grain of the column works. */
    Condition on(Source source) {
        return on(new From(source, asOfOr(LocalDate.EPOCH)), new Catalog());
    }

    /**
     * The conditions for one query. A filter whose dimension the source does not have does not apply to it (a
     * hazard-level filter leaves inspection counts alone); an empty list of codes would match nothing, so a
     * filter that two sets of codes intersect to nothing matches no row. A sector takes its sub-sectors along.
     */
    Condition on(From f, Catalog catalog) {
        Source source = f.source();
        LocalDate end = through == null ? to.plusMonths(1).atDay(1) : through.plusDays(1);
        Condition condition = source.time().ge(from.atDay(1)).and(source.time().lt(end));
        for (var e : allCodes().entrySet()) {
            Dimension dimension = catalog.dimension(e.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("unknown filter " + e.getKey()));
            Field<?> column = dimension.column().apply(f);
            if (column == null) {
                continue;
            }
            List<String> values = e.getValue();
            condition = condition.and(values.contains(NOTHING) ? DSL.falseCondition()
                    : dimension.members() == Dimension.MemberKind.SECTOR ? SectorTree.inOrUnder(asText(column), values)
                    : asText(column).in(values));
        }
        return condition;
    }

    @SuppressWarnings("unchecked")
    private static Field<String> asText(Field<?> column) {
        return column.getType() == String.class ? (Field<String>) column : column.cast(String.class);
    }

    /** Stands for "no code at all" after two filters on the same dimension did not overlap. */
    static final String NOTHING = "\u0000";

    private static List<String> intersect(List<String> a, List<String> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<String> both = new ArrayList<>(a);
        both.retainAll(b);
        return both.isEmpty() ? List.of(NOTHING) : both;
    }
}
