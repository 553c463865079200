package cn.anjian.semantic;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Field;

/**
 * One measure, defined once. It may have several variants over different sources, best first: a mart where the
 * question can be answered from it, the facts otherwise. The builder takes the first variant whose source has
 * every dimension and filter of the query, so a number is the same whichever table answers it.
 *
 * @param id          stable identifier used in dashboard files and the API
 * @param label       what users read
 * @param unit        unit shown next to values and in headers (件, 元, %)
 * @param display     how values are shown, everywhere (kind and decimals); its format also says that counts and
 *                    sums are 0 over no rows, ratios and averages {@code null}
 * @param description one sentence on what is counted, for the catalogue
 * @param better      whether more is better: it colours KPI changes and picks a heatmap's colour scale
 * @param variants    expressions over sources, best first; the last one is the most general
 */
public record Metric(String id, Label label, Label unit, Display display, Label description, Polarity better,
                     List<Variant> variants) {

    public Metric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(display, "display");
        if ((display.format() == Format.RATIO) != "%".equals(unit.zh())) {
            throw new IllegalArgumentException("metric " + id + ": a ratio, and only a ratio, is shown in %");
        }
        Objects.requireNonNull(better, "better");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("metric " + id + " has no variant");
        }
    }

    /** The kind of quantity (count, yuan, ratio, days): the display's format. */
    public Format format() {
        return display.format();
    }

    /** The most general variant, whose source decides which dimensions and filters the metric has. */
    Variant general() {
        return variants.get(variants.size() - 1);
    }

    /** The first variant whose source supports these dimensions and filters. */
    Variant variantFor(List<Dimension> dimensions, List<Dimension> filters) {
        for (Variant v : variants) {
            if (answers(v, dimensions, filters)) {
                return v;
            }
        }
        return null;
    }

    /**
     * A variant over {@code source} that answers these dimensions and filters, or {@code null}: when the query's
     * other metrics already read that table, one statement over it beats a second statement over a mart.
     */
    Variant variantOver(Source source, List<Dimension> dimensions, List<Dimension> filters) {
        for (Variant v : variants) {
            if (v.source().equals(source) && answers(v, dimensions, filters)) {
                return v;
            }
        }
        return null;
    }

    private boolean answers(Variant v, List<Dimension> dimensions, List<Dimension> filters) {
        return dimensions.stream().allMatch(d -> d.supports(v.source()))
                && filters.stream().allMatch(f -> !f.supports(general().source()) || f.supports(v.source()));
    }

    /**
     * Which way is good, declared per metric in the catalogue: more rectified is good (calm colours at the top of a
     * scale), more overdue is bad (warm colours at the top); a plain count of enterprises is neither.
     */
    public enum Polarity {
        HIGHER_IS_BETTER("higher"), LOWER_IS_BETTER("lower"), NEUTRAL("neutral");

        private final String code;

        Polarity(String code) {
            this.code = code;
        }

        /** {@code higher}, {@code lower} or {@code neutral}, as the API and the page read it. */
        public String code() {
            return code;
        }
    }

    /**
     * An aggregate expression over a source, given the query's view of it (as-of date, joined dimensions).
     *
     * @param rows the rows the value depends on, or {@code null} for all of them (major hazards only, say). When
     *             every metric of a statement names the same rows, the builder puts that condition in the WHERE
     *             clause, so DuckDB skips the other rows in its scan instead of filtering each aggregate.
     */
    public record Variant(Source source, Function<From, Field<?>> value, Function<From, Condition> rows) {

        public Variant(Source source, Function<From, Field<?>> value) {
            this(source, value, null);
        }
    }

    /** How values are shown; also whether "no rows" is 0 (counts, sums) or unknown (ratios, averages). */
    public enum Format {
        COUNT("count", true), YUAN("yuan", true), RATIO("ratio", false), DAYS("days", false);

        private final String code;
        private final boolean zeroWhenEmpty;

        Format(String code, boolean zeroWhenEmpty) {
            this.code = code;
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return code;
        }

        public boolean zeroWhenEmpty() {
            return zeroWhenEmpty;
        }
    }
}
