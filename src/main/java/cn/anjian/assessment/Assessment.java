package cn.anjian.assessment;

import java.math.BigDecimal;

import cn.anjian.semantic.Display;
import java.time.LocalDate;
import java.util.List;

/**
 * A year's scores for one kind of unit: what {@code GET /api/assessment/{year}} answers and the pages and the
 * export print. Points are decimals with at most two places; every item carries its own evidence.
 *
 * @param items    the scored items that apply to this kind of unit, in scheme order (the table's columns)
 * @param bonus    the bonus items that apply
 * @param vetoes   the veto rules that apply
 * @param units    the units the user may see, best first (vetoed units last), each with its rank among all the
 *                 units of its town(s): a village cadre sees their own village, ranked among the town's villages
 * @param ranked   how many units the ranks, the averages and the grade counts are taken over (the town's)
 * @param average  the town average of each item's points, in {@code items} order (the radar's reference line)
 * @param adoptedFrom {@code null}, or the year of the earlier scheme this year is scored with (no file of its own)
 * @param provisional whether the year is still running: the score so far, states as of {@code asOf}
 */
public record Assessment(int year, String title, String unit, LocalDate asOf, String from, String to,
                         List<Column> items, List<Column> bonus, List<Column> vetoes, List<UnitScore> units,
                         int ranked, List<BigDecimal> average, BigDecimal averageScore, List<GradeCount> grades,
                         Integer adoptedFrom, boolean provisional) {

    /** What the peers' average is called: the town's (its villages, departments) or the county's (its towns). */
    public String averageName() {
        return "town".equals(unit) ? "全县平均" : "全镇平均";
    }

    /** What a reader must know before trusting the numbers: an adopted scheme, a year not yet over. */
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>();
        if (adoptedFrom != null) {
            notes.add(year + " 年度尚无考核方案，沿用 " + adoptedFrom + " 年度方案评分");
        }
        if (provisional) {
            notes.add("本年度尚未结束：截至 " + asOf + " 的暂评得分，年末前仍会变化");
        }
        return notes;
    }

    /** An item as a column: id, title, section title and maximum points. */
    public record Column(String id, String title, String section, BigDecimal max, String metric, String rule) {
    }

    public record GradeCount(String grade, long units) {
    }

    /**
     * @param total  the sum of the item points (never above the scheme's total)
     * @param bonus  the sum of the bonus points
     * @param score  total + bonus: what the grade and the rank read
     * @param vetoed whether a veto rule applied; then {@code grade} is the veto grade
     * @param rank   1 for the best; equal scores share a rank (1, 1, 3)
     */
    public record UnitScore(String code, String name, List<ItemScore> items, List<ItemScore> bonusItems,
                            BigDecimal total, BigDecimal bonus, BigDecimal score, List<VetoHit> vetoes,
                            boolean vetoed, String grade, int rank) {
    }

    /**
     * @param value      the metric value (a count, or a ratio 0–1; {@code null} when there is nothing to measure)
     * @param valueText  the value as shown (ratios in percent, with the unit)
     * @param target     the rule's target (percent for ratios)
     * @param points     the points given
     * @param deduction  max − points for scored items; 0 for bonus items
     * @param arithmetic the rule applied, as a sentence: 目标 12 个月，实际 10 个月，缺 2 个月 × 2 分 = 扣 4 分
     * @param link       the dashboard page showing the rows behind the value, filtered to this unit and year
     * @param data       the page listing the same rows (or the value by period) as a table, with their JSON linked
     * @param display    how the value is shown: the metric's catalogue display (a count for counted periods)
     * @param counted    the unit word after a value that is not a percentage ({@code 项}, {@code 个月}), or ""
     */
    public record ItemScore(String id, BigDecimal max, Object value, String valueText, BigDecimal target,
                            BigDecimal points, BigDecimal deduction, String arithmetic, String link, String data,
                            Display display, String counted) {

        /** The spreadsheet format of the value: the display's, with the unit word as a literal. */
        public String numberFormat() {
            return display.excelFormat() + (counted.isEmpty() ? "" : "\" " + counted.replace("\"", "") + "\"");
        }
    }

    public record VetoHit(String id, String title, Object value, String arithmetic, String link) {
    }
}
