package cn.anjian.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.anjian.assessment.Assessment.Column;
import cn.anjian.assessment.Assessment.GradeCount;
import cn.anjian.assessment.Assessment.ItemScore;
import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.Assessment.VetoHit;
import cn.anjian.assessment.Scheme.Item;
import cn.anjian.assessment.Scheme.Rows;
import cn.anjian.assessment.Scheme.Rule;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.assessment.Scheme.Veto;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Display;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;
import cn.anjian.semantic.Metric;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.semantic.QueryResult;
import cn.anjian.semantic.RowScope;

import org.springframework.stereotype.Service;

/**
 * Scores a year for every village or every department, at request time, from the same query builder the
 * dashboards use: one query per item for all units at once (grouped by village or department), so a number in the
 * assessment is the number on the dashboard, and the user's row scope applies to both alike.
 *
 * <p>The year is the date range (January to December); states such as "overdue" are judged at the end of the year,
 * or today while the year runs. A unit the query returns no row for has a count of 0 and no ratio (nothing to
 * measure), which a rule treats as "not applicable": full marks, said so in the evidence.
 *
 * <p>Units are scored and ranked among all the units of the user's town(s) ({@link RowScope#towns()}), whoever
 * asks, so a rank and a town average mean the same for the administrator and for a village cadre; the answer then
 * holds only the units the user may see (a village cadre: their own village, with its true rank and the town's
 * averages, as the town's 通报 tells them). Towns, scored with the county's scheme, are ranked likewise among all the
 * towns of the user's county ({@link RowScope#counties()}): a town leader sees their town with its county rank.
 */
@Service
public class AssessmentService {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final Schemes schemes;
    private final MetricQueryService queries;
    private final MemberRepository members;
    private final Catalog catalog;
    private final RowScope scope;

    AssessmentService(Schemes schemes, MetricQueryService queries, MemberRepository members, Catalog catalog,
                      RowScope scope) {
        this.schemes = schemes;
        this.queries = queries;
        this.members = members;
        this.catalog = catalog;
        this.scope = scope;
    }

    public List<Integer> years() {
        return schemes.years();
    }

    /** The years this kind of unit can be scored (towns: from the first county scheme). */
    public List<Integer> years(UnitKind kind) {
        return schemes.years(kind);
    }

    /** The town's scheme of a year (its villages and departments). */
    public Optional<Scheme> scheme(int year) {
        return schemes.forYear(year);
    }

    /** The scheme that scores this kind of unit in a year: the county's for towns, the town's otherwise. */
    public Optional<Scheme> scheme(int year, UnitKind kind) {
        return schemes.forYear(year, kind);
    }

    /** The default as-of day of a year: its last day, or today while it runs. */
    public LocalDate defaultAsOf(int year) {
        LocalDate end = Year.of(year).atMonth(12).atEndOfMonth();
        LocalDate today = queries.today();
        return today.isBefore(end) ? today : end;
    }

    /**
     * Whether the user's scope holds a whole town: only then are towns assessed for them (a village cadre has no
     * town to see, so neither the 乡镇 switch nor the county's ranking is theirs).
     */
    public boolean assessesTowns() {
        return !members.towns(scope).isEmpty();
    }

    public Assessment score(Scheme scheme, UnitKind kind, LocalDate asOf) {
        int year = scheme.year();
        Filters base = new Filters(YearMonth.of(year, 1), YearMonth.of(year, 12), List.of(), List.of(), Map.of(),
                asOf);
        RowScope peers = kind == UnitKind.TOWN ? scope.counties() : scope.towns();
        List<Member> units = switch (kind) {
            case VILLAGE -> members.villages(peers);
            case TOWN -> members.towns(peers);
            default -> members.departments(peers);
        };
        java.util.Set<String> visible = new java.util.HashSet<>();
        (switch (kind) {
            case VILLAGE -> members.villages();
            case TOWN -> members.towns(scope);
            default -> members.departments(scope);
        }).forEach(m -> visible.add(m.code()));
        List<Item> items = scheme.items(kind);
        List<Item> bonus = scheme.bonus(kind);
        List<Veto> vetoes = scheme.vetoes(kind);

        Map<String, Map<String, Object>> values = new HashMap<>();
        for (Item item : items) {
            values.put(item.id(), values(item.metric(), item.filters(), item.periods(), kind, base, peers));
        }
        for (Item item : bonus) {
            values.put(item.id(), values(item.metric(), item.filters(), item.periods(), kind, base, peers));
        }
        for (Veto veto : vetoes) {
            values.put(veto.id(), values(veto.metric(), veto.filters(), null, kind, base, peers));
        }

        List<UnitScore> scores = new ArrayList<>();
        for (Member unit : units) {
            List<ItemScore> itemScores = new ArrayList<>();
            for (Item item : items) {
                itemScores.add(scoreItem(item, valueOf(values, item.id(), item.metric(), item.periods(), unit),
                        false, kind, unit.code(), base));
            }
            List<ItemScore> bonusScores = new ArrayList<>();
            for (Item item : bonus) {
                bonusScores.add(scoreItem(item, valueOf(values, item.id(), item.metric(), item.periods(), unit),
                        true, kind, unit.code(), base));
            }
            List<VetoHit> hits = new ArrayList<>();
            for (Veto veto : vetoes) {
                Object value = valueOf(values, veto.id(), veto.metric(), null, unit);
                if (value instanceof Number n && new BigDecimal(n.toString()).compareTo(veto.above()) > 0) {
                    hits.add(new VetoHit(veto.id(), veto.title(), value, "实际 " + plain(new BigDecimal(n.toString()))
                            + " " + unitOf(veto.metric()) + "，超过 " + plain(veto.above()) + " → 一票否决",
                            link(veto.rows(), veto.filters(), kind, unit.code(), base)));
                }
            }
            BigDecimal total = sum(itemScores);
            BigDecimal bonusTotal = sum(bonusScores);
            BigDecimal score = total.add(bonusTotal);
            String grade = hits.isEmpty() ? scheme.grade(score) : scheme.vetoGrade();
            scores.add(new UnitScore(unit.code(), unit.label().zh(), itemScores, bonusScores, total, bonusTotal,
                    score, hits, !hits.isEmpty(), grade, 0));
        }
        List<UnitScore> ranked = rank(scores);

        List<BigDecimal> average = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            average.add(mean(ranked.stream().map(u -> u.items().get(index).points()).toList()));
        }
        BigDecimal averageScore = mean(ranked.stream().map(UnitScore::score).toList());
        Map<String, Long> counts = new LinkedHashMap<>();
        scheme.grades().forEach(g -> counts.put(g.grade(), 0L));
        counts.putIfAbsent(scheme.vetoGrade(), 0L);
        ranked.forEach(u -> counts.merge(u.grade(), 1L, Long::sum));

        return new Assessment(year, scheme.title(), kind.code(), asOf, base.from().toString(), base.to().toString(),
                items.stream().map(i -> column(scheme, i)).toList(), bonus.stream().map(i -> column(scheme, i)).toList(),
                vetoes.stream().map(v -> new Column(v.id(), v.title(), "一票否决", BigDecimal.ZERO, v.metric(),
                        "大于 " + plain(v.above()) + " 即一票否决")).toList(),
                ranked.stream().filter(u -> visible.contains(u.code())).toList(), ranked.size(), average,
                averageScore, counts.entrySet().stream().map(e -> new GradeCount(e.getKey(), e.getValue())).toList(),
                scheme.adoptedFrom(), asOf.isBefore(Year.of(year).atMonth(12).atEndOfMonth()));
    }

    /**
     * Each unit's score this year beside last year's, when both years have a scheme (each year scored with its own
     * scheme, as the paper sheets were). Empty when the year before has no scheme.
     */
    public Optional<Comparison> compare(Scheme scheme, UnitKind kind, LocalDate asOf) {
        return scheme(scheme.year() - 1, kind).map(before -> {
            Map<String, UnitScore> previous = new HashMap<>();
            score(before, kind, defaultAsOf(before.year())).units().forEach(u -> previous.put(u.code(), u));
            List<Comparison.Row> rows = new ArrayList<>();
            for (UnitScore u : score(scheme, kind, asOf).units()) {
                UnitScore p = previous.get(u.code());
                rows.add(new Comparison.Row(u.code(), u.name(), u.score(), u.grade(), u.rank(),
                        p == null ? null : p.score(), p == null ? null : p.grade(), p == null ? null : p.rank(),
                        p == null ? null : norm(u.score().subtract(p.score()))));
            }
            return new Comparison(scheme.year(), before.year(), kind.code(), rows);
        });
    }

    /** This year's and last year's scores by unit; {@code change} is this year's score minus last year's. */
    public record Comparison(int year, int previousYear, String unit, List<Row> units) {

        public record Row(String code, String name, BigDecimal score, String grade, int rank, BigDecimal previousScore,
                          String previousGrade, Integer previousRank, BigDecimal change) {
        }
    }

    /** Best first, vetoed units after the others; equal scores share a rank and the next rank skips (1, 1, 3). */
    static List<UnitScore> rank(List<UnitScore> scores) {
        List<UnitScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparing(UnitScore::vetoed)
                .thenComparing(UnitScore::score, Comparator.reverseOrder())
                .thenComparing(UnitScore::code));
        List<UnitScore> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            UnitScore u = sorted.get(i);
            int rank = i + 1;
            if (i > 0) {
                UnitScore previous = ranked.get(i - 1);
                if (previous.vetoed() == u.vetoed() && previous.score().compareTo(u.score()) == 0) {
                    rank = previous.rank();
                }
            }
            ranked.add(new UnitScore(u.code(), u.name(), u.items(), u.bonusItems(), u.total(), u.bonus(), u.score(),
                    u.vetoes(), u.vetoed(), u.grade(), rank));
        }
        return ranked;
    }

    /** One query for all units: code → value (or, with periods, code → number of periods above zero). */
    private Map<String, Object> values(String metric, Map<String, List<String>> filters, String periods,
                                       UnitKind kind, Filters base, RowScope peers) {
        List<String> dims = periods == null ? List.of(kind.dimension()) : List.of(kind.dimension(), periods);
        QueryResult result = queries.run(new MetricQuery(List.of(metric), dims, base.and(filters), List.of(), null),
                peers);
        Map<String, Object> byUnit = new HashMap<>();
        for (List<Object> row : result.rows()) {
            Object code = row.get(0);
            if (code == null) {
                continue;
            }
            if (periods == null) {
                byUnit.put(code.toString(), row.get(1));
            } else if (row.get(2) instanceof Number n && n.doubleValue() > 0) {
                byUnit.merge(code.toString(), 1L, (a, b) -> (Long) a + (Long) b);
            }
        }
        return byUnit;
    }

    private Object valueOf(Map<String, Map<String, Object>> values, String key, String metric, String periods,
                           Member unit) {
        Object value = values.get(key).get(unit.code());
        Metric m = catalog.metric(metric).orElseThrow();
        return value == null && (periods != null || m.format().zeroWhenEmpty()) ? 0L : value;
    }

    /** The points of one item for one unit, with the arithmetic that gives them. */
    ItemScore scoreItem(Item item, Object value, boolean isBonus, UnitKind kind, String code, Filters base) {
        Metric metric = catalog.metric(item.metric()).orElseThrow();
        boolean ratio = item.periods() == null && metric.format() == Metric.Format.RATIO;
        Rule rule = item.rule();
        String unitWord = ratio ? "%" : item.counted().isEmpty() ? "" : " " + item.counted();
        String targetText = plain(rule.target()) + unitWord;
        BigDecimal v = value instanceof Number n ? new BigDecimal(n.toString()) : null;
        // the value as every page and file shows it (the catalogue's display); a count of periods as it is
        Display display = item.periods() == null ? metric.display() : Display.count();
        BigDecimal shown = v == null ? null : display.shown(v);
        String valueText = shown == null ? "无" : plain(shown) + unitWord;
        String link = link(item.rows(), item.filters(), kind, code, base);
        String data = data(item, kind, code, base);

        BigDecimal raw;           // deduction (or, for bonus items, addition) before the cap
        String why;
        if (v == null) {
            raw = BigDecimal.ZERO;
            why = "无可计算的数据（如无隐患），视为达标";
        } else {
            BigDecimal actual = ratio ? v.multiply(HUNDRED).setScale(6, RoundingMode.HALF_UP) : v;
            switch (rule.type()) {
                case THRESHOLD -> {
                    boolean met = actual.compareTo(rule.target()) >= 0;
                    raw = met == isBonus ? item.max() : BigDecimal.ZERO;
                    why = "目标 ≥ " + targetText + "，实际 " + valueText + (met ? "，达标" : "，未达标");
                    why += isBonus ? (met ? " = 加 " + plain(raw) + " 分" : "，不加分")
                            : (met ? "，不扣分" : "，扣 " + plain(raw) + " 分");
                }
                case PER_COUNT_BELOW -> {
                    BigDecimal missing = rule.target().subtract(actual).max(BigDecimal.ZERO);
                    raw = missing.multiply(rule.points());
                    why = "目标 " + targetText + "，实际 " + valueText
                            + (missing.signum() == 0 ? "，达标，不扣分"
                            : "，缺 " + plain(missing) + unitWord + " × " + plain(rule.points()) + " 分 = 扣 "
                            + plain(raw) + " 分");
                }
                case PER_COUNT_ABOVE -> {
                    BigDecimal excess = actual.subtract(rule.target()).max(BigDecimal.ZERO);
                    raw = excess.multiply(rule.points());
                    String verb = isBonus ? "加" : "扣";
                    String head = (isBonus ? "基数 " : "允许 ") + targetText + "，实际 " + valueText;
                    why = excess.signum() == 0 ? head + (isBonus ? "，不加分" : "，不扣分")
                            : head + "，" + (isBonus ? "超出 " : "超 ") + plain(excess) + unitWord + " × "
                            + plain(rule.points()) + " 分 = " + verb + " " + plain(raw) + " 分";
                }
                case PER_POINT_BELOW -> {
                    BigDecimal gap = rule.target().subtract(actual).max(BigDecimal.ZERO);
                    BigDecimal counted = gap.setScale(0, RoundingMode.CEILING);
                    raw = counted.multiply(rule.points());
                    why = "目标 " + targetText + "，实际 " + valueText;
                    if (gap.signum() == 0) {
                        why += "，达标，不扣分";
                    } else {
                        String gapText = plain(gap.setScale(1, RoundingMode.HALF_UP));
                        why += "，低 " + gapText + " 个百分点"
                                + (gap.compareTo(counted) == 0 ? "" : "（不足 1 个百分点按 1 个计）")
                                + "，" + plain(counted) + " × " + plain(rule.points()) + " 分 = 扣 " + plain(raw) + " 分";
                    }
                }
                default -> throw new IllegalStateException(rule.type().toString());
            }
        }
        BigDecimal points;
        BigDecimal deduction;
        if (isBonus) {
            points = raw.min(item.max());
            deduction = BigDecimal.ZERO;
            if (raw.compareTo(item.max()) > 0) {
                why += "，加分上限 " + plain(item.max()) + " 分";
            }
        } else {
            deduction = raw.min(item.max());
            points = item.max().subtract(deduction);
            if (raw.compareTo(item.max()) > 0) {
                why += "，本项扣至 0 分为止";
            }
        }
        return new ItemScore(item.id(), item.max(), value, valueText, rule.target(), norm(points),
                norm(deduction), why, link, data, display, ratio ? "" : item.counted());
    }

    private Column column(Scheme scheme, Item item) {
        String section = scheme.sections().stream().filter(s -> s.id().equals(item.section()))
                .map(Scheme.Section::title).findFirst().orElse("加分项");
        return new Column(item.id(), item.title(), section, item.max(), item.metric(), ruleText(item));
    }

    /** The rule in words, for column headers and the export. */
    static String ruleText(Item item) {
        Rule r = item.rule();
        String unit = item.counted();
        return switch (r.type()) {
            case THRESHOLD -> "达到 " + plain(r.target()) + " 得满分";
            case PER_COUNT_BELOW -> "目标 " + plain(r.target()) + unit + "，每缺 1" + unit
                    + " 扣 " + plain(r.points()) + " 分";
            case PER_COUNT_ABOVE -> "超过 " + plain(r.target()) + unit + " 的，每 1" + unit + " "
                    + (item.section().equals("bonus") ? "加 " : "扣 ") + plain(r.points()) + " 分";
            case PER_POINT_BELOW -> "目标 " + plain(r.target()) + "%，每低 1 个百分点扣 " + plain(r.points()) + " 分";
        };
    }

    /** The dashboard page that lists the rows behind an item, filtered to the unit, the year and the item. */
    private static String link(Rows rows, Map<String, List<String>> filters, UnitKind kind, String code, Filters base) {
        if (rows == null) {
            return null;
        }
        return "/dashboards/" + rows.dashboard() + "?" + params(filters, kind, code, base);
    }

    private String data(Item item, UnitKind kind, String code, Filters base) {
        String params = params(item.filters(), kind, code, base);
        if (item.rows() != null && item.rows().panel() != null) {
            return "/data/dashboards/" + item.rows().dashboard() + "/panels/" + item.rows().panel() + "?" + params;
        }
        return "/data/query?metrics=" + item.metric() + "&dims=" + (item.periods() == null ? "month" : item.periods())
                + "&" + params;
    }

    private static String params(Map<String, List<String>> filters, UnitKind kind, String code, Filters base) {
        StringBuilder q = new StringBuilder();
        q.append(kind.dimension()).append('=').append(encode(code));
        q.append("&from=").append(base.from()).append("&to=").append(base.to());
        q.append("&asOf=").append(base.asOf());
        filters.forEach((k, v) -> q.append('&').append(k).append('=').append(encode(String.join(",", v))));
        return q.toString();
    }

    private String unitOf(String metric) {
        return catalog.metric(metric).map(m -> m.unit() == null ? "" : m.unit().zh()).orElse("");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static BigDecimal sum(List<ItemScore> scores) {
        return norm(scores.stream().map(ItemScore::points).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return norm(values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP));
    }

    /** Without trailing zeros but never in exponent form (100, not 1E+2), so JSON carries plain numbers. */
    static BigDecimal norm(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A decimal as people write it: 4, 0.5, 92.3 (never 4.00 or 4E+1). */
    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
