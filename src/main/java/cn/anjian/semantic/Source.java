package cn.anjian.semantic;

import java.time.LocalDate;
import java.util.Objects;

import org.jooq.Field;
import org.jooq.Table;

import static cn.anjian.jooq.Tables.MART_HAZARD_MONTH;

/**
 * A table the query builder reads, with the columns that the global filters and the row-level scope bind to.
 * Every metric names its source, so the builder can apply the same filters and scope to any of them without a
 * panel knowing which columns those are.
 *
 * @param id     a stable name for messages and logs
 * @param table  the table (a mart wherever one exists, so queries stay fast at tens of millions of facts)
 * @param time   the date column the date range filters on
 * @param region the region code column the village filter and the row-level scope restrict
 * @param sector the sector code column
 */
public record Source(String id, Table<?> table, Field<LocalDate> time, Field<String> region, Field<String> sector) {

    /** Hazards at month grain, rebuilt from {@code fact_hazard} after every load ({@code sql/marts/hazard_month.sql}). */
    public static final Source HAZARD_MONTH = new Source("mart_hazard_month", MART_HAZARD_MONTH,
            MART_HAZARD_MONTH.MONTH_START, MART_HAZARD_MONTH.REGION_CODE, MART_HAZARD_MONTH.SECTOR_CODE);

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(sector, "sector");
    }
}
