package cn.anjian.warehouse;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application: every "today" and "now" (default date ranges, the as-of day, the importer's
 * future-date check, the marts, batch and audit times, the demo town) reads this bean, so that a test or a
 * demonstration can fix the day with {@code anjian.today} and nothing depends on the real calendar.
 *
 * <p>The zone is China's whatever the server's: a town's day is Asia/Shanghai's day. {@code anjian.today} takes a
 * date ({@code 2026-06-15}, which starts at noon) or a date and time ({@code 2024-04-01T01:30}); the clock then
 * starts there and keeps ticking, so durations (lockouts, timeouts) still pass.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock(@Value("${anjian.today:}") String today) {
        return of(today, Clock.system(CHINA));
    }

    /** A clock starting at {@code today} (blank: the real clock {@code system}), ticking with it. */
    static Clock of(String today, Clock system) {
        if (today == null || today.isBlank()) {
            return system;
        }
        LocalDateTime start;
        try {
            start = today.contains("T") ? LocalDateTime.parse(today.strip())
                    : LocalDate.parse(today.strip()).atTime(12, 0);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("anjian.today must be a date (2026-06-15) or a date and time "
                    + "(2026-06-15T09:30), not \"" + today + "\"", e);
        }
        Duration offset = Duration.between(system.instant(), start.atZone(CHINA).toInstant());
        return Clock.offset(system, offset);
    }
}
