package cn.anjian.semantic;

import java.util.Objects;
import java.util.function.Function;

import org.jooq.Field;

/**
 * One way to group (and, for coded dimensions, to filter) metrics. The column is resolved against the query's
 * source, so a dimension declared once works for every source that has the columns it needs; a source without
 * them gives {@code null} and the dimension does not apply to its metrics.
 *
 * @param id      stable identifier used in dashboard files, filters and the API
 * @param label   what users read (axis titles, filter names)
 * @param column  the grouping expression for a source, or {@code null} where the source lacks it
 * @param format  turns a database value into the value the API returns (e.g. a month's first day into {@code 2025-03})
 * @param members where the codes' labels and display order come from
 * @param grain   the time grain of a time dimension, {@code null} for others
 */
public record Dimension(String id, Label label, Function<From, Field<?>> column, Function<Object, Object> format,
                        MemberKind members, TimeGrain grain) {

    public Dimension {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(members, "members");
    }

    public boolean isTime() {
        return grain != null;
    }

    /** Whether the dimension's values are codes that filters can name. */
    public boolean coded() {
        return members != MemberKind.NONE;
    }

    /** Whether a source can be grouped by this dimension. */
    boolean supports(Source source) {
        return column.apply(new From(source, java.time.LocalDate.EPOCH)) != null;
    }

    /** Where a dimension's codes get their labels. */
    public enum MemberKind {
        NONE, SECTOR, SECTOR_GROUP, VILLAGE, REGION, DEPARTMENT, INSPECTION_TYPE, ENFORCEMENT_ACTION, HAZARD_LEVEL, HAZARD_STATUS,
        SCALE, FLAG, ENTERPRISE, UNIT, UNIT_KIND, ACCIDENT_LEVEL, TEXT, TRAINING_ROLE, TRAINING_TYPE, TIPOFF_CHANNEL,
        HOUSEHOLD_TYPE, PUBLICITY_KIND, TASK_STATUS
    }
}
