package cn.anjian.campaign;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A campaign plan (专项行动方案) as read from {@code dashboards/campaigns/<id>.yaml}: its pillars, task sections and
 * numbered tasks, each with its responsible units and how it is measured. Immutable; {@link CampaignLoader} checks
 * it against the catalogue and the reference data before anyone reads it.
 *
 * @param id       the file name without {@code .yaml}
 * @param file     the file, for messages
 * @param from     the campaign's first month (the dashboard's default range)
 * @param to       its last month
 */
public record Campaign(String id, String file, String title, String document, YearMonth from, YearMonth to,
                       List<Pillar> pillars) {

    public Stream<Task> tasks() {
        return pillars.stream().flatMap(p -> p.sections().stream()).flatMap(s -> s.tasks().stream());
    }

    public record Pillar(String no, String title, List<Section> sections) {
    }

    public record Section(String no, String title, List<Task> tasks) {
    }

    /**
     * One numbered task of the task table.
     *
     * @param id          unique in the file ({@code 14.2}; a repeated number of the source gets a {@code b})
     * @param no          the number as the source prints it
     * @param responsible the responsible units as the source names them
     * @param units       those units resolved: every village, or departments
     * @param measures    one or more; the task is 达标 only when every measure is
     */
    public record Task(String id, String no, String text, String responsible, List<Unit> units,
                       List<Measure> measures) {

        public boolean byProgress() {
            return measures.stream().anyMatch(Measure::progress);
        }

        public boolean forVillages() {
            return units.stream().anyMatch(u -> u.kind() == UnitKind.VILLAGE);
        }

        public List<String> departments() {
            return units.stream().filter(u -> u.kind() == UnitKind.DEPARTMENT).map(Unit::code).toList();
        }
    }

    public enum UnitKind { VILLAGE, DEPARTMENT }

    /** A responsible unit: every village ({@code code} null) or one department. */
    public record Unit(UnitKind kind, String code) {
    }

    public enum Period {
        MONTH(1), QUARTER(3), HALF(6), YEAR(12);

        final int months;

        Period(int months) {
            this.months = months;
        }

        /** The period of this length that holds a month (the quarter of 2023-05 is 2023-04 … 2023-06). */
        public YearMonth[] around(YearMonth month) {
            int first = (month.getMonthValue() - 1) / months * months + 1;
            YearMonth start = YearMonth.of(month.getYear(), first);
            return new YearMonth[] {start, start.plusMonths(months - 1)};
        }
    }

    /**
     * How a task is measured: a catalogue metric against a target over a period, or the latest progress report.
     *
     * @param target  a count, or percent for a ratio metric
     * @param atMost  the value must not exceed the target (overdue hazards: 0), rather than reach it
     * @param rows    the detail view that lists the rows behind the value
     */
    public record Measure(boolean progress, String metric, BigDecimal target, Period period,
                          Map<String, List<String>> filters, boolean atMost, String rows) {

        static Measure byProgress() {
            return new Measure(true, null, null, Period.MONTH, Map.of(), false, "progress_reports");
        }
    }
}
