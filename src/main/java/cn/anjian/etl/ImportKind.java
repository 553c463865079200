package cn.anjian.etl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The record types a ledger can hold, each with the columns of our own template (Chinese headers, in order).
 * The template files in {@code etl/templates/} and the loaders' SQL both follow this list. One kind is no ledger:
 * {@link #PACKAGE}, a town's report package (上报数据包, issue #17), a zip of Parquet files the county imports through
 * the same job, history and withdrawal ({@link PackageLoader}); it has no template columns ({@link #ledgers()}).
 */
public enum ImportKind {

    REGIONS("regions", "区划", List.of(
            col("region_code", "区划代码", true),
            col("region_name", "名称", true),
            col("region_level", "级别", true),
            col("parent_code", "上级区划代码", false),
            col("valid_from", "启用日期", false),
            col("valid_to", "撤并日期", false),
            col("merged_into", "并入区划代码", false),
            col("is_demo", "演示数据", false))),

    ENTERPRISES("enterprises", "生产经营单位", List.of(
            col("credit_code", "统一社会信用代码", false),
            col("enterprise_name", "单位名称", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("sector", "行业领域", true),
            col("scale", "企业规模", true),
            col("is_high_risk", "高危行业", false),
            col("is_key", "重点企业", false),
            col("is_crowded_place", "人员密集场所", false),
            col("address", "地址", false),
            col("contact_person", "联系人", false),
            col("effective_date", "信息生效日期", false),
            col("enterprise_id", "企业内部编号", false))),

    INSPECTIONS("inspections", "检查", List.of(
            col("inspection_no", "检查编号", true),
            col("inspection_date", "检查日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("target_name", "检查对象", false),
            col("credit_code", "统一社会信用代码", false),
            col("sector", "行业领域", true),
            col("department", "责任单位", false),
            col("inspection_type", "检查类型", true),
            col("inspector", "检查人员", false),
            col("led_by_leader", "领导带队", false),
            col("is_double_random", "双随机", false),
            col("hazards_found", "发现隐患数", false),
            col("note", "备注", false),
            col("enterprise_id", "企业内部编号", false))),

    HAZARDS("hazards", "隐患", List.of(
            col("hazard_no", "隐患编号", true),
            col("found_date", "发现日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("target_name", "隐患单位或部位", false),
            col("credit_code", "统一社会信用代码", false),
            col("sector", "行业领域", true),
            col("description", "隐患描述", true),
            col("hazard_level", "隐患等级", true),
            col("department", "责任单位", false),
            col("inspection_no", "检查编号", false),
            col("deadline_date", "整改期限", false),
            col("rectified_date", "整改完成日期", false),
            col("verified_date", "复查验收日期", false),
            col("closed_date", "销号日期", false),
            col("status", "整改状态", false),
            col("funds", "整改资金(元)", false),
            col("wl_responsibility", "责任落实", false),
            col("wl_measures", "措施落实", false),
            col("wl_funds", "资金落实", false),
            col("wl_time_limit", "时限落实", false),
            col("wl_contingency", "预案落实", false),
            col("is_published", "是否公布", false),
            // what 整改通知书-style ledgers carry besides (issue #15)
            col("rectification_measures", "整改措施", false, "整改要求", "整改要求/措施", "整改措施及要求",
                    "整改要求及措施", "整改意见", "整改建议"),
            col("responsible_person", "整改责任人", false, "责任人", "整改负责人"),
            col("inspectors", "检查人员", false, "检查人", "排查人员", "检查人员签字"),
            col("document_no", "文书编号", false, "通知书编号", "整改通知书编号", "文书号", "通知书文号", "文号"),
            col("enterprise_id", "企业内部编号", false))),

    ENFORCEMENT("enforcement", "执法", List.of(
            col("case_no", "案件编号", true),
            col("action_date", "执法日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("target_name", "当事单位", true),
            col("credit_code", "统一社会信用代码", false),
            col("sector", "行业领域", true),
            col("department", "执法单位", false),
            col("action", "执法措施", true),
            col("ladder_stage", "检查次序", false),
            col("fine_proposed", "拟罚款(元)", false),
            col("fine_final", "实际罚款(元)", false),
            col("hazard_no", "关联隐患编号", false),
            col("inspection_no", "关联检查编号", false),
            col("description", "情况说明", false),
            col("enterprise_id", "企业内部编号", false))),

    ACCIDENTS("accidents", "事故", List.of(
            col("accident_no", "事故编号", true),
            col("accident_date", "事故日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("sector", "行业领域", true),
            col("target_name", "事故单位", false),
            col("credit_code", "统一社会信用代码", false),
            col("accident_level", "事故等级", true),
            col("deaths", "死亡人数", false),
            col("injuries", "受伤人数", false),
            col("direct_loss", "直接经济损失(元)", false),
            col("is_concealed", "是否瞒报", false),
            col("description", "事故简况", false),
            col("enterprise_id", "企业内部编号", false))),

    DRILLS("drills", "应急演练", List.of(
            col("drill_no", "演练编号", false),
            col("drill_date", "演练日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("enterprise_name", "单位名称", false),
            col("credit_code", "统一社会信用代码", false),
            col("scenario", "演练预案或科目", true),
            col("participants", "参加人数", false),
            col("organizer", "组织单位", false),
            col("note", "备注", false),
            col("enterprise_id", "企业内部编号", false))),

    TRAININGS("trainings", "安全培训", List.of(
            col("training_no", "培训记录编号", false),
            col("training_date", "培训日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("person_name", "姓名", true),
            col("person_role", "人员类别", true),
            col("enterprise_name", "单位名称", false),
            col("credit_code", "统一社会信用代码", false),
            col("training_type", "培训类型", true),
            col("hours", "学时", false),
            col("passed", "考核合格", false),
            col("note", "备注", false),
            col("enterprise_id", "企业内部编号", false))),

    TIPOFFS("tipoffs", "举报投诉", List.of(
            col("tipoff_no", "举报编号", false),
            col("received_date", "受理日期", true),
            col("channel", "举报渠道", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("sector", "行业领域", true),
            col("enterprise_name", "被举报单位", false),
            col("credit_code", "统一社会信用代码", false),
            col("content", "举报内容", true),
            col("substantiated", "是否属实", false),
            col("department", "承办单位", false),
            col("deadline_date", "办结期限", false),
            col("closed_date", "办结日期", false),
            col("reward", "奖励金额(元)", false),
            col("enterprise_id", "企业内部编号", false))),

    HEAD_DUTIES("head_duties", "企业负责人检查与述职", List.of(
            col("duty_no", "记录编号", false),
            col("duty_date", "日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("enterprise_name", "单位名称", false),
            col("credit_code", "统一社会信用代码", false),
            col("head_name", "主要负责人", false),
            col("duty_type", "类别", true),
            col("hazards_found", "发现隐患数", false),
            col("note", "备注", false),
            col("enterprise_id", "企业内部编号", false))),

    DOOR_KNOCKS("door_knocks", "敲门行动", List.of(
            col("visit_no", "走访编号", false),
            col("visit_date", "走访日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("household", "住户", true),
            col("household_type", "对象类别", true),
            col("visited_by", "走访人员", false),
            col("department", "走访单位", false),
            col("problems_found", "发现问题数", false),
            col("problems_fixed", "整改问题数", false),
            col("note", "备注", false))),

    PUBLICITY("publicity", "宣传教育活动", List.of(
            col("event_no", "活动编号", false),
            col("event_date", "活动日期", true),
            col("town", "所属乡镇", false),
            col("village", "村(社区)", true),
            col("department", "主办单位", false),
            col("event_kind", "活动类别", true),
            col("title", "活动名称", true),
            col("audience", "受众人数", false),
            col("note", "备注", false))),

    TASK_PROGRESS("task_progress", "任务进展", List.of(
            col("report_no", "报告编号", false),
            col("report_date", "报告日期", true),
            col("task_id", "任务编号", true),
            col("town", "所属乡镇", false),
            col("unit", "责任单位", true),
            col("progress", "进展状态", true),
            col("evidence", "佐证材料", false),
            col("note", "备注", false))),

    PACKAGE("package", "上报数据包", List.of());

    /**
     * The header of the exports' last column: the ledger's columns no field takes, as a JSON object (the fact's
     * {@code extra}). An exported file imported again puts them back as they were.
     */
    public static final String EXTRA_HEADER = "台账其他列";

    private final String code;
    private final String labelZh;
    private final List<Column> columns;

    ImportKind(String code, String labelZh, List<Column> columns) {
        this.code = code;
        this.labelZh = labelZh;
        this.columns = columns;
    }

    public String code() {
        return code;
    }

    public String labelZh() {
        return labelZh;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /** Whether this is a ledger with a template (every kind but {@link #PACKAGE}). */
    public boolean ledger() {
        return !columns.isEmpty();
    }

    /** The ledger kinds: the ones with templates, mapping profiles and load plans of their own. */
    public static List<ImportKind> ledgers() {
        return Arrays.stream(values()).filter(ImportKind::ledger).toList();
    }

    public static Optional<ImportKind> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.code.equals(c)).findFirst();
    }

    /**
     * One template column: the canonical field the loader reads, its Chinese header, whether a row needs it, and other
     * headers real ledgers give it (the template's own profile places the column under any of them).
     */
    public record Column(String field, String header, boolean required, List<String> aliases) {

        public Column(String field, String header, boolean required) {
            this(field, header, required, List.of());
        }

        public Column {
            aliases = List.copyOf(aliases);
        }
    }

    private static Column col(String field, String header, boolean required, String... aliases) {
        return new Column(field, header, required, List.of(aliases));
    }
}
