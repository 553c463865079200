package cn.anjian.semantic;

import java.util.Objects;
import java.util.function.Function;

import org.jooq.Field;

/**
 * One way to group metrics. The column is resolved against the metric's source, so a dimension declared once
 * works for every source that has the columns it needs.
 *
 * @param id      stable identifier used in dashboard files and the API
 * @param label   what users read (axis titles, filter names)
 * @param column  the grouping expression for a source
 * @param format  turns a database value into the value the API returns (e.g. a month's first day into {@code 2025-03})
 * @param members where the codes' labels and display order come from
 */
public record Dimension(String id, Label label, Function<Source, Field<?>> column, Function<Object, Object> format,
                        MemberKind members) {

    public Dimension {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(members, "members");
    }

    /** Where a dimension's codes get their labels: nowhere (the value is its own label), sectors or villages. */
    public enum MemberKind {
        NONE, SECTOR, VILLAGE
    }
}
