package cn.anjian.semantic;

import java.util.Objects;

import org.jooq.Field;

/**
 * One measure, defined once: its aggregate expression over its source table. Dashboards, exports and the
 * assessment name it by {@code id} and get the same number.
 *
 * @param id     stable identifier used in dashboard files and the API
 * @param label  what users read
 * @param unit   unit shown next to values (件, 元, %)
 * @param source the table the expression aggregates
 * @param value  an aggregate expression over {@code source}'s columns
 */
public record Metric(String id, Label label, Label unit, Source source, Field<Long> value) {

    public Metric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
    }
}
