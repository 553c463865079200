package cn.anjian.warehouse;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Today inside DuckDB. The SQL macro {@code anj_today()} (R030) reads the session variable {@code anj_today}, so
 * the importer's future-date check and the marts count the same day as the application's {@link Clock}; the
 * statement is run on the connection before any SQL that asks for today (without it, the macro falls back to
 * China's real date).
 */
public final class WarehouseToday {

    private WarehouseToday() {
    }

    /** {@code SET VARIABLE anj_today = DATE '…'} for the clock's day. */
    public static String variable(Clock clock) {
        return "SET VARIABLE anj_today = DATE '" + LocalDate.now(clock) + "'";
    }
}
