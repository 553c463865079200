package cn.anjian.semantic;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Time grains, finest first. A grain's members are text: day {@code 2024-03-05}, week {@code 2024-W10} (ISO),
 * month {@code 2024-03}, quarter {@code 2024-Q1}, year {@code 2024}.
 */
public enum TimeGrain {

    DAY("day"), WEEK("week"), MONTH("month"), QUARTER("quarter"), YEAR("year");

    private final String code;

    TimeGrain(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether a date column of grain {@code finest} can be grouped by this grain (weeks do not nest in months). */
    boolean coarserOrEqual(TimeGrain finest) {
        if (finest == this || finest == DAY) {
            return true;
        }
        return this != WEEK && finest != WEEK && ordinal() > finest.ordinal();
    }

    /**
     * First day of the value's period. A template field because jOOQ 3.19 renders {@code trunc(date, MONTH)} as
     * {@code trunc(x, null)} on DuckDB; the cast keeps the type DATE whatever {@code date_trunc} returns.
     */
    Field<LocalDate> truncate(Field<LocalDate> date) {
        if (this == DAY) {
            return date;
        }
        return DSL.field("cast(date_trunc('" + code + "', {0}) as date)", SQLDataType.LOCALDATE, date);
    }

    /** The member text of a period's first day. */
    String format(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(start.getYear());
        };
    }

    /** The first day of the period after the one starting on {@code start}. */
    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The first day of the period holding {@code day}. */
    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    static java.util.Optional<TimeGrain> fromCode(String code) {
        for (TimeGrain g : values()) {
            if (g.code.equals(code)) {
                return java.util.Optional.of(g);
            }
        }
        return java.util.Optional.empty();
    }
}
