package cn.anjian.semantic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jooq.AggregateFunction;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import cn.anjian.jooq.tables.MartUnitMonth;
import cn.anjian.semantic.Dimension.MemberKind;
import cn.anjian.semantic.Metric.Variant;


import static cn.anjian.jooq.Tables.ETL_BATCH;
import static cn.anjian.jooq.Tables.ETL_REJECT;
import static cn.anjian.jooq.Tables.FACT_ACCIDENT;
import static cn.anjian.jooq.Tables.FACT_ENFORCEMENT;
import static cn.anjian.jooq.Tables.FACT_HAZARD;
import static cn.anjian.jooq.Tables.FACT_INSPECTION;
import static cn.anjian.jooq.Tables.MART_HAZARD_MONTH;
import static cn.anjian.jooq.Tables.MART_KEY_ENTERPRISE_YEAR;
import static cn.anjian.jooq.Tables.MART_UNIT_MONTH;
import static cn.anjian.jooq.Tables.FACT_DRILL;
import static cn.anjian.jooq.Tables.FACT_TRAINING;
import static cn.anjian.jooq.Tables.FACT_TIPOFF;
import static cn.anjian.jooq.Tables.FACT_HEAD_DUTY;
import static cn.anjian.jooq.Tables.FACT_DOOR_KNOCK;
import static cn.anjian.jooq.Tables.FACT_PUBLICITY;
import static cn.anjian.jooq.Tables.FACT_TASK_PROGRESS;
import static cn.anjian.jooq.Tables.MART_TASK_UNIT_MONTH;
import static cn.anjian.jooq.Tables.MART_ABOVE_SCALE_QUARTER;

/**
 * The metric and dimension catalogue (DESIGN §5): every number the product shows is declared here once, in jOOQ
 * against the generated schema, so a renamed column breaks the build rather than a chart. Add a metric by
 * declaring it in the constructor; dashboards then name it by id.
 *
 * <p>Conventions every metric follows: the date range and the time dimensions apply to the fact's own date (a
 * hazard's found date, an inspection's date); states are judged on the as-of date (a hazard found in the range is
 * "open" if it was not rectified by the as-of date); ratios are 0–1 and {@code null} when the denominator is 0.
 * Each metric declares its unit and its {@link Display} (counts whole, money in 元 to the 分, ratios in percent to one
 * decimal, days to one decimal): the page, CSV, XLSX and the reports show it that way and no other.
 */
public class Catalog {

    private static final Label COUNT = Label.of("件", "");
    private static final Label TIMES = Label.of("次", "");
    private static final Label UNITS = Label.of("个", "");
    private static final Label PEOPLE = Label.of("人", "");
    private static final Label YUAN = Label.of("元", "yuan");
    private static final Label PERCENT = Label.of("%", "%");
    private static final Label DAYS = Label.of("天", "days");

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Dimension> dimensions = new LinkedHashMap<>();
    private final Map<String, DetailView> details = new LinkedHashMap<>();

    /** The day of the next month by which a month's ledger is due, unless the setting says otherwise. */
    public static final int DEFAULT_LEDGER_DUE_DAY = 5;

    private final int ledgerDueDay;

    public Catalog() {
        this(DEFAULT_LEDGER_DUE_DAY);
    }

    /**
     * @param ledgerDueDay the day of the next month by which a month's ledger is due ({@code anjian.ledger-due-day}):
     *                     a village counts as without a ledger for a month only once that day has passed
     */
    public Catalog(int ledgerDueDay) {
        if (ledgerDueDay < 1 || ledgerDueDay > 28) {
            throw new IllegalArgumentException("anjian.ledger-due-day must be a day from 1 to 28, not " + ledgerDueDay);
        }
        this.ledgerDueDay = ledgerDueDay;
        declareDimensions();
        declareHazardMetrics();
        declareInspectionMetrics();
        declareEnforcementMetrics();
        declareAccidentMetrics();
        declareDataQualityMetrics();
        declareCampaignMetrics();
        declareDetails();
        declareCampaignDetails();
    }

    // ---------------------------------------------------------------- dimensions

    private void declareDimensions() {
        for (TimeGrain grain : TimeGrain.values()) {
            add(new Dimension(grain.code(), timeLabel(grain),
                    f -> grain.coarserOrEqual(f.source().grain()) ? grain.truncate(f.source().time()) : null,
                    value -> grain.format((LocalDate) value), MemberKind.NONE, grain));
        }
        coded("sector", "行业领域", "Sector", f -> f.source().sector(), MemberKind.SECTOR);
        // sub-sectors (etl/codes.yaml) counted under their parent sector
        coded("sector_parent", "行业大类", "Sector group",
                f -> f.source().sector() == null ? null : SectorTree.parentOf(f.source().sector()),
                MemberKind.SECTOR_GROUP);
        coded("county", "县", "County", f -> f.region() == null ? null : f.region().COUNTY_CODE, MemberKind.REGION);
        coded("town", "乡镇", "Town", f -> f.region() == null ? null : f.region().TOWN_CODE, MemberKind.REGION);
        coded("village", "村(社区)", "Village", f -> f.source().region(), MemberKind.VILLAGE);
        coded("department", "责任单位", "Department", f -> f.source().department(), MemberKind.DEPARTMENT);
        coded("hazard_level", "隐患等级", "Hazard level", f -> f.source().column("hazard_level"),
                MemberKind.HAZARD_LEVEL);
        coded("hazard_status", "隐患状态", "Hazard status", f -> f.source().column("hazard_status"),
                MemberKind.HAZARD_STATUS);
        coded("enterprise", "生产经营单位", "Enterprise",
                f -> f.source().enterprise() != null ? f.source().enterprise() : f.source().column("enterprise"),
                MemberKind.ENTERPRISE);
        coded("enterprise_scale", "企业规模", "Enterprise scale",
                f -> f.enterprise() == null ? null : f.enterprise().SCALE, MemberKind.SCALE);
        coded("enterprise_high_risk", "高危行业", "High-risk industry",
                f -> f.enterprise() == null ? null : yesNo(f.enterprise().IS_HIGH_RISK), MemberKind.FLAG);
        coded("enterprise_key", "重点企业", "Key enterprise",
                f -> f.enterprise() == null ? null : yesNo(f.enterprise().IS_KEY), MemberKind.FLAG);
        coded("enterprise_crowded", "人员密集场所", "Crowded place",
                f -> f.enterprise() == null ? null : yesNo(f.enterprise().IS_CROWDED_PLACE), MemberKind.FLAG);
        coded("inspection_type", "检查类型", "Inspection type", f -> f.source().column("inspection_type"),
                MemberKind.INSPECTION_TYPE);
        coded("enforcement_action", "执法措施", "Enforcement action", f -> f.source().column("enforcement_action"),
                MemberKind.ENFORCEMENT_ACTION);
        coded("accident_level", "事故等级", "Accident level", f -> f.source().column("accident_level"),
                MemberKind.ACCIDENT_LEVEL);
        coded("check_unit", "检查单位", "Checking unit", f -> f.source().column("check_unit"), MemberKind.UNIT);
        coded("unit_kind", "单位类别", "Unit kind", f -> f.source().column("unit_kind"), MemberKind.UNIT_KIND);
        coded("reject_reason", "退回原因", "Reject reason", f -> f.source().column("reject_reason"), MemberKind.TEXT);
        coded("source_file", "台账文件", "Ledger file", f -> f.source().column("source_file"), MemberKind.TEXT);
        coded("reject_field", "字段", "Field", f -> f.source().column("reject_field"), MemberKind.TEXT);
        coded("ledger_kind", "台账类别", "Ledger kind", f -> f.source().column("ledger_kind"), MemberKind.TEXT);
        coded("training_role", "人员类别", "Trainee role", f -> f.source().column("training_role"),
                MemberKind.TRAINING_ROLE);
        coded("training_type", "培训类型", "Training type", f -> f.source().column("training_type"),
                MemberKind.TRAINING_TYPE);
        coded("tipoff_channel", "举报渠道", "Tip-off channel", f -> f.source().column("tipoff_channel"),
                MemberKind.TIPOFF_CHANNEL);
        coded("household_type", "走访对象类别", "Household type", f -> f.source().column("household_type"),
                MemberKind.HOUSEHOLD_TYPE);
        coded("publicity_kind", "活动类别", "Event kind", f -> f.source().column("publicity_kind"),
                MemberKind.PUBLICITY_KIND);
        coded("task_status", "进展状态", "Progress", f -> f.source().column("task_status"), MemberKind.TASK_STATUS);
        coded("campaign_task", "专项行动任务", "Campaign task", f -> f.source().column("campaign_task"),
                MemberKind.TEXT);
        coded("campaign", "专项行动", "Campaign", f -> f.source().column("campaign"), MemberKind.TEXT);
    }

    private static Label timeLabel(TimeGrain grain) {
        return switch (grain) {
            case DAY -> Label.of("日期", "Day");
            case WEEK -> Label.of("周", "Week");
            case MONTH -> Label.of("月份", "Month");
            case QUARTER -> Label.of("季度", "Quarter");
            case YEAR -> Label.of("年度", "Year");
        };
    }

    private static Field<String> yesNo(Field<Boolean> flag) {
        return DSL.when(flag.isTrue(), DSL.inline("yes")).when(flag.isFalse(), DSL.inline("no"));
    }

    private void coded(String id, String zh, String en, Function<From, Field<?>> column, MemberKind members) {
        add(new Dimension(id, Label.of(zh, en), column, Function.identity(), members, null));
    }

    // ---------------------------------------------------------------- hazards

    private void declareHazardMetrics() {
        var h = FACT_HAZARD;
        var m = MART_HAZARD_MONTH;
        Condition major = h.HAZARD_LEVEL.eq("major");

        metric("hazards_found", "发现隐患", "Hazards found", COUNT, Display.count(),
                "日期范围内发现的隐患数", "Hazards found in the date range",
                mart(f -> DSL.sum(m.FOUND_COUNT).cast(SQLDataType.BIGINT)),
                hazard(f -> count(DSL.noCondition())));
        metric("hazards_rectified", "已整改隐患", "Hazards rectified", COUNT, Display.count(),
                "范围内发现、截至统计日已整改(或已销号)的隐患数", "Found in the range and rectified (or closed) by the as-of date",
                hazard(f -> count(rectifiedBy(f))));
        metric("hazards_closed", "已销号隐患", "Hazards closed", COUNT, Display.count(),
                "范围内发现、截至统计日已销号的隐患数", "Found in the range and closed by the as-of date",
                hazard(f -> count(h.CLOSED_DATE.le(f.asOf()))));
        metric("rectification_rate", "整改率", "Rectification rate", PERCENT, Display.percent(1),
                "已整改隐患 / 发现隐患", "Hazards rectified / hazards found",
                hazard(f -> ratio(count(rectifiedBy(f)), count(h.FOUND_DATE.le(f.asOf())))));
        metric("on_time_rectification_rate", "按期整改率", "On-time rectification rate", PERCENT, Display.percent(1),
                "整改期限内完成整改的隐患 / 已整改隐患(无期限视为按期)",
                "Rectified by the deadline / rectified (no deadline counts as on time)",
                hazard(f -> ratio(count(rectifiedBy(f).and(rectifiedDayKnown()).and(h.DEADLINE_DATE.isNull()
                        .or(h.OPEN_UNTIL.le(h.DEADLINE_DATE)))), count(rectifiedBy(f).and(rectifiedDayKnown())))));
        metric("hazards_open", "未整改隐患", "Hazards open", COUNT, Display.count(),
                "范围内发现、截至统计日尚未整改的隐患数", "Found in the range and not rectified by the as-of date",
                hazard(f -> count(openOn(f))));
        metric("hazards_overdue", "逾期未整改隐患", "Hazards overdue", COUNT, Display.count(),
                "未整改且整改期限早于统计日的隐患数", "Open and past the deadline on the as-of date",
                hazard(f -> count(overdueOn(f))));
        metric("major_found", "发现重大隐患", "Major hazards found", COUNT, Display.count(),
                "日期范围内发现的重大隐患数", "Major hazards found in the date range",
                mart(f -> DSL.sum(m.FOUND_COUNT).filterWhere(m.HAZARD_LEVEL.eq("major")).cast(SQLDataType.BIGINT)),
                majorHazard(f -> count(major)));
        metric("major_open", "未整改重大隐患", "Major hazards open", COUNT, Display.count(),
                "截至统计日尚未整改的重大隐患数", "Major hazards not rectified by the as-of date",
                majorHazard(f -> count(major.and(openOn(f)))));
        metric("major_overdue", "逾期重大隐患", "Major hazards overdue", COUNT, Display.count(),
                "逾期未整改的重大隐患数", "Major hazards open and past the deadline",
                majorHazard(f -> count(major.and(overdueOn(f)))));
        metric("major_unpublished", "销号未公布的重大隐患", "Major hazards closed, not published", COUNT, Display.count(),
                "截至统计日已销号但未向社会公布的重大隐患数", "Major hazards closed by the as-of date and not published",
                majorHazard(f -> count(major.and(h.CLOSED_DATE.le(f.asOf())).and(h.IS_PUBLISHED.isFalse()))));
        metric("mean_days_to_rectify", "平均整改天数", "Mean days to rectify", DAYS, Display.days(1),
                "已整改隐患从发现到整改的平均天数", "Mean days from found to rectified, over hazards rectified",
                hazard(f -> DSL.avg(daysToRectify()).filterWhere(rectifiedBy(f).and(rectifiedDayKnown()))
                        .cast(SQLDataType.DOUBLE)));
        metric("p90_days_to_rectify", "整改天数(90分位)", "Days to rectify, 90th percentile", DAYS, Display.days(1),
                "已整改隐患从发现到整改天数的90分位数", "90th percentile of days from found to rectified",
                hazard(f -> DSL.field("quantile_cont({0}, 0.9) FILTER (WHERE {1})", SQLDataType.DOUBLE,
                        daysToRectify(), rectifiedBy(f).and(rectifiedDayKnown()))));
        metric("five_implementation_completeness", "重大隐患五落实完成率", "五落实 completeness of major hazards",
                PERCENT, Display.percent(1),
                "重大隐患已落实的责任、措施、资金、时限、预案项 / (重大隐患数 × 5)",
                "Share of the five measures in place over major hazards",
                majorHazard(f -> ratio(DSL.sum(fiveFlags()).filterWhere(major), count(major).mul(5L))));
        metric("status_date_conflicts", "状态与日期矛盾", "Status contradicting dates", COUNT, Display.count(),
                "台账写明已整改/已销号却没有日期 (按已整改、日期不详计)，或写明未整改却有整改日期 (按日期计) 的隐患数",
                "Hazards stated rectified or closed without a date (counted rectified on an unknown day), or stated"
                        + " open with a rectification date (the date counts)",
                hazard(f -> count(statusContradictsDates())));
        metric("rectification_funds", "整改资金", "Rectification funds", YUAN, Display.yuan(),
                "日期范围内发现隐患的整改资金合计", "Funds for hazards found in the date range",
                mart(f -> DSL.sum(m.FUNDS_YUAN)), hazard(f -> DSL.sum(h.FUNDS_YUAN)));
    }

    /** The rectification date, else the closing date ({@code null} while open): what the detail lists show. */
    private static Field<LocalDate> rectifiedOn() {
        return DSL.coalesce(FACT_HAZARD.RECTIFIED_DATE, FACT_HAZARD.CLOSED_DATE);
    }

    /**
     * The ledger's day of rectification is known: a hazard stated 已整改/已销号 without a date (open_until is then its
     * found date, anj_open_until in sql/reference/R030) counts as rectified, but not in the days-to-rectify and
     * on-time figures, which would read a day it does not say.
     */
    private static Condition rectifiedDayKnown() {
        return FACT_HAZARD.RECTIFIED_DATE.isNotNull().or(FACT_HAZARD.CLOSED_DATE.isNotNull());
    }

    /**
     * A stated status the dates contradict: 已整改/已销号 without a date, or 未整改/整改中 with one. The rule is the
     * warehouse's own ({@code anj_status_without_date}, {@code anj_status_before_date} in R030), which the loader's
     * warnings on the same rows read too.
     */
    private static Condition statusContradictsDates() {
        var h = FACT_HAZARD;
        return DSL.condition("anj_status_without_date({0}, {1}, {2}) OR anj_status_before_date({0}, {1}, {2})",
                h.STATUS, h.RECTIFIED_DATE, h.CLOSED_DATE);
    }

    /** The ledger's columns no field takes (the JSON object in extra) as 表头: 内容；… for a detail list. */
    private static Field<String> extraText(Field<String> extra) {
        return DSL.field("CASE WHEN json_valid({0}) THEN array_to_string(list_transform(json_keys({0}),"
                        + " lambda k: k || ': ' || ({0} ->> k)), '；') END",
                SQLDataType.VARCHAR, extra);
    }

    /*
     * The as-of states read fact_hazard.open_until (the rectification date, else the closing date, else 9999-12-31),
     * stored by the loader: one date comparison per row instead of a COALESCE and an OR keeps them fast at 10 M rows.
     */

    private static Condition rectifiedBy(From f) {
        return FACT_HAZARD.OPEN_UNTIL.le(f.asOf());
    }

    private static Condition openOn(From f) {
        return FACT_HAZARD.FOUND_DATE.le(f.asOf()).and(FACT_HAZARD.OPEN_UNTIL.gt(f.asOf()));
    }

    private static Condition overdueOn(From f) {
        return openOn(f).and(FACT_HAZARD.DEADLINE_DATE.lt(f.asOf()));
    }

    /** Days from found to rectified; only meaningful under {@link #rectifiedBy}. */
    private static Field<Integer> daysToRectify() {
        return DSL.field("date_diff('day', {0}, {1})", SQLDataType.INTEGER, FACT_HAZARD.FOUND_DATE,
                FACT_HAZARD.OPEN_UNTIL);
    }

    private static Field<Integer> fiveFlags() {
        var h = FACT_HAZARD;
        // a measure the ledger does not state (NULL) is not in place, and leaves the others counted
        return DSL.field("cast(coalesce({0}, false) as integer) + cast(coalesce({1}, false) as integer)"
                        + " + cast(coalesce({2}, false) as integer) + cast(coalesce({3}, false) as integer)"
                        + " + cast(coalesce({4}, false) as integer)", SQLDataType.INTEGER,
                h.WL_RESPONSIBILITY, h.WL_MEASURES, h.WL_FUNDS, h.WL_TIME_LIMIT, h.WL_CONTINGENCY);
    }

    private static Variant mart(Function<From, Field<?>> value) {
        return new Variant(Source.HAZARD_MONTH, value);
    }

    /** A value over major hazards only: statements of such values scan only the major ones. */
    private static Variant majorHazard(Function<From, Field<?>> value) {
        return new Variant(Source.HAZARD, value, f -> FACT_HAZARD.HAZARD_LEVEL.eq("major"));
    }

    private static Variant hazard(Function<From, Field<?>> value) {
        return new Variant(Source.HAZARD, value);
    }

    // ---------------------------------------------------------------- inspections

    private void declareInspectionMetrics() {
        var i = FACT_INSPECTION;
        var u = MART_UNIT_MONTH;
        var k = MART_KEY_ENTERPRISE_YEAR;
        metric("inspections", "检查次数", "Inspections", TIMES, Display.count(),
                "日期范围内的检查次数(一个对象一天一次)", "Inspections (one target, one day) in the range",
                new Variant(Source.INSPECTION, f -> count(DSL.noCondition())));
        metric("inspections_led_by_leader", "领导带队检查", "Inspections led by a leader", TIMES, Display.count(),
                "由负责人带队的检查次数", "Inspections led by the unit's head",
                new Variant(Source.INSPECTION, f -> count(i.LED_BY_LEADER.isTrue())));
        metric("double_random_share", "双随机抽查占比", "Double-random share", PERCENT, Display.percent(1),
                "双随机抽查次数 / 检查次数", "Double-random inspections / inspections",
                new Variant(Source.INSPECTION, f -> ratio(count(i.IS_DOUBLE_RANDOM.isTrue()),
                        count(DSL.noCondition()))));
        metric("key_enterprise_coverage", "重点企业检查覆盖率", "Key-enterprise coverage", PERCENT, Display.percent(1),
                "年内被检查(企业自查除外)的重点企业 / 当年在册重点企业",
                "Key enterprises inspected in the year (self-checks aside) / key enterprises current that year",
                new Variant(Source.KEY_ENTERPRISE_YEAR, f -> ratio(count(k.INSPECTIONS.gt(0L)),
                        count(DSL.noCondition()))));
        metric("key_enterprises", "重点企业数", "Key enterprises", UNITS, Display.count(),
                "当年在册重点企业数", "Key enterprises current in the year",
                new Variant(Source.KEY_ENTERPRISE_YEAR, f -> count(DSL.noCondition())));
        metric("monthly_check_units", "开展月度排查的单位", "Units with a monthly check", UNITS, Display.count(),
                "当月开展月度排查的村(社区)和部门数(按月累计)",
                "Villages and departments with a monthly check in the month (summed over months)",
                new Variant(Source.UNIT_MONTH, f -> count(u.MONTHLY_CHECKS.gt(0L))));
        metric("monthly_check_compliance", "月度排查开展率", "Monthly-check compliance", PERCENT, Display.percent(1),
                "开展月度排查的单位·月 / 应开展的单位·月", "Unit-months with a monthly check / unit-months",
                new Variant(Source.UNIT_MONTH, f -> ratio(count(u.MONTHLY_CHECKS.gt(0L)), count(DSL.noCondition()))));
        metric("ledgers_missing", "未报送台账的村(社区)", "Villages without a ledger", UNITS, Display.count(),
                "当月没有任何检查记录的村(社区)数(按月累计)",
                "Villages with no inspection rows in the month (summed over months)",
                new Variant(Source.UNIT_MONTH, f -> count(ledgerMissing(u, f))));
    }

    // ---------------------------------------------------------------- enforcement, accidents, data quality

    private void declareEnforcementMetrics() {
        var e = FACT_ENFORCEMENT;
        metric("enforcement_actions", "执法措施", "Enforcement actions", TIMES, Display.count(),
                "日期范围内的执法措施数", "Enforcement actions in the range",
                new Variant(Source.ENFORCEMENT, f -> count(DSL.noCondition())));
        String[][] stages = {{"首查服务提醒", "Ladder stage 1: reminder"}, {"再查警告警示", "Ladder stage 2: warning"},
                {"三查依法查处", "Ladder stage 3: penalty"}};
        for (int s = 1; s <= 3; s++) {
            int stage = s;
            metric("enforcement_stage_" + s, stages[s - 1][0], stages[s - 1][1], TIMES, Display.count(),
                    "执法阶梯第" + s + "阶段的措施数", "Actions at ladder stage " + s,
                    new Variant(Source.ENFORCEMENT, f -> count(e.LADDER_STAGE.eq(stage))));
        }
        metric("escalation_rate", "升级查处率", "Escalation rate (2nd→3rd)", PERCENT, Display.percent(1),
                "三查依法查处数 / 再查警告数", "Stage-3 actions / stage-2 actions",
                new Variant(Source.ENFORCEMENT, f -> ratio(count(e.LADDER_STAGE.eq(3)), count(e.LADDER_STAGE.eq(2)))));
        metric("fines_proposed", "拟罚款金额", "Fines proposed", YUAN, Display.yuan(),
                "拟处罚款合计", "Fines proposed",
                new Variant(Source.ENFORCEMENT, f -> DSL.sum(e.FINE_PROPOSED_YUAN)));
        metric("fines_final", "实际罚款金额", "Fines imposed", YUAN, Display.yuan(),
                "最终决定罚款合计", "Fines finally imposed",
                new Variant(Source.ENFORCEMENT, f -> DSL.sum(e.FINE_FINAL_YUAN)));
        metric("blacklist_entries", "纳入黑名单", "Blacklist entries", TIMES, Display.count(),
                "纳入失信联合惩戒黑名单的措施数", "Actions putting a unit on the blacklist",
                new Variant(Source.ENFORCEMENT, f -> count(e.ACTION_CODE.eq("blacklist"))));
    }

    private void declareAccidentMetrics() {
        var a = FACT_ACCIDENT;
        metric("accidents", "事故起数", "Accidents", Label.of("起", ""), Display.count(), "日期范围内的事故起数",
                "Accidents in the range", new Variant(Source.ACCIDENT, f -> count(DSL.noCondition())));
        metric("deaths", "死亡人数", "Deaths", PEOPLE, Display.count(), "事故死亡人数", "Deaths in accidents",
                new Variant(Source.ACCIDENT, f -> DSL.sum(a.DEATHS).cast(SQLDataType.BIGINT)));
        metric("accidents_concealed", "瞒报事故", "Concealed accidents", Label.of("起", ""), Display.count(),
                "经查实瞒报、谎报的事故起数", "Accidents found to have been concealed",
                new Variant(Source.ACCIDENT, f -> count(a.IS_CONCEALED.isTrue())));
        metric("injuries", "受伤人数", "Injuries", PEOPLE, Display.count(), "事故受伤人数", "Injuries in accidents",
                new Variant(Source.ACCIDENT, f -> DSL.sum(a.INJURIES).cast(SQLDataType.BIGINT)));
    }

    private void declareDataQualityMetrics() {
        metric("rejected_rows", "退回记录", "Rejected rows", COUNT, Display.count(),
                "导入时未通过校验的(行, 字段)数", "Ledger (row, field) pairs rejected on import",
                new Variant(Source.REJECT, f -> count(DSL.noCondition())));
        metric("rejected_files", "有退回记录的文件", "Files with rejects", UNITS, Display.count(),
                "有退回记录的导入文件数", "Imported files with rejected rows",
                new Variant(Source.REJECT, f -> DSL.countDistinct(ETL_REJECT.BATCH_ID).cast(SQLDataType.BIGINT)));
    }

    // ---------------------------------------------------------------- the campaign's record kinds (issue #16)

    private void declareCampaignMetrics() {
        var q = MART_ABOVE_SCALE_QUARTER;
        var d = FACT_DRILL;
        metric("drills", "应急演练", "Emergency drills", TIMES, Display.count(),
                "日期范围内企业开展的应急预案演练次数", "Emergency drills held by enterprises in the range",
                new Variant(Source.DRILL, f -> count(DSL.noCondition())));
        metric("drill_participants", "演练参加人次", "Drill participants", PEOPLE, Display.count(),
                "应急演练参加人数合计", "People taking part in drills",
                new Variant(Source.DRILL, f -> DSL.sum(d.PARTICIPANTS).cast(SQLDataType.BIGINT)));
        metric("above_scale_enterprises", "规上企业数", "Above-scale enterprises", UNITS, Display.count(),
                "范围内在册的规上企业数", "Above-scale enterprises on the register in the range",
                new Variant(Source.ABOVE_SCALE_QUARTER, f -> DSL.countDistinct(q.ENTERPRISE_CODE)
                        .cast(SQLDataType.BIGINT)));
        metric("drill_coverage", "规上企业半年演练覆盖率", "Half-yearly drill coverage", PERCENT, Display.percent(1),
                "每半年至少演练一次的规上企业·半年 / 在册规上企业·半年 (按半年起始落在范围内计)",
                "Above-scale enterprise half-years with a drill / enterprise half-years",
                new Variant(Source.ABOVE_SCALE_QUARTER, f -> ratio(count(q.HALF_ROW.isTrue().and(q.DRILLS_HALF.gt(0L))),
                        count(q.HALF_ROW.isTrue()))));
        metric("drills_missing", "半年未演练的规上企业", "Above-scale enterprise half-years without a drill", UNITS,
                Display.count(), "半年内未开展演练的规上企业·半年数",
                "Above-scale enterprise half-years without a drill",
                new Variant(Source.ABOVE_SCALE_QUARTER, f -> count(q.HALF_ROW.isTrue().and(q.DRILLS_HALF.eq(0L)))));
        metric("head_check_coverage", "规上企业负责人季度检查覆盖率", "Heads' quarterly check coverage", PERCENT,
                Display.percent(1), "主要负责人当季至少组织一次安全检查的规上企业·季度 / 在册规上企业·季度",
                "Above-scale enterprise quarters with a check led by the head / enterprise quarters",
                new Variant(Source.ABOVE_SCALE_QUARTER, f -> ratio(count(q.HEAD_CHECKS.gt(0L)),
                        count(DSL.noCondition()))));
        metric("head_checks_missing", "负责人未检查的规上企业·季度", "Enterprise quarters without a head's check",
                UNITS, Display.count(), "主要负责人当季未组织安全检查的规上企业·季度数",
                "Above-scale enterprise quarters without a check led by the head",
                new Variant(Source.ABOVE_SCALE_QUARTER, f -> count(q.HEAD_CHECKS.eq(0L))));
        metric("head_report_coverage", "规上企业负责人年度述职率", "Heads' annual report coverage", PERCENT,
                Display.percent(1), "主要负责人当年向职工大会述职的规上企业·年 / 在册规上企业·年",
                "Above-scale enterprise years with the head's report to the workforce / enterprise years",
                new Variant(Source.ABOVE_SCALE_QUARTER, f -> ratio(count(q.YEAR_ROW.isTrue().and(q.HEAD_REPORTS_YEAR.gt(0L))),
                        count(q.YEAR_ROW.isTrue()))));
        metric("head_checks", "负责人安全检查", "Checks led by enterprise heads", TIMES, Display.count(),
                "企业主要负责人组织的安全检查次数", "Safety checks led by enterprise heads",
                new Variant(Source.HEAD_DUTY, f -> count(FACT_HEAD_DUTY.DUTY_TYPE.eq("quarterly_check"))));

        var t = FACT_TRAINING;
        metric("trainings", "培训人次", "Trainees", PEOPLE, Display.count(),
                "日期范围内参加安全培训、警示教育的人次", "People trained in the range (one person, one training)",
                new Variant(Source.TRAINING, f -> count(DSL.noCondition())));
        metric("training_hours", "培训学时", "Training hours", Label.of("学时", "hours"), Display.days(1),
                "培训学时合计", "Training hours",
                new Variant(Source.TRAINING, f -> DSL.sum(t.HOURS).cast(SQLDataType.DOUBLE)));
        metric("training_pass_rate", "培训考核合格率", "Training pass rate", PERCENT, Display.percent(1),
                "考核合格人次 / 写明考核结果的培训人次", "Trainees who passed / trainees whose result is stated",
                new Variant(Source.TRAINING, f -> ratio(count(t.PASSED.isTrue()), count(t.PASSED.isNotNull()))));
        var a = FACT_ACCIDENT;
        metric("accident_enterprises", "事故企业", "Accidents at enterprises", Label.of("起", ""), Display.count(),
                "日期范围内发生在生产经营单位的事故起数", "Accidents at an enterprise in the range",
                new Variant(Source.ACCIDENT, f -> count(a.ENTERPRISE_CODE.isNotNull())));
        metric("accident_head_training_rate", "事故企业主要负责人警示教育培训率", "Accident enterprises' heads trained",
                PERCENT, Display.percent(1),
                "事故后至统计日主要负责人参加过警示教育培训的事故 / 发生在生产经营单位的事故",
                "Accidents at an enterprise whose head took warning education after it (by the as-of date) / such accidents",
                new Variant(Source.ACCIDENT, f -> ratio(count(a.ENTERPRISE_CODE.isNotNull().and(headTrained(f))),
                        count(a.ENTERPRISE_CODE.isNotNull()))));

        var p = FACT_TIPOFF;
        metric("tipoffs_received", "受理举报", "Tip-offs received", COUNT, Display.count(),
                "日期范围内受理的举报投诉件数", "Tip-offs received in the range",
                new Variant(Source.TIPOFF, f -> count(DSL.noCondition())));
        metric("tipoffs_substantiated", "举报属实", "Tip-offs substantiated", COUNT, Display.count(),
                "经核查属实的举报件数", "Tip-offs found true",
                new Variant(Source.TIPOFF, f -> count(p.SUBSTANTIATED.isTrue())));
        metric("tipoffs_closed_on_time", "按期办结举报", "Tip-offs closed on time", COUNT, Display.count(),
                "截至统计日在办结期限内办结的举报件数", "Tip-offs closed by their deadline (and by the as-of date)",
                new Variant(Source.TIPOFF, f -> count(tipoffClosedOnTime(f))));
        metric("tipoff_on_time_rate", "举报按期办结率", "Tip-offs closed on time, share", PERCENT, Display.percent(1),
                "按期办结 / 截至统计日已到期或已办结的举报", "Closed on time / due or closed by the as-of date",
                new Variant(Source.TIPOFF, f -> ratio(count(tipoffClosedOnTime(f)), count(tipoffDue(f)))));
        metric("tipoffs_overdue", "逾期未办结举报", "Tip-offs overdue", COUNT, Display.count(),
                "截至统计日超过办结期限仍未办结的举报件数", "Tip-offs open past their deadline on the as-of date",
                new Variant(Source.TIPOFF, f -> count(tipoffOverdue(f))));
        metric("mean_days_to_close_tipoff", "举报平均办结天数", "Mean days to close a tip-off", DAYS, Display.days(1),
                "已办结举报从受理到办结的平均天数", "Mean days from receipt to closing, over tip-offs closed",
                new Variant(Source.TIPOFF, f -> DSL.avg(DSL.field("date_diff('day', {0}, {1})", SQLDataType.INTEGER,
                        p.RECEIVED_DATE, p.CLOSED_DATE)).filterWhere(p.CLOSED_DATE.le(f.asOf())).cast(SQLDataType.DOUBLE)));
        metric("tipoff_rewards", "举报奖励金额", "Tip-off rewards", YUAN, Display.yuan(),
                "举报奖励金额合计", "Rewards paid for tip-offs",
                new Variant(Source.TIPOFF, f -> DSL.sum(p.REWARD_YUAN)));

        var k = FACT_DOOR_KNOCK;
        metric("door_knock_visits", "敲门走访次数", "Door-knocking visits", TIMES, Display.count(),
                "敲门行动上门走访次数", "Home visits of the door-knocking campaign",
                new Variant(Source.DOOR_KNOCK, f -> count(DSL.noCondition())));
        metric("door_knock_households", "走访户数", "Households visited", Label.of("户", ""), Display.count(),
                "敲门行动走访的不同住户数", "Different households visited",
                new Variant(Source.DOOR_KNOCK, f -> DSL.countDistinct(DSL.field("{0} || '|' || {1}", SQLDataType.VARCHAR, k.REGION_CODE, k.HOUSEHOLD)).cast(SQLDataType.BIGINT)));
        metric("door_knock_problems_found", "走访发现问题", "Problems found on visits", COUNT, Display.count(),
                "上门走访发现的消防安全问题数", "Fire-safety problems found on home visits",
                new Variant(Source.DOOR_KNOCK, f -> DSL.sum(k.PROBLEMS_FOUND).cast(SQLDataType.BIGINT)));
        metric("door_knock_problems_fixed", "走访问题已整改", "Problems fixed", COUNT, Display.count(),
                "走访发现并已整改的问题数", "Problems found on visits and fixed",
                new Variant(Source.DOOR_KNOCK, f -> DSL.sum(k.PROBLEMS_FIXED).cast(SQLDataType.BIGINT)));
        metric("door_knock_fix_rate", "走访问题整改率", "Visit problems fixed, share", PERCENT, Display.percent(1),
                "已整改问题 / 发现问题", "Problems fixed / problems found",
                new Variant(Source.DOOR_KNOCK, f -> ratio(DSL.sum(k.PROBLEMS_FIXED), DSL.sum(k.PROBLEMS_FOUND))));

        metric("publicity_events", "宣传教育活动", "Publicity events", Label.of("场", ""), Display.count(),
                "开展的安全宣传教育活动场次", "Publicity and education events held",
                new Variant(Source.PUBLICITY, f -> count(DSL.noCondition())));
        metric("publicity_audience", "宣传受众人次", "Publicity audience", PEOPLE, Display.count(),
                "宣传教育活动受众人数合计", "People reached by publicity events",
                new Variant(Source.PUBLICITY, f -> DSL.sum(FACT_PUBLICITY.AUDIENCE).cast(SQLDataType.BIGINT)));

        var m = MART_TASK_UNIT_MONTH;
        Field<String> pair = DSL.field("{0} || '|' || {1}", SQLDataType.VARCHAR, m.TASK_ID, m.UNIT_CODE);
        metric("progress_reports", "任务进展报告", "Progress reports", Label.of("份", ""), Display.count(),
                "日期范围内报送的任务进展报告份数", "Task progress reports filed in the range",
                new Variant(Source.TASK_PROGRESS, f -> count(DSL.noCondition())));
        metric("task_units", "应报告的任务·单位", "Task-unit pairs", UNITS, Display.count(),
                "以进展报告衡量的任务与其责任单位的组合数", "Pairs of a progress-measured task and a responsible unit",
                new Variant(Source.TASK_UNIT_MONTH, f -> DSL.countDistinct(pair).cast(SQLDataType.BIGINT)));
        metric("task_units_reported", "已报告进展的任务·单位", "Task-unit pairs reported", UNITS, Display.count(),
                "范围内任一月末已有进展报告的任务·单位数", "Task-unit pairs with a report by a month's end in the range",
                new Variant(Source.TASK_UNIT_MONTH, f -> DSL.countDistinct(pair).filterWhere(m.PROGRESS.isNotNull())
                        .cast(SQLDataType.BIGINT)));
        metric("task_units_done", "已完成的任务·单位", "Task-unit pairs done", UNITS, Display.count(),
                "范围内任一月末最新进展为已完成的任务·单位数", "Task-unit pairs whose latest report was 已完成 at a month's end",
                new Variant(Source.TASK_UNIT_MONTH, f -> DSL.countDistinct(pair).filterWhere(m.PROGRESS.eq("done"))
                        .cast(SQLDataType.BIGINT)));
        metric("task_completion_rate", "任务完成率", "Task completion rate", PERCENT, Display.percent(1),
                "已完成的任务·单位 / 应报告的任务·单位 (未报告计为未完成)",
                "Task-unit pairs done / task-unit pairs (no report counts as not done)",
                new Variant(Source.TASK_UNIT_MONTH, f -> ratio(DSL.countDistinct(pair).filterWhere(m.PROGRESS.eq("done")),
                        DSL.countDistinct(pair))));
        metric("task_progress_latest", "最新进展", "Latest progress", Label.of("级", ""), Display.count(),
                "范围末月月末的最新进展: 0 未报告、1 未开始、2 推进中、3 已完成 (按任务和单位分组时使用)",
                "Latest progress at the end of the range's last month: 0 none, 1 not started, 2 in progress, 3 done",
                new Variant(Source.TASK_UNIT_MONTH, f -> DSL.field("arg_max({0}, {1})", SQLDataType.BIGINT,
                        m.PROGRESS_RANK, m.MONTH_START)));
    }

    /** The head of the accident's enterprise took warning education after it, by the as-of date. */
    private static Condition headTrained(From f) {
        var a = FACT_ACCIDENT;
        var t = FACT_TRAINING.as("ht");
        return DSL.exists(DSL.selectOne().from(t).where(t.ENTERPRISE_CODE.eq(a.ENTERPRISE_CODE))
                .and(t.PERSON_ROLE.eq("principal")).and(t.TRAINING_TYPE.eq("warning_education"))
                .and(t.TRAINING_DATE.ge(a.ACCIDENT_DATE)).and(t.TRAINING_DATE.le(f.asOf())));
    }

    private static Condition tipoffClosedOnTime(From f) {
        var p = FACT_TIPOFF;
        return p.CLOSED_DATE.le(f.asOf()).and(p.CLOSED_DATE.le(p.DEADLINE_DATE));
    }

    /** Closed by the as-of date, or past its deadline then: a tip-off the rate can judge. */
    private static Condition tipoffDue(From f) {
        var p = FACT_TIPOFF;
        return p.CLOSED_DATE.le(f.asOf()).or(p.DEADLINE_DATE.lt(f.asOf()));
    }

    private static Condition tipoffOverdue(From f) {
        var p = FACT_TIPOFF;
        return p.DEADLINE_DATE.lt(f.asOf()).and(p.CLOSED_DATE.isNull().or(p.CLOSED_DATE.gt(f.asOf())));
    }

    private void declareCampaignDetails() {
        var d = FACT_DRILL;
        DetailView.Field village = field("village_name", "村(社区)", "Village", "text", f -> f.region().REGION_NAME);
        addDetail(new DetailView("drill_list", Label.of("应急演练记录", "Drills"), Source.DRILL,
                List.of(field("drill_no", "演练编号", "Drill no.", "text", f -> d.DRILL_NO),
                        field("drill_date", "演练日期", "Date", "date", f -> d.DRILL_DATE), village,
                        coded("enterprise", "单位", "Enterprise", MemberKind.ENTERPRISE, f -> d.ENTERPRISE_CODE),
                        field("scenario", "演练预案或科目", "Scenario", "text", f -> d.SCENARIO),
                        field("participants", "参加人数", "Participants", "count", f -> d.PARTICIPANTS)),
                f -> DSL.noCondition(), f -> List.of(d.DRILL_DATE.desc(), d.DRILL_NO.asc())));
        var q = MART_ABOVE_SCALE_QUARTER;
        addDetail(new DetailView("above_scale_duties", Label.of("规上企业演练与负责人检查", "Above-scale enterprises: drills and heads' checks"),
                Source.ABOVE_SCALE_QUARTER,
                List.of(field("quarter", "季度", "Quarter", "text", f -> TimeGrain.QUARTER.truncate(q.QUARTER_START)),
                        coded("enterprise", "单位", "Enterprise", MemberKind.ENTERPRISE, f -> q.ENTERPRISE_CODE),
                        coded("village", "村(社区)", "Village", MemberKind.VILLAGE, f -> q.REGION_CODE),
                        field("drills", "本季演练", "Drills this quarter", "count", f -> q.DRILLS),
                        field("drills_half", "本半年演练", "Drills this half-year", "count", f -> q.DRILLS_HALF),
                        field("head_checks", "负责人检查", "Head's checks", "count", f -> q.HEAD_CHECKS),
                        field("head_reports_year", "本年述职", "Reports this year", "count", f -> q.HEAD_REPORTS_YEAR)),
                f -> DSL.noCondition(),
                f -> List.of(q.QUARTER_START.desc(), q.DRILLS_HALF.asc(), q.HEAD_CHECKS.asc(), q.ENTERPRISE_CODE.asc())));
        var t = FACT_TRAINING;
        addDetail(new DetailView("training_list", Label.of("培训记录", "Trainings"), Source.TRAINING,
                List.of(field("training_date", "培训日期", "Date", "date", f -> t.TRAINING_DATE), village,
                        field("person_name", "姓名", "Name", "text", f -> t.PERSON_NAME),
                        coded("training_role", "人员类别", "Role", MemberKind.TRAINING_ROLE, f -> t.PERSON_ROLE),
                        field("target", "单位", "Enterprise", "text",
                                f -> DSL.coalesce(f.enterprise().ENTERPRISE_NAME, t.TARGET_NAME)),
                        coded("training_type", "培训类型", "Type", MemberKind.TRAINING_TYPE, f -> t.TRAINING_TYPE),
                        flag("passed", "考核合格", "Passed", f -> t.PASSED)),
                f -> DSL.noCondition(), f -> List.of(t.TRAINING_DATE.desc(), t.TRAINING_NO.asc())));
        var a = FACT_ACCIDENT;
        addDetail(new DetailView("accident_head_training", Label.of("事故企业主要负责人培训", "Accident enterprises' heads"),
                Source.ACCIDENT,
                List.of(field("accident_no", "事故编号", "Accident no.", "text", f -> a.ACCIDENT_NO),
                        field("accident_date", "事故日期", "Date", "date", f -> a.ACCIDENT_DATE), village,
                        coded("enterprise", "单位", "Enterprise", MemberKind.ENTERPRISE, f -> a.ENTERPRISE_CODE),
                        flag("head_trained", "负责人已参加警示教育", "Head trained", Catalog::headTrainedFlag)),
                f -> a.ENTERPRISE_CODE.isNotNull(), f -> List.of(a.ACCIDENT_DATE.desc(), a.ACCIDENT_NO.asc())));
        var p = FACT_TIPOFF;
        addDetail(new DetailView("tipoff_list", Label.of("举报投诉", "Tip-offs"), Source.TIPOFF,
                List.of(field("tipoff_no", "举报编号", "No.", "text", f -> p.TIPOFF_NO),
                        field("received_date", "受理日期", "Received", "date", f -> p.RECEIVED_DATE),
                        coded("tipoff_channel", "渠道", "Channel", MemberKind.TIPOFF_CHANNEL, f -> p.CHANNEL), village,
                        field("content", "举报内容", "Content", "text", f -> p.CONTENT),
                        flag("substantiated", "属实", "True", f -> DSL.coalesce(p.SUBSTANTIATED, DSL.inline(false))),
                        coded("department", "承办单位", "Handled by", MemberKind.DEPARTMENT, f -> p.DEPARTMENT_CODE),
                        field("deadline_date", "办结期限", "Deadline", "date", f -> p.DEADLINE_DATE),
                        field("closed_date", "办结日期", "Closed", "date", f -> p.CLOSED_DATE),
                        field("reward_yuan", "奖励", "Reward", "yuan", f -> p.REWARD_YUAN)),
                f -> DSL.noCondition(), f -> List.of(p.RECEIVED_DATE.desc(), p.TIPOFF_NO.asc())));
        var k = FACT_DOOR_KNOCK;
        addDetail(new DetailView("door_knock_list", Label.of("敲门行动走访记录", "Door-knocking visits"), Source.DOOR_KNOCK,
                List.of(field("visit_date", "走访日期", "Date", "date", f -> k.VISIT_DATE), village,
                        field("household", "住户", "Household", "text", f -> k.HOUSEHOLD),
                        coded("household_type", "对象类别", "Type", MemberKind.HOUSEHOLD_TYPE, f -> k.HOUSEHOLD_TYPE),
                        field("visited_by", "走访人员", "Visited by", "text", f -> k.VISITED_BY),
                        field("problems_found", "发现问题", "Found", "count", f -> k.PROBLEMS_FOUND),
                        field("problems_fixed", "已整改", "Fixed", "count", f -> k.PROBLEMS_FIXED)),
                f -> DSL.noCondition(), f -> List.of(k.VISIT_DATE.desc(), k.VISIT_NO.asc())));
        var e = FACT_PUBLICITY;
        addDetail(new DetailView("publicity_list", Label.of("宣传教育活动", "Publicity events"), Source.PUBLICITY,
                List.of(field("event_date", "活动日期", "Date", "date", f -> e.EVENT_DATE), village,
                        coded("publicity_kind", "类别", "Kind", MemberKind.PUBLICITY_KIND, f -> e.EVENT_KIND),
                        field("title", "活动名称", "Title", "text", f -> e.TITLE),
                        coded("department", "主办单位", "Organiser", MemberKind.DEPARTMENT, f -> e.DEPARTMENT_CODE),
                        field("audience", "受众人数", "Audience", "count", f -> e.AUDIENCE)),
                f -> DSL.noCondition(), f -> List.of(e.EVENT_DATE.desc(), e.EVENT_NO.asc())));
        var r = FACT_TASK_PROGRESS;
        addDetail(new DetailView("progress_reports", Label.of("任务进展报告", "Progress reports"), Source.TASK_PROGRESS,
                List.of(field("report_date", "报告日期", "Date", "date", f -> r.REPORT_DATE),
                        field("task_id", "任务编号", "Task", "text", f -> r.TASK_ID),
                        coded("check_unit", "责任单位", "Unit", MemberKind.UNIT, f -> r.UNIT_CODE),
                        coded("task_status", "进展状态", "Progress", MemberKind.TASK_STATUS, f -> r.PROGRESS),
                        field("evidence", "佐证材料", "Evidence", "text", f -> r.EVIDENCE)),
                f -> DSL.noCondition(), f -> List.of(r.REPORT_DATE.desc(), r.REPORT_NO.asc())));
    }

    private static Field<Boolean> headTrainedFlag(From f) {
        return DSL.field("{0}", SQLDataType.BOOLEAN, headTrained(f));
    }

    // ---------------------------------------------------------------- detail views

    private void declareDetails() {
        var h = FACT_HAZARD;
        var villageName = (Function<From, Field<?>>) f -> f.region().REGION_NAME;
        DetailView.Field hazardNo = field("hazard_no", "隐患编号", "Hazard no.", "text", f -> h.HAZARD_NO);
        DetailView.Field village = field("village_name", "村(社区)", "Village", "text", villageName);
        DetailView.Field sector = coded("sector", "行业领域", "Sector", MemberKind.SECTOR, f -> h.SECTOR_CODE);
        DetailView.Field target = field("target", "检查对象", "Target", "text",
                f -> DSL.coalesce(f.enterprise().ENTERPRISE_NAME, h.TARGET_NAME));
        // the enterprise by its name, linking to its page (empty for households, roads, forest areas)
        DetailView.Field enterprise = coded("enterprise", "生产经营单位", "Enterprise", MemberKind.ENTERPRISE,
                f -> h.ENTERPRISE_CODE);
        DetailView.Field description = field("description", "隐患描述", "Description", "text", f -> h.DESCRIPTION);
        DetailView.Field found = field("found_date", "发现日期", "Found", "date", f -> h.FOUND_DATE);
        DetailView.Field deadline = field("deadline_date", "整改期限", "Deadline", "date", f -> h.DEADLINE_DATE);
        DetailView.Field department = coded("department", "责任单位", "Department", MemberKind.DEPARTMENT,
                f -> h.DEPARTMENT_CODE);

        addDetail(new DetailView("overdue_hazards", Label.of("逾期未整改隐患", "Overdue hazards"), Source.HAZARD,
                List.of(hazardNo, village, sector, coded("hazard_level", "隐患等级", "Level", MemberKind.HAZARD_LEVEL,
                                f -> h.HAZARD_LEVEL), target, enterprise, description, found, deadline,
                        field("days_overdue", "逾期天数", "Days overdue", "days",
                                f -> DSL.field("date_diff('day', {0}, {1})", SQLDataType.INTEGER, h.DEADLINE_DATE,
                                        f.asOf())), department),
                Catalog::overdueOn,
                f -> List.of(h.DEADLINE_DATE.asc(), h.HAZARD_NO.asc())));

        addDetail(new DetailView("major_hazards", Label.of("重大隐患挂牌督办", "Major hazards"), Source.HAZARD,
                List.of(hazardNo, village, sector, target, enterprise, description, found, deadline,
                        field("state", "状态(统计日)", "State on the as-of date", "text",
                                f -> DSL.when(h.CLOSED_DATE.le(f.asOf()), DSL.inline("closed"))
                                        .when(rectifiedBy(f), DSL.inline("rectified"))
                                        .when(h.DEADLINE_DATE.lt(f.asOf()), DSL.inline("overdue"))
                                        .otherwise(DSL.inline("open"))),
                        flag("wl_responsibility", "责任落实", "Responsibility", f -> h.WL_RESPONSIBILITY),
                        flag("wl_measures", "措施落实", "Measures", f -> h.WL_MEASURES),
                        flag("wl_funds", "资金落实", "Funds", f -> h.WL_FUNDS),
                        flag("wl_time_limit", "时限落实", "Time limit", f -> h.WL_TIME_LIMIT),
                        flag("wl_contingency", "预案落实", "Contingency plan", f -> h.WL_CONTINGENCY),
                        flag("published", "已公布", "Published", f -> h.IS_PUBLISHED),
                        field("funds_yuan", "整改资金", "Funds", "yuan", f -> h.FUNDS_YUAN), department),
                f -> h.HAZARD_LEVEL.eq("major"),
                f -> List.of(h.FOUND_DATE.desc(), h.HAZARD_NO.asc())));

        addDetail(new DetailView("hazard_list", Label.of("隐患清单", "Hazards"), Source.HAZARD,
                List.of(hazardNo, village, sector, coded("hazard_level", "隐患等级", "Level", MemberKind.HAZARD_LEVEL,
                                f -> h.HAZARD_LEVEL), target, enterprise, description, found, deadline,
                        field("rectified_date", "整改日期", "Rectified", "date", f -> rectifiedOn()),
                        coded("hazard_status", "状态", "Status", MemberKind.HAZARD_STATUS, f -> Source.HAZARD_STATUS),
                        field("rectification_measures", "整改措施", "Rectification measures", "text",
                                f -> h.RECTIFICATION_MEASURES),
                        field("responsible_person", "整改责任人", "Responsible person", "text",
                                f -> h.RESPONSIBLE_PERSON),
                        field("inspectors", "检查人员", "Inspectors", "text", f -> h.INSPECTORS),
                        field("document_no", "文书编号", "Document no.", "text", f -> h.DOCUMENT_NO),
                        field("extra", "台账其他列", "Other ledger columns", "text", f -> extraText(h.EXTRA))),
                f -> DSL.noCondition(),
                f -> List.of(h.FOUND_DATE.desc(), h.HAZARD_NO.asc())));

        addDetail(new DetailView("status_date_conflicts", Label.of("状态与日期矛盾的隐患", "Status contradicting dates"),
                Source.HAZARD,
                List.of(hazardNo, village, description, found,
                        coded("hazard_status", "台账状态", "Stated status", MemberKind.HAZARD_STATUS, f -> h.STATUS),
                        field("rectified_date", "整改日期", "Rectified", "date", f -> rectifiedOn()),
                        field("source_file", "文件", "File", "text", f -> h.SOURCE_FILE),
                        field("source_row", "行号", "Row", "count", f -> h.SOURCE_ROW)),
                f -> statusContradictsDates(),
                f -> List.of(h.FOUND_DATE.desc(), h.HAZARD_NO.asc())));

        var e = FACT_ENFORCEMENT;
        addDetail(new DetailView("enforcement_cases", Label.of("执法案件", "Enforcement cases"), Source.ENFORCEMENT,
                List.of(field("case_no", "案件编号", "Case no.", "text", f -> e.CASE_NO),
                        field("action_date", "日期", "Date", "date", f -> e.ACTION_DATE),
                        field("target", "对象", "Target", "text", f -> e.TARGET_NAME),
                        coded("enforcement_action", "措施", "Action", MemberKind.ENFORCEMENT_ACTION,
                                f -> e.ACTION_CODE),
                        field("fine_final_yuan", "罚款", "Fine", "yuan", f -> e.FINE_FINAL_YUAN)),
                f -> DSL.noCondition(),
                f -> List.of(e.ACTION_DATE.desc(), e.CASE_NO.asc())));

        var u = MART_UNIT_MONTH;
        addDetail(new DetailView("ledgers_missing", Label.of("未报送台账的村(社区)", "Villages without a ledger"),
                Source.UNIT_MONTH,
                List.of(field("month", "月份", "Month", "text", f -> TimeGrain.MONTH.truncate(u.MONTH_START)),
                        coded("village", "村(社区)", "Village", MemberKind.VILLAGE, f -> u.REGION_CODE)),
                f -> ledgerMissing(u, f),
                f -> List.of(u.MONTH_START.desc(), u.UNIT_CODE.asc())));

        var r = ETL_REJECT;
        addDetail(new DetailView("rejects", Label.of("退回记录", "Rejected rows"), Source.REJECT,
                List.of(field("file_name", "文件", "File", "text", f -> r.FILE_NAME),
                        field("sheet_name", "工作表", "Sheet", "text", f -> r.SHEET_NAME),
                        field("row_no", "行号", "Row", "count", f -> r.ROW_NO),
                        field("field_name", "字段", "Field", "text", f -> r.FIELD_NAME),
                        field("field_value", "值", "Value", "text", f -> r.FIELD_VALUE),
                        field("reason", "原因", "Reason", "text", f -> r.REASON),
                        field("imported_at", "导入时间", "Imported", "text", f -> ETL_BATCH.STARTED_AT)),
                f -> DSL.noCondition(),
                f -> List.of(ETL_BATCH.STARTED_AT.desc(), r.FILE_NAME.asc(), r.ROW_NO.asc())));
    }

    /**
     * A village's ledger for a month is missing when the month has no inspection rows of it and its due day of the
     * next month has passed by the as-of date (with the 5th as due day, November's ledger is not late on 5 December,
     * it is on the 6th; December's certainly not).
     */
    private Condition ledgerMissing(MartUnitMonth u, From f) {
        Field<LocalDate> due = DSL.field("CAST({0} + INTERVAL 1 MONTH + INTERVAL {1} DAY AS DATE)", LocalDate.class,
                u.MONTH_START, DSL.inline(ledgerDueDay - 1));
        return u.UNIT_KIND.eq("village").and(u.INSPECTIONS.eq(0L)).and(due.lt(f.asOf()));
    }

    private static DetailView.Field field(String id, String zh, String en, String format,
                                          Function<From, Field<?>> value) {
        return new DetailView.Field(id, Label.of(zh, en), format, MemberKind.NONE, value);
    }

    private static DetailView.Field coded(String id, String zh, String en, MemberKind members,
                                          Function<From, Field<?>> value) {
        return new DetailView.Field(id, Label.of(zh, en), "text", members, value);
    }

    private static DetailView.Field flag(String id, String zh, String en, Function<From, Field<Boolean>> value) {
        return new DetailView.Field(id, Label.of(zh, en), "flag", MemberKind.NONE, f -> value.apply(f));
    }

    // ---------------------------------------------------------------- helpers and lookups

    static Field<Long> count(Condition condition) {
        AggregateFunction<Integer> count = DSL.count();
        return (condition == DSL.noCondition() ? count : count.filterWhere(condition)).cast(SQLDataType.BIGINT);
    }

    static Field<Double> ratio(Field<? extends Number> numerator, Field<? extends Number> denominator) {
        return DSL.field("cast({0} as double) / nullif({1}, 0)", SQLDataType.DOUBLE, numerator, denominator);
    }

    private void metric(String id, String zh, String en, Label unit, Display display, String descriptionZh,
                        String descriptionEn, Variant... variants) {
        Metric metric = new Metric(id, Label.of(zh, en), unit, display, Label.of(descriptionZh, descriptionEn),
                polarity(id), List.of(variants));
        if (metrics.putIfAbsent(id, metric) != null) {
            throw new IllegalStateException("Metric declared twice: " + id);
        }
    }

    /**
     * Which way is good, per metric: rectifying, closing, checking and covering more is better; hazards, overdue
     * ones, days to rectify, accidents and rejects are better fewer; counts of enterprises, enforcement actions and
     * fines say nothing good or bad by themselves. A metric not listed is neutral ({@code CatalogTest} holds every
     * metric to an explicit entry).
     */
    private static final Map<String, Metric.Polarity> POLARITY = polarities(
            Map.of(Metric.Polarity.HIGHER_IS_BETTER, List.of("hazards_rectified", "hazards_closed",
                            "rectification_rate", "on_time_rectification_rate", "five_implementation_completeness",
                            "rectification_funds", "inspections", "inspections_led_by_leader", "double_random_share",
                            "key_enterprise_coverage", "monthly_check_units", "monthly_check_compliance",
                            "drills", "drill_participants", "drill_coverage", "head_check_coverage",
                            "head_report_coverage", "head_checks", "trainings", "training_hours", "training_pass_rate",
                            "accident_head_training_rate", "tipoffs_closed_on_time", "tipoff_on_time_rate",
                            "door_knock_visits", "door_knock_households", "door_knock_problems_fixed",
                            "door_knock_fix_rate", "publicity_events", "publicity_audience", "progress_reports",
                            "task_units_reported", "task_units_done", "task_completion_rate",
                            "task_progress_latest"),
                    Metric.Polarity.LOWER_IS_BETTER, List.of("hazards_found", "hazards_open", "hazards_overdue",
                            "major_found", "major_open", "major_overdue", "major_unpublished", "mean_days_to_rectify",
                            "p90_days_to_rectify", "ledgers_missing", "escalation_rate", "blacklist_entries",
                            "accidents", "deaths", "accidents_concealed", "injuries", "rejected_rows",
                            "rejected_files", "drills_missing", "head_checks_missing", "tipoffs_overdue",
                            "mean_days_to_close_tipoff", "status_date_conflicts"),
                    Metric.Polarity.NEUTRAL, List.of("key_enterprises", "enforcement_actions", "enforcement_stage_1",
                            "enforcement_stage_2", "enforcement_stage_3", "fines_proposed", "fines_final",
                            "above_scale_enterprises", "accident_enterprises", "tipoffs_received",
                            "tipoffs_substantiated", "tipoff_rewards", "door_knock_problems_found",
                            "task_units")));

    private static Map<String, Metric.Polarity> polarities(Map<Metric.Polarity, List<String>> byPolarity) {
        Map<String, Metric.Polarity> map = new LinkedHashMap<>();
        byPolarity.forEach((polarity, ids) -> ids.forEach(id -> {
            if (map.put(id, polarity) != null) {
                throw new IllegalStateException("Metric " + id + " has two polarities");
            }
        }));
        return map;
    }

    private static Metric.Polarity polarity(String id) {
        return POLARITY.getOrDefault(id, Metric.Polarity.NEUTRAL);
    }

    /** Whether the catalogue says explicitly which way is good for this metric. */
    public static boolean hasDeclaredPolarity(String id) {
        return POLARITY.containsKey(id);
    }

    public Collection<Metric> metrics() {
        return metrics.values();
    }

    public Collection<Dimension> dimensions() {
        return dimensions.values();
    }

    public Collection<DetailView> details() {
        return details.values();
    }

    public Optional<Metric> metric(String id) {
        return Optional.ofNullable(metrics.get(id));
    }

    public Optional<Dimension> dimension(String id) {
        return Optional.ofNullable(dimensions.get(id));
    }

    public Optional<DetailView> detail(String id) {
        return Optional.ofNullable(details.get(id));
    }

    /**
     * Whether a metric's rows belong to regions, so that a row scope restricts it; a metric over rows of no region
     * (import rejects) is shown only to users who may see every region.
     */
    public boolean regional(Metric metric) {
        return metric.general().source().home() != null;
    }

    /** The coded dimensions, which are also the filters ({@code ?sector=fire}). */
    public List<Dimension> filters() {
        return dimensions.values().stream().filter(Dimension::coded).toList();
    }

    /** Dimension ids a metric can be broken down by (those of its most general source). */
    public List<String> dimensionsOf(Metric metric) {
        List<String> ids = new ArrayList<>();
        for (Dimension d : dimensions.values()) {
            if (d.supports(metric.general().source())) {
                ids.add(d.id());
            }
        }
        return ids;
    }

    /** First day of the value's month (kept for callers of the earlier API). */
    static Field<LocalDate> monthOf(Field<LocalDate> date) {
        return TimeGrain.MONTH.truncate(date);
    }

    private void add(Dimension dimension) {
        if (dimensions.putIfAbsent(dimension.id(), dimension) != null) {
            throw new IllegalStateException("Dimension declared twice: " + dimension.id());
        }
    }

    private void addDetail(DetailView view) {
        if (details.putIfAbsent(view.id(), view) != null) {
            throw new IllegalStateException("Detail view declared twice: " + view.id());
        }
    }
}
