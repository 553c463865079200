package cn.anjian.campaign;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import cn.anjian.campaign.Campaign.Measure;
import cn.anjian.campaign.Campaign.Task;
import cn.anjian.campaign.Campaign.UnitKind;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Dimension;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Label;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;
import cn.anjian.semantic.Metric;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.semantic.QueryResult;
import cn.anjian.semantic.RowScope;

import org.jooq.impl.DSL;

import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * Every task's status (达标 / 滞后 / 无数据) per responsible unit for one month of a campaign, from the campaign file and
 * the catalogue's metrics under the user's row scope: the one place the campaign's combining rule lives, for the
 * campaign page and the assessment alike.
 *
 * <p>The rule. A metric measure is judged over the period of its length that holds the month (the quarter of May for
 * a quarterly measure), its states as of that period's end or today if earlier: 达标 when the value meets the target
 * (or stays within it, {@code at_most}), 滞后 when it does not, 无数据 when there is nothing to measure (a ratio over
 * no rows). A progress measure takes the latest report by the month's end: 已完成 is 达标, 未开始 and 推进中 are 滞后,
 * no report is 无数据, never 达标. A task is 达标 when every measure is, 滞后 when any is, else 无数据.
 *
 * <p>Units. A village is measured on its own rows. A department is measured on its own rows where the metric has a
 * responsible department (tip-offs); where the ledger records none (drills, trainings, the above-scale enterprises),
 * the member units of the safety committee supervise the town's enterprises together and are judged on the town's
 * rows. A village cadre's scope holds no department, so they are shown their village only.
 */
@Service
public class CampaignStatus {

    /** The dashboard that holds a panel for every detail view a campaign file names. */
    static final String ROWS_DASHBOARD = "campaign-ledgers";

    public enum Status {
        MET("达标", "Met"), BEHIND("滞后", "Behind"), NO_DATA("无数据", "No data");

        private final Label label;

        Status(String zh, String en) {
            this.label = Label.of(zh, en);
        }

        public Label label() {
            return label;
        }

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A responsible unit the user may see: a village (region code) or a department. */
    public record Unit(UnitKind kind, String code, Label name) {
    }

    /**
     * One measure of a task for one unit.
     *
     * @param value    the metric's value (a ratio 0–1, a count), or the latest progress code; {@code null} if none
     * @param shown    the value as the page shows it ({@code 87.5%}, {@code 3}, {@code 推进中}, {@code 未报送})
     * @param townWide the value is the town's (a department judged on a ledger that records no department)
     * @param link     the page listing the rows behind the value
     */
    public record MeasureStatus(Measure measure, Label title, Object value, Label shown, String target,
                                Status status, boolean townWide, String from, String to, String link) {

        /** {@code 举报按期办结率 87.5% (≥ 100%, 2023-06)}. */
        public String describe(String lang) {
            return title.in(lang) + " " + shown.in(lang) + " (" + target + ", " + from
                    + (from.equals(to) ? "" : "–" + to) + (townWide ? ("en".equals(lang) ? ", town" : ", 全镇") : "")
                    + ")";
        }
    }

    /** A task's status for one unit, with each measure behind it. */
    public record Cell(Task task, Unit unit, Status status, List<MeasureStatus> measures) {

        /** The rows of the first measure not met, else of the first measure. */
        public String link() {
            return measures.stream().filter(m -> m.status() != Status.MET).findFirst().orElse(measures.get(0)).link();
        }

        /** The cell's modifier class (built here: Thymeleaf reads a double underscore as preprocessing). */
        public String css() {
            return "campaign-matrix__cell--" + status.css();
        }

        /** The cell's tooltip: the unit, the status and every measure. */
        public String describe(String lang) {
            return unit.name().in(lang) + " · " + status.label().in(lang) + " · " + String.join("；",
                    measures.stream().map(m -> m.describe(lang)).toList());
        }

        /** What the cell shows: the first measure's value. */
        public Label shown() {
            return measures.get(0).shown();
        }
    }

    /** A unit's tasks met out of the tasks it is responsible for (no data counts as not met). */
    public record Rate(Unit unit, int met, int behind, int noData) {

        public int tasks() {
            return met + behind + noData;
        }

        /** Met / tasks, 0–1, or {@code null} for a unit without tasks. */
        public Double rate() {
            return tasks() == 0 ? null : met / (double) tasks();
        }
    }

    /**
     * The campaign in one month: every task's cells by unit code (a unit not responsible for a task has none).
     */
    public record Board(Campaign campaign, YearMonth month, LocalDate asOf, List<Unit> units,
                        Map<String, Map<String, Cell>> cells) {

        public Cell cell(String taskId, String unitCode) {
            return cells.getOrDefault(taskId, Map.of()).get(unitCode);
        }

        public List<Cell> cells(Task task) {
            return units.stream().map(u -> cell(task.id(), u.code())).filter(java.util.Objects::nonNull).toList();
        }

        public long count(Task task, Status status) {
            return cells(task).stream().filter(c -> c.status() == status).count();
        }

        public List<Rate> rates() {
            List<Rate> rates = new ArrayList<>();
            for (Unit u : units) {
                int[] n = new int[3];
                campaign.tasks().forEach(t -> {
                    Cell c = cell(t.id(), u.code());
                    if (c != null) {
                        n[c.status().ordinal()]++;
                    }
                });
                rates.add(new Rate(u, n[0], n[1], n[2]));
            }
            return rates;
        }

        /** What is behind this month, unit by unit: 滞后, and progress a unit has not reported. */
        public List<Cell> behind() {
            List<Cell> list = new ArrayList<>();
            for (Unit u : units) {
                campaign.tasks().forEach(t -> {
                    Cell c = cell(t.id(), u.code());
                    if (c != null && (c.status() == Status.BEHIND
                            || c.status() == Status.NO_DATA && t.byProgress())) {
                        list.add(c);
                    }
                });
            }
            return list;
        }
    }

    private final MetricQueryService queries;
    private final MemberRepository members;
    private final Catalog catalog;
    private final RowScope scope;

    CampaignStatus(MetricQueryService queries, MemberRepository members, Catalog catalog, RowScope scope) {
        this.queries = queries;
        this.members = members;
        this.catalog = catalog;
        this.scope = scope;
    }

    /** This month by the application's clock, never the real date. */
    public YearMonth thisMonth() {
        return YearMonth.from(queries.today());
    }

    /** The month a campaign is shown for by default: today's, held within the campaign's months. */
    public YearMonth defaultMonth(Campaign campaign) {
        YearMonth now = YearMonth.from(queries.today());
        return now.isAfter(campaign.to()) ? campaign.to() : now.isBefore(campaign.from()) ? campaign.from() : now;
    }

    /**
     * The towns whose campaign the user may see. A campaign is run by each town's committee, with the town's own
     * villages and member departments: a user whose scope holds several towns (a county leader) sees one town's board
     * at a time, so a department's column never adds up the police stations of twelve towns.
     */
    public List<Member> towns() {
        return members.towns(scope);
    }

    /** Every task's status per unit the user may see, for one month of the campaign, in their one town. */
    public Board board(Campaign campaign, YearMonth month) {
        return board(campaign, month, null);
    }

    /**
     * Every task's status per unit of {@code town} (one of {@link #towns()}; {@code null} for the user's whole scope,
     * right for a user of one town or one village) for one month of the campaign.
     */
    public Board board(Campaign campaign, YearMonth month, String town) {
        RowScope within = within(town);
        LocalDate today = queries.today();
        List<Unit> units = units(campaign, within);
        Map<String, Long> progress = progress(campaign, month, within, town);
        Map<String, Map<String, Object>> values = new HashMap<>();
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        campaign.tasks().forEach(task -> {
            Map<String, Cell> row = new LinkedHashMap<>();
            for (Unit unit : units) {
                if (!responsible(task, unit)) {
                    continue;
                }
                List<MeasureStatus> measures = new ArrayList<>();
                for (Measure m : task.measures()) {
                    measures.add(m.progress() ? progress(campaign, task, unit, month, progress, town)
                            : metric(m, unit, month, today, values, within, town));
                }
                row.put(unit.code(), new Cell(task, unit, combine(measures), List.copyOf(measures)));
            }
            cells.put(task.id(), row);
        });
        LocalDate end = month.atEndOfMonth();
        return new Board(campaign, month, end.isAfter(today) ? today : end, units, cells);
    }

    static Status combine(List<MeasureStatus> measures) {
        if (measures.stream().anyMatch(m -> m.status() == Status.BEHIND)) {
            return Status.BEHIND;
        }
        return measures.stream().allMatch(m -> m.status() == Status.MET) ? Status.MET : Status.NO_DATA;
    }

    private static boolean responsible(Task task, Unit unit) {
        return unit.kind() == UnitKind.VILLAGE ? task.forVillages() : task.departments().contains(unit.code());
    }

    /** The user's scope narrowed to one town's regions (the town itself, where its departments' rows belong). */
    private RowScope within(String town) {
        if (town == null) {
            return scope;
        }
        if (towns().stream().noneMatch(t -> t.code().equals(town))) {
            throw new IllegalArgumentException("town " + town + " is not in the user's scope");
        }
        var regions = DSL.select(DIM_REGION.REGION_CODE).from(DIM_REGION)
                .where(DIM_REGION.REGION_CODE.eq(town).or(DIM_REGION.TOWN_CODE.eq(town)));
        return code -> scope.regions(code).and(code.in(regions));
    }

    /** The villages of the scope, then the departments the campaign names that the scope holds. */
    private List<Unit> units(Campaign campaign, RowScope within) {
        List<Unit> units = new ArrayList<>();
        members.villages(within).forEach(v -> units.add(new Unit(UnitKind.VILLAGE, v.code(), v.label())));
        Set<String> named = new LinkedHashSet<>();
        campaign.tasks().forEach(t -> named.addAll(t.departments()));
        for (Member d : members.departments(within)) {
            if (named.contains(d.code())) {
                units.add(new Unit(UnitKind.DEPARTMENT, d.code(), d.label()));
            }
        }
        return units;
    }

    // ------------------------------------------------------------------ progress reports

    /** The latest progress rank (0 none … 3 done) by the month's end, by {@code task|unit}. */
    private Map<String, Long> progress(Campaign campaign, YearMonth month, RowScope within, String town) {
        Filters filters = new Filters(month, month, List.of(), List.of(),
                Map.of("campaign", List.of(campaign.id())), null);
        QueryResult r = queries.run(new MetricQuery(List.of("task_progress_latest"),
                List.of("campaign_task", "check_unit"), filters, List.of(), null), within);
        Map<String, Long> ranks = new HashMap<>();
        for (List<Object> row : r.rows()) {
            ranks.put(row.get(0) + "|" + row.get(1), row.get(2) == null ? 0L : ((Number) row.get(2)).longValue());
        }
        return ranks;
    }

    private static final List<String> PROGRESS = List.of("", "not_started", "in_progress", "done");

    private MeasureStatus progress(Campaign campaign, Task task, Unit unit, YearMonth month,
                                   Map<String, Long> ranks, String town) {
        long rank = ranks.getOrDefault(task.id() + "|" + unit.code(), 0L);
        String code = rank <= 0 || rank >= PROGRESS.size() ? null : PROGRESS.get((int) rank);
        Label shown = code == null ? Label.of("未报送", "Not reported")
                : members.labels(Dimension.MemberKind.TASK_STATUS, List.of(code)).stream().findFirst()
                        .map(Member::label).orElse(Label.of(code, code));
        Status status = code == null ? Status.NO_DATA : "done".equals(code) ? Status.MET : Status.BEHIND;
        YearMonth from = campaign.from();
        String link = "/dashboards/" + ROWS_DASHBOARD + "?from=" + from + "&to=" + month + "&campaign_task="
                + encode(task.id()) + "&check_unit=" + encode(unit.code()) + townParameter(town);
        return new MeasureStatus(task.measures().get(0), Label.of("任务进展", "Progress report"), code, shown,
                "已完成", status, false, from.toString(), month.toString(), link);
    }

    // ------------------------------------------------------------------ catalogue metrics

    private MeasureStatus metric(Measure m, Unit unit, YearMonth month, LocalDate today,
                                 Map<String, Map<String, Object>> cache, RowScope within, String town) {
        Metric metric = catalog.metric(m.metric()).orElseThrow();
        YearMonth[] period = m.period().around(month);
        LocalDate end = period[1].atEndOfMonth();
        LocalDate asOf = end.isAfter(today) ? today : end;
        Filters filters = new Filters(period[0], period[1], List.of(), List.of(), m.filters(), asOf);
        boolean village = unit.kind() == UnitKind.VILLAGE;
        boolean byDepartment = !village && catalog.dimensionsOf(metric).contains("department");
        String dimension = village ? "village" : byDepartment ? "department" : null;
        String key = m.metric() + "|" + m.filters() + "|" + period[0] + "|" + asOf + "|" + dimension;
        Map<String, Object> byUnit = cache.computeIfAbsent(key, k -> values(metric, dimension, filters, within));
        Object value = dimension == null ? byUnit.get("") : byUnit.get(unit.code());
        if (value == null && metric.format().zeroWhenEmpty()) {
            value = 0L;
        }
        Status status = status(metric, m, value);
        StringBuilder link = new StringBuilder("/dashboards/" + ROWS_DASHBOARD + "?");
        if (dimension != null) {
            link.append(dimension).append('=').append(encode(unit.code())).append('&');
        }
        link.append("from=").append(period[0]).append("&to=").append(period[1]).append("&asOf=").append(asOf);
        m.filters().forEach((k, v) -> link.append('&').append(k).append('=').append(encode(String.join(",", v))));
        link.append(townParameter(town));
        return new MeasureStatus(m, metric.label(), value, shown(metric, value), target(metric, m), status,
                !village && !byDepartment, period[0].toString(), period[1].toString(), link.toString());
    }

    /** The metric by the unit dimension (or the total, keyed ""), under the user's row scope. */
    private Map<String, Object> values(Metric metric, String dimension, Filters filters, RowScope within) {
        QueryResult r = queries.run(new MetricQuery(List.of(metric.id()),
                dimension == null ? List.of() : List.of(dimension), filters, List.of(), null), within);
        Map<String, Object> values = new HashMap<>();
        for (List<Object> row : r.rows()) {
            if (dimension == null) {
                values.put("", row.get(0));
            } else if (row.get(0) != null) {
                values.put(String.valueOf(row.get(0)), row.get(1));
            }
        }
        return values;
    }

    static Status status(Metric metric, Measure m, Object value) {
        if (!(value instanceof Number n)) {
            return Status.NO_DATA;
        }
        // judged as shown (the catalogue's unit and precision): a cell that reads 100.0% is 达标 against 100 %
        BigDecimal v = metric.display().shown(n);
        int c = v.compareTo(m.target());
        return (m.atMost() ? c <= 0 : c >= 0) ? Status.MET : Status.BEHIND;
    }

    private static Label shown(Metric metric, Object value) {
        if (!(value instanceof Number n)) {
            return Label.of("—", "—");
        }
        String text = metric.display().text(n) + (metric.format() == Metric.Format.RATIO ? "%" : "");
        return Label.of(text, text);
    }

    private static String target(Metric metric, Measure m) {
        String t = m.target().stripTrailingZeros().toPlainString() + (metric.format() == Metric.Format.RATIO ? "%" : "");
        return (m.atMost() ? "≤ " : "≥ ") + t;
    }

    /** The rows behind a cell of one town's board are that town's: the ledger dashboard's town filter. */
    private static String townParameter(String town) {
        return town == null ? "" : "&town=" + encode(town);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
