package cn.anjian.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One year's assessment scheme (考核细则), as read from {@code dashboards/assessment/<year>.yaml}: items grouped in
 * sections, bonus items outside the full score, veto rules and grade bands. Immutable; {@link SchemeLoader} checks
 * it against the catalogue before anyone scores with it.
 *
 * @param year      the assessment year; the file name carries it too
 * @param file      the file it came from, for messages
 * @param title     what the page and the export print on top
 * @param total     the full score of every unit kind (items applying to a kind add up to it)
 * @param sections  the scored items, in order
 * @param bonus     bonus items (加分项), added on top of the total, each capped at its maximum
 * @param vetoes    一票否决: any of them sets the grade to {@code vetoGrade} whatever the points
 * @param grades    grade bands, highest first
 * @param vetoGrade the grade a veto gives
 * @param adoptedFrom {@code null} for a year's own scheme; for a year without one, the year of the earlier scheme
 *                  it is scored with ({@link #adoptedFor})
 */
public record Scheme(int year, String file, String title, BigDecimal total, List<Section> sections, List<Item> bonus,
                     List<Veto> vetoes, List<GradeBand> grades, String vetoGrade, Integer adoptedFrom) {

    /**
     * This scheme applied to a later year that has no file of its own (the safety office has not yet written
     * one): the same items and rules over that year, its title naming that year, marked as adopted.
     */
    public Scheme adoptedFor(int laterYear) {
        String yearWord = String.valueOf(year);
        return new Scheme(laterYear, file, title.replace(yearWord, String.valueOf(laterYear)), total, sections, bonus,
                vetoes, grades, vetoGrade, year);
    }

    /**
     * Whether this is the county's scheme for its towns (县对乡镇考核, {@code county-<year>.yaml}) rather than the
     * town's scheme for its villages and departments ({@code <year>.yaml}).
     */
    public boolean county() {
        return isCountyFile(file);
    }

    /** The one naming rule: a county scheme is {@code county-<year>.yaml}, a town's scheme {@code <year>.yaml}. */
    static boolean isCountyFile(String file) {
        return file != null && file.startsWith("county-");
    }

    /** The scored items of all sections, in order. */
    public List<Item> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }

    public List<Item> items(UnitKind kind) {
        return items().stream().filter(i -> i.unit().includes(kind)).toList();
    }

    public List<Item> bonus(UnitKind kind) {
        return bonus.stream().filter(i -> i.unit().includes(kind)).toList();
    }

    public List<Veto> vetoes(UnitKind kind) {
        return vetoes.stream().filter(v -> v.unit().includes(kind)).toList();
    }

    /** Every item, scored and bonus. */
    public Stream<Item> allItems() {
        return Stream.concat(items().stream(), bonus.stream());
    }

    /** The grade of a final score (veto aside). */
    public String grade(BigDecimal score) {
        for (GradeBand band : grades) {
            if (band.contains(score)) {
                return band.grade();
            }
        }
        return vetoGrade;
    }

    public record Section(String id, String title, List<Item> items) {
    }

    /**
     * @param id      stable id ([a-z0-9_]), the column key in the API and the export
     * @param title   what the safety office reads
     * @param section the section id (bonus items: {@code bonus})
     * @param max     maximum points; an item never gives less than zero nor more than this
     * @param metric  catalogue metric id
     * @param filters fixed catalogue filters ANDed to the year (e.g. {@code inspection_type: [door_knock]})
     * @param periods {@code null}, or a time dimension: the value is then the number of such periods in the year
     *                in which the metric is above zero (quarters with a blacklist published)
     * @param unit    the units it applies to
     * @param rule    how the value becomes points
     * @param rows    a dashboard (and optionally a panel) showing the rows behind the value, or {@code null}
     * @param counted the word for what is counted in the arithmetic text (个月, 次, 件), or {@code null} for the
     *                metric's unit
     * @param basis   the scheme text the item comes from (依据), optional
     */
    public record Item(String id, String title, String section, BigDecimal max, String metric,
                       Map<String, List<String>> filters, String periods, UnitKind unit, Rule rule, Rows rows,
                       String counted, String basis) {
    }

    /**
     * How a metric value becomes points. Ratios (catalogue format {@code ratio}, 0–1) are compared in percent.
     *
     * @param type   the rule kind
     * @param target the target value (count, or percent for ratios)
     * @param points points per count or per percentage point (ignored by {@code threshold})
     */
    public record Rule(RuleType type, BigDecimal target, BigDecimal points) {
    }

    public enum RuleType {
        /** Full marks at or above the target, none below. */
        THRESHOLD("threshold"),
        /** Each count below the target deducts {@code points} (a missing month). */
        PER_COUNT_BELOW("per_count_below"),
        /** Each count above the target deducts {@code points} (an overdue hazard, a death); bonus: adds. */
        PER_COUNT_ABOVE("per_count_above"),
        /** Each percentage point below the target deducts {@code points}; a part of a point counts as a point. */
        PER_POINT_BELOW("per_point_below");

        private final String code;

        RuleType(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static RuleType of(String code) {
            for (RuleType t : values()) {
                if (t.code.equals(code)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Where the rows behind an item are: a dashboard page, and the panel whose data lists them. */
    public record Rows(String dashboard, String panel) {
    }

    /**
     * @param above the veto applies when the metric value is greater than this
     */
    public record Veto(String id, String title, String metric, Map<String, List<String>> filters, UnitKind unit,
                       BigDecimal above, Rows rows) {
    }

    /** A grade for scores in {@code [min, below)}; {@code below} null means no upper bound. */
    public record GradeBand(String grade, BigDecimal min, BigDecimal below) {

        boolean contains(BigDecimal score) {
            return score.compareTo(min) >= 0 && (below == null || score.compareTo(below) < 0);
        }

        boolean overlaps(GradeBand other) {
            boolean thisBelowOther = below != null && below.compareTo(other.min) <= 0;
            boolean otherBelowThis = other.below != null && other.below.compareTo(min) <= 0;
            return !thisBelowOther && !otherBelowThis;
        }
    }

    /**
     * The kinds of unit assessed: a town's villages and departments (its scheme), the county's towns (the county
     * scheme). {@code both} is a scheme-file shorthand for villages and departments, never towns.
     */
    public enum UnitKind {
        VILLAGE("village", "村(社区)"), DEPARTMENT("department", "部门"), TOWN("town", "乡镇"),
        BOTH("both", "村(社区)和部门");

        private final String code;
        private final String zh;

        UnitKind(String code, String zh) {
            this.code = code;
            this.zh = zh;
        }

        public String code() {
            return code;
        }

        public String zh() {
            return zh;
        }

        /** The catalogue dimension (and filter) that names a unit of this kind. */
        public String dimension() {
            return code;
        }

        boolean includes(UnitKind kind) {
            return this == kind || this == BOTH && kind != TOWN;
        }

        /** The units a scheme scores: towns in the county scheme, villages and departments in a town's. */
        static List<UnitKind> assessed() {
            return List.of(VILLAGE, DEPARTMENT, TOWN);
        }

        static UnitKind of(String code) {
            for (UnitKind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }
}
