package cn.anjian.etl;


import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.anjian.warehouse.CodeLists;

/**
 * The load plan of every record type: which cells become which warehouse columns, and every reason a row is
 * rejected (in Chinese, for the clerk who fixes the ledger). One place for all validation rules.
 */
final class LoadPlans {

    /**
     * A hazard whose stated status (已整改 / 已销号) has no date to go with it: rectified on a day the ledger does not
     * say. Over the fact ({@code h.}) or, without the prefix, over a stage row; the catalogue's 状态与日期矛盾 reads
     * the same conditions.
     */
    static final String STATUS_WITHOUT_DATE = "anj_status_without_date(status, rectified_date, closed_date)";
    static final String STATUS_WITHOUT_DATE_NOTE =
            "整改状态为已整改/已销号，但没有整改完成日期或销号日期：按已整改、整改日期不详计 (不算未整改，也不算逾期)";
    /** A hazard stated open (待整改 / 整改中) that has a rectification or closing date: the date counts. */
    static final String STATUS_BEFORE_DATE = "anj_status_before_date(status, rectified_date, closed_date)";
    static final String STATUS_BEFORE_DATE_NOTE = "整改状态为未整改/整改中，但已有整改完成日期或销号日期：按日期计为已整改";

    static final String UNKNOWN_CODE = "无法识别的取值 (不在代码表或同义词表中)";
    static final String DATE_FORMS = "无法识别的日期 (可写作 2023-01-03、2023/1/3、2023.1.3 或 2023年1月3日)";

    private static final Map<ImportKind, LoadPlan> PLANS = new EnumMap<>(ImportKind.class);

    static {
        PLANS.put(ImportKind.REGIONS, regions());
        PLANS.put(ImportKind.ENTERPRISES, enterprises());
        PLANS.put(ImportKind.INSPECTIONS, inspections());
        PLANS.put(ImportKind.HAZARDS, hazards());
        PLANS.put(ImportKind.ENFORCEMENT, enforcement());
        PLANS.put(ImportKind.ACCIDENTS, accidents());
        PLANS.put(ImportKind.DRILLS, drills());
        PLANS.put(ImportKind.TRAININGS, trainings());
        PLANS.put(ImportKind.TIPOFFS, tipoffs());
        PLANS.put(ImportKind.HEAD_DUTIES, headDuties());
        PLANS.put(ImportKind.DOOR_KNOCKS, doorKnocks());
        PLANS.put(ImportKind.PUBLICITY, publicity());
        PLANS.put(ImportKind.TASK_PROGRESS, taskProgress());
    }

    private LoadPlans() {
    }

    static LoadPlan of(ImportKind kind) {
        return PLANS.get(kind);
    }

    /**
     * The plans whose tables a report package merges: the lake's tables ({@link cn.anjian.lake.ReportPackage#tables})
     * that a ledger kind loads, dimensions first (a fact's town is read from the regions). The lake's code tables
     * have no plan: they come from the reference scripts, the same on both sides of a package.
     */
    static List<LoadPlan> packagePlans() {
        return cn.anjian.lake.ReportPackage.tables().stream()
                .sorted(java.util.Comparator.comparing(t -> !t.startsWith("dim_")))
                .flatMap(t -> PLANS.values().stream().filter(p -> p.target().table().equals(t)).limit(1))
                .toList();
    }

    /** The plans an import of this kind wrote through: its own, or for a package every one it merges. */
    static List<LoadPlan> written(ImportKind kind) {
        return kind == ImportKind.PACKAGE ? packagePlans() : List.of(of(kind));
    }

    /** Code domains whose alias maps the stage step loads into session variables ({@code alias_<domain>}). */
    static final List<String> ALIAS_DOMAINS = List.of("sector", "department", "inspection_type",
            "enforcement_action", "hazard_level", "hazard_status", "scale", "accident_level", "region_level",
            "yes_no", "training_role", "training_type", "tipoff_channel", "head_duty", "household_type",
            "publicity_kind", "task_status");

    /** Prefix of a value the checks read but the stage table does not keep (the strict reading of a date …). */
    static final String HELPER = "_h_";

    static final String NO_YEAR = "请在表格标题里写明年份 (如“2025年8月隐患排查台账”)，或在映射方案中写 year: 2025";

    /** Days a tip-off is to be closed in when the ledger names no deadline (办结期限). */
    static final int TIPOFF_DAYS = 30;

    private static LoadPlan regions() {
        Builder b = new Builder();
        b.text("region_code", true);
        b.check("region_code", "NOT regexp_full_match(region_code, '[0-9A-Za-z_-]{1,20}')", "区划代码只能含数字、字母、- 或 _，最长20位");
        b.text("region_name", true);
        b.code("region_level", "region_level", "region_level", true);
        b.value("parent_code", "${parent_code}");
        b.check("parent_code", "region_level <> 'county' AND parent_code IS NULL", "乡镇和村(社区)须填写上级区划代码");
        b.value("is_community", "coalesce(${region_level} = '社区' OR region_name LIKE '%社区', false)");
        b.plannedDate("valid_from", false);
        // 撤并日期 is the day the village stops existing: its last valid day is the day before
        b.plannedDate("valid_to", false);
        b.check("valid_to", "valid_to < valid_from", "撤并日期早于启用日期");
        b.value("merged_into", "${merged_into}");
        b.yesNo("is_demo");
        String changed = """
                t.region_name IS DISTINCT FROM s.region_name OR t.region_level IS DISTINCT FROM s.region_level
                    OR t.parent_code IS DISTINCT FROM s.parent_code OR t.is_community IS DISTINCT FROM s.is_community
                    OR t.valid_from IS DISTINCT FROM coalesce(s.valid_from, DATE '1900-01-01')
                    OR t.valid_to IS DISTINCT FROM coalesce(s.valid_to - 1, DATE '9999-12-31')
                    OR t.merged_into IS DISTINCT FROM s.merged_into OR t.is_demo IS DISTINCT FROM s.is_demo""";
        String upsert = """
                MERGE INTO dim_region t USING (
                    SELECT s.*, p.region_level AS parent_level, p.county_code AS parent_county
                    FROM ${accepted} s LEFT JOIN (
                        SELECT region_code, region_level, county_code FROM dim_region
                        UNION ALL SELECT region_code, region_level, NULL FROM ${stage}) p
                      ON p.region_code = s.parent_code
                    QUALIFY row_number() OVER (PARTITION BY s.region_code ORDER BY p.county_code NULLS LAST) = 1) s
                ON t.region_code = s.region_code
                WHEN MATCHED AND (%1$s)
                  THEN UPDATE SET region_name = s.region_name, region_level = s.region_level, parent_code = s.parent_code,
                    is_community = s.is_community, valid_from = coalesce(s.valid_from, DATE '1900-01-01'),
                    valid_to = coalesce(s.valid_to - 1, DATE '9999-12-31'), merged_into = s.merged_into, is_demo = s.is_demo,
                    batch_id = s.batch_id
                WHEN NOT MATCHED THEN INSERT (region_code, region_name, region_level, parent_code, county_code, town_code,
                    is_community, valid_from, valid_to, merged_into, is_demo, batch_id)
                  VALUES (s.region_code, s.region_name, s.region_level, s.parent_code, NULL, NULL, s.is_community,
                    coalesce(s.valid_from, DATE '1900-01-01'), coalesce(s.valid_to - 1, DATE '9999-12-31'), s.merged_into,
                    s.is_demo, s.batch_id);
                UPDATE dim_region r SET county_code = c.county_code, town_code = c.town_code
                FROM (SELECT x.region_code, CASE x.region_level
                            WHEN 'county' THEN x.region_code
                            WHEN 'town' THEN x.parent_code
                            ELSE (SELECT t.parent_code FROM dim_region t WHERE t.region_code = x.parent_code) END
                            AS county_code,
                        CASE x.region_level WHEN 'town' THEN x.region_code WHEN 'village' THEN x.parent_code END
                            AS town_code
                      FROM dim_region x) c
                -- new rows, and rows whose parent a corrected ledger changed (a village moved to another town)
                WHERE c.region_code = r.region_code AND (r.county_code IS DISTINCT FROM c.county_code
                    OR r.town_code IS DISTINCT FROM c.town_code);
                """.formatted(changed);
        return b.build(ImportKind.REGIONS, "region_code", upsert,
                new LoadPlan.Target("dim_region", List.of("region_code"), "true", changed));
    }

    private static LoadPlan enterprises() {
        Builder b = new Builder();
        b.creditCode();
        b.text("enterprise_name", true);
        b.region();
        b.code("sector", "sector", "sector_code", true);
        b.code("scale", "scale", "scale", true);
        b.yesNo("is_high_risk");
        b.yesNo("is_key");
        b.yesNo("is_crowded_place");
        b.value("address", "${address}");
        b.value("contact_person", "${contact_person}");
        b.plannedDate("effective_date", false);
        b.enterpriseId();
        // an enterprise keyed by its own number that now states a credit code (same number, same name, a code no
        // other enterprise has) keeps its key: it gains the code, it is not a second enterprise
        b.value(HELPER + "id_code", "getvariable('alias_enterprise_id')[enterprise_id_key]");
        b.value(HELPER + "gains_code", "starts_with(" + HELPER + "id_code, 'L') AND credit_code IS NOT NULL"
                + " AND getvariable('alias_enterprise')[credit_code] IS NULL"
                + " AND getvariable('alias_enterprise')[enterprise_name] = " + HELPER + "id_code");
        // keyed by credit code; else by the ledger's own number within the town; else by name and village
        b.value("enterprise_code", "CASE WHEN " + HELPER + "gains_code THEN " + HELPER + "id_code ELSE"
                + " coalesce(credit_code, CASE WHEN enterprise_id_key IS NOT NULL THEN 'L'"
                + " || getvariable('region_town')[region_code] || '-' || CASE WHEN"
                + " regexp_full_match(enterprise_id, '[0-9A-Za-z_.-]{1,40}') THEN enterprise_id"
                + " ELSE substr(md5(enterprise_id), 1, 16) END END,"
                + " 'N' || substr(md5(enterprise_name || '|' || coalesce(region_code, '')), 1, 17)) END");
        b.check("enterprise_id", HELPER + "id_code <> enterprise_code",
                "企业内部编号在本乡镇已被另一家生产经营单位使用");
        String attributesDiffer = """
                (d.credit_code IS DISTINCT FROM s.credit_code OR d.enterprise_name IS DISTINCT FROM s.enterprise_name
                 OR d.region_code IS DISTINCT FROM s.region_code OR d.sector_code IS DISTINCT FROM s.sector_code
                 OR d.scale IS DISTINCT FROM s.scale OR d.is_high_risk IS DISTINCT FROM s.is_high_risk
                 OR d.is_key IS DISTINCT FROM s.is_key OR d.is_crowded_place IS DISTINCT FROM s.is_crowded_place
                 OR d.address IS DISTINCT FROM s.address OR d.contact_person IS DISTINCT FROM s.contact_person
                 OR d.ledger_id IS DISTINCT FROM s.enterprise_id)""";
        // both updates below rewrite only the current version of an enterprise whose attributes differ
        var target = new LoadPlan.Target("dim_enterprise", List.of("enterprise_code", "valid_from"), "t.is_current",
                attributesDiffer.replace("d.", "t."));
        // Type-2 history: a changed enterprise gets a new version from its effective date (today if none);
        // a change dated on or before the current version's start corrects that version in place.
        String upsert = """
                UPDATE dim_enterprise d SET credit_code = s.credit_code, enterprise_name = s.enterprise_name,
                    region_code = s.region_code, sector_code = s.sector_code, scale = s.scale,
                    is_high_risk = s.is_high_risk, is_key = s.is_key, is_crowded_place = s.is_crowded_place,
                    address = s.address, contact_person = s.contact_person, ledger_id = s.enterprise_id,
                    batch_id = s.batch_id
                FROM ${accepted} s
                WHERE d.enterprise_code = s.enterprise_code AND d.is_current
                  AND coalesce(s.effective_date, anj_today()) <= d.valid_from AND %1$s;
                UPDATE dim_enterprise d SET valid_to = coalesce(s.effective_date, anj_today()) - 1, is_current = false
                FROM ${accepted} s
                WHERE d.enterprise_code = s.enterprise_code AND d.is_current
                  AND coalesce(s.effective_date, anj_today()) > d.valid_from AND %1$s;
                INSERT INTO dim_enterprise (enterprise_code, valid_from, valid_to, is_current, credit_code, enterprise_name,
                    region_code, sector_code, scale, is_high_risk, is_key, is_crowded_place, address, contact_person, ledger_id,
                    batch_id)
                SELECT s.enterprise_code,
                       CASE WHEN EXISTS (SELECT 1 FROM dim_enterprise o WHERE o.enterprise_code = s.enterprise_code)
                            THEN coalesce(s.effective_date, anj_today()) ELSE coalesce(s.effective_date, DATE '1900-01-01') END,
                       DATE '9999-12-31', true, s.credit_code, s.enterprise_name, s.region_code, s.sector_code, s.scale,
                       s.is_high_risk, s.is_key, s.is_crowded_place, s.address, s.contact_person, s.enterprise_id,
                       s.batch_id
                FROM ${accepted} s
                WHERE NOT EXISTS (SELECT 1 FROM dim_enterprise d WHERE d.enterprise_code = s.enterprise_code AND d.is_current);
                """.formatted(attributesDiffer);
        return b.build(ImportKind.ENTERPRISES, "enterprise_code", upsert, target);
    }

    private static LoadPlan inspections() {
        Builder b = new Builder();
        b.text("inspection_no", true);
        b.date("inspection_date", true);
        b.region();
        b.value("target_name", "${target_name}");
        b.creditCode();
        b.code("sector", "sector", "sector_code", true);
        b.code("department", "department", "department_code", false);
        b.code("inspection_type", "inspection_type", "inspection_type", true);
        b.value("inspector", "${inspector}");
        b.yesNo("led_by_leader");
        b.value("is_double_random", "coalesce(CAST(getvariable('alias_yes_no')[${is_double_random}] AS BOOLEAN), false)"
                + " OR coalesce(inspection_type = 'double_random', false)");
        b.yesNoCheck("is_double_random");
        b.count("hazards_found");
        b.value("note", "${note}");
        b.enterpriseLink();
        return b.buildFact(ImportKind.INSPECTIONS, "fact_inspection", "inspection_no", List.of("inspection_no",
                "inspection_date", "region_code", "enterprise_code", "target_name", "sector_code", "department_code",
                "inspection_type", "inspector", "led_by_leader", "is_double_random", "hazards_found", "note"));
    }

    private static LoadPlan hazards() {
        Builder b = new Builder();
        b.text("hazard_no", true);
        b.date("found_date", true);
        b.region();
        b.value("target_name", "${target_name}");
        b.creditCode();
        b.code("sector", "sector", "sector_code", true);
        b.text("description", true);
        b.code("hazard_level", "hazard_level", "hazard_level", true);
        b.code("department", "department", "department_code", false);
        b.value("inspection_no", "${inspection_no}");
        b.plannedDate("deadline_date", false);
        b.check("deadline_date", "deadline_date < found_date", "整改期限早于发现日期");
        b.date("rectified_date", false);
        b.check("rectified_date", "rectified_date < found_date", "整改完成日期早于发现日期");
        b.date("verified_date", false);
        b.check("verified_date", "verified_date < found_date", "复查验收日期早于发现日期");
        b.date("closed_date", false);
        b.check("closed_date", "closed_date < found_date", "销号日期早于发现日期");
        b.value("status", "coalesce(getvariable('alias_hazard_status')[${status}], CASE"
                + " WHEN closed_date IS NOT NULL THEN 'closed' WHEN rectified_date IS NOT NULL THEN 'rectified'"
                + " ELSE 'open' END)");
        b.check("status", "${status} IS NOT NULL AND getvariable('alias_hazard_status')[${status}] IS NULL",
                "无法识别的整改状态 (可填 待整改、整改中、已整改、已销号)");
        // a stated status the dates contradict loads, is never counted against the unit, and is listed (数据质量)
        b.warn("status", STATUS_WITHOUT_DATE, "'" + STATUS_WITHOUT_DATE_NOTE + "'");
        b.warn("status", STATUS_BEFORE_DATE, "'" + STATUS_BEFORE_DATE_NOTE + "'");
        b.amount("funds", "funds_yuan");
        // 五落实 and 是否公布: a blank cell, or a column the ledger does not have, is not stated (NULL), not 否
        b.yesNoOrUnknown("wl_responsibility");
        b.yesNoOrUnknown("wl_measures");
        b.yesNoOrUnknown("wl_funds");
        b.yesNoOrUnknown("wl_time_limit");
        b.yesNoOrUnknown("wl_contingency");
        b.yesNoOrUnknown("is_published");
        b.value("rectification_measures", "${rectification_measures}");
        b.value("responsible_person", "${responsible_person}");
        b.value("inspectors", "${inspectors}");
        b.value("document_no", "${document_no}");
        b.enterpriseLink();
        b.value("open_until", "anj_open_until(rectified_date, closed_date, status, found_date)");
        return b.buildFact(ImportKind.HAZARDS, "fact_hazard", "hazard_no", List.of("hazard_no", "found_date",
                "deadline_date", "rectified_date", "verified_date", "closed_date", "hazard_level", "sector_code",
                "region_code", "enterprise_code", "target_name", "department_code", "inspection_no", "description",
                "status", "funds_yuan", "wl_responsibility", "wl_measures", "wl_funds", "wl_time_limit",
                "wl_contingency", "is_published", "open_until", "rectification_measures", "responsible_person",
                "inspectors", "document_no"));
    }

    private static LoadPlan enforcement() {
        Builder b = new Builder();
        b.text("case_no", true);
        b.date("action_date", true);
        b.region();
        b.text("target_name", true);
        b.creditCode();
        b.code("sector", "sector", "sector_code", true);
        b.code("department", "department", "department_code", false);
        b.code("action", "enforcement_action", "action_code", true);
        b.value("ladder_stage", "coalesce(CASE ${ladder_stage} WHEN '首查' THEN 1 WHEN '再查' THEN 2"
                + " WHEN '三查' THEN 3 ELSE anj_parse_int(${ladder_stage}) END,"
                + " getvariable('action_stage')[action_code])");
        b.check("ladder_stage", "${ladder_stage} IS NOT NULL AND (ladder_stage IS NULL OR ladder_stage NOT BETWEEN 1 AND 3)",
                "检查次序应为 1、2、3 (首查、再查、三查)");
        b.amount("fine_proposed", "fine_proposed_yuan");
        b.amount("fine_final", "fine_final_yuan");
        b.value("hazard_no", "${hazard_no}");
        b.value("inspection_no", "${inspection_no}");
        b.value("description", "${description}");
        b.enterpriseLink();
        return b.buildFact(ImportKind.ENFORCEMENT, "fact_enforcement", "case_no", List.of("case_no", "action_date",
                "enterprise_code", "target_name", "region_code", "sector_code", "department_code", "action_code",
                "ladder_stage", "fine_proposed_yuan", "fine_final_yuan", "hazard_no", "inspection_no", "description"));
    }

    private static LoadPlan accidents() {
        Builder b = new Builder();
        b.text("accident_no", true);
        b.date("accident_date", true);
        b.region();
        b.code("sector", "sector", "sector_code", true);
        b.value("target_name", "${target_name}");
        b.creditCode();
        b.code("accident_level", "accident_level", "accident_level", true);
        b.count("deaths");
        b.count("injuries");
        b.amount("direct_loss", "direct_loss_yuan");
        b.yesNo("is_concealed");
        b.value("description", "${description}");
        b.enterpriseLink();
        return b.buildFact(ImportKind.ACCIDENTS, "fact_accident", "accident_no", List.of("accident_no",
                "accident_date", "region_code", "sector_code", "enterprise_code", "accident_level", "deaths",
                "injuries", "direct_loss_yuan", "is_concealed", "description"));
    }

    private static LoadPlan drills() {
        Builder b = new Builder();
        b.date("drill_date", true);
        b.region();
        b.enterprise(true);
        b.text("scenario", true);
        b.count("participants");
        b.value("organizer", "${organizer}");
        b.value("note", "${note}");
        b.derivedKey("drill_no", "YL-", "enterprise_code", "drill_date", "${scenario}");
        return b.buildFact(ImportKind.DRILLS, "fact_drill", "drill_no", List.of("drill_no", "drill_date",
                "region_code", "enterprise_code", "target_name", "scenario", "participants", "organizer", "note"));
    }

    private static LoadPlan trainings() {
        Builder b = new Builder();
        b.date("training_date", true);
        b.region();
        b.text("person_name", true);
        b.code("person_role", "training_role", "person_role", true);
        b.enterprise(false);
        b.code("training_type", "training_type", "training_type", true);
        b.value("hours", "TRY_CAST(replace(${hours}, '学时', '') AS DECIMAL(6, 1))");
        b.check("hours", "${hours} IS NOT NULL AND hours IS NULL", "学时应为数字 (如 2 或 1.5)");
        b.check("hours", "hours < 0 OR hours > 200", "学时应在 0 到 200 之间");
        b.yesNoOrUnknown("passed");
        b.value("note", "${note}");
        b.derivedKey("training_no", "PX-", "person_name", "coalesce(enterprise_code, target_name)",
                "training_date", "training_type");
        return b.buildFact(ImportKind.TRAININGS, "fact_training", "training_no", List.of("training_no",
                "training_date", "region_code", "enterprise_code", "target_name", "person_name", "person_role",
                "training_type", "hours", "passed", "note"));
    }

    private static LoadPlan tipoffs() {
        Builder b = new Builder();
        b.date("received_date", true);
        b.code("channel", "tipoff_channel", "channel", true);
        b.region();
        b.code("sector", "sector", "sector_code", true);
        b.creditCode();
        b.enterpriseId();
        b.value("enterprise_code", "coalesce(getvariable('alias_enterprise_id')[enterprise_id_key],"
                + " getvariable('alias_enterprise')[credit_code], getvariable('alias_enterprise')[${enterprise_name}])");
        b.unknownEnterpriseId();
        b.value("target_name", "coalesce(${enterprise_name}, credit_code)");
        b.text("content", true);
        b.value("substantiated", "CAST(getvariable('alias_yes_no')[${substantiated}] AS BOOLEAN)");
        b.yesNoCheck("substantiated");
        b.code("department", "department", "department_code", false);
        b.value("deadline_date", "coalesce(anj_parse_date(${deadline_date}), received_date + " + TIPOFF_DAYS + ")");
        b.check("deadline_date", "${deadline_date} IS NOT NULL AND anj_parse_date(${deadline_date}) IS NULL",
                DATE_FORMS);
        b.check("deadline_date", "deadline_date < received_date", "办结期限早于受理日期");
        b.date("closed_date", false);
        b.check("closed_date", "closed_date < received_date", "办结日期早于受理日期");
        b.amount("reward", "reward_yuan");
        b.derivedKey("tipoff_no", "JB-", "received_date", "region_code", "${content}");
        return b.buildFact(ImportKind.TIPOFFS, "fact_tipoff", "tipoff_no", List.of("tipoff_no", "received_date",
                "channel", "region_code", "sector_code", "enterprise_code", "target_name", "content", "substantiated",
                "department_code", "deadline_date", "closed_date", "reward_yuan"));
    }

    private static LoadPlan headDuties() {
        Builder b = new Builder();
        b.date("duty_date", true);
        b.region();
        b.enterprise(true);
        b.value("head_name", "${head_name}");
        b.code("duty_type", "head_duty", "duty_type", true);
        b.count("hazards_found");
        b.value("note", "${note}");
        b.derivedKey("duty_no", "FZ-", "enterprise_code", "duty_date", "duty_type");
        return b.buildFact(ImportKind.HEAD_DUTIES, "fact_head_duty", "duty_no", List.of("duty_no", "duty_date",
                "region_code", "enterprise_code", "target_name", "head_name", "duty_type", "hazards_found", "note"));
    }

    private static LoadPlan doorKnocks() {
        Builder b = new Builder();
        b.date("visit_date", true);
        b.region();
        b.text("household", true);
        b.code("household_type", "household_type", "household_type", true);
        b.value("visited_by", "${visited_by}");
        b.code("department", "department", "department_code", false);
        b.count("problems_found");
        b.count("problems_fixed");
        b.check("problems_fixed", "problems_fixed > problems_found", "整改问题数多于发现问题数");
        b.value("note", "${note}");
        b.derivedKey("visit_no", "QM-", "region_code", "${household}", "visit_date");
        return b.buildFact(ImportKind.DOOR_KNOCKS, "fact_door_knock", "visit_no", List.of("visit_no", "visit_date",
                "region_code", "household", "household_type", "visited_by", "department_code", "problems_found",
                "problems_fixed", "note"));
    }

    private static LoadPlan publicity() {
        Builder b = new Builder();
        b.date("event_date", true);
        b.region();
        b.code("department", "department", "department_code", false);
        b.code("event_kind", "publicity_kind", "event_kind", true);
        b.text("title", true);
        b.count("audience");
        b.value("note", "${note}");
        b.derivedKey("event_no", "XJ-", "event_date", "region_code", "${title}");
        return b.buildFact(ImportKind.PUBLICITY, "fact_publicity", "event_no", List.of("event_no", "event_date",
                "region_code", "department_code", "event_kind", "title", "audience", "note"));
    }

    /**
     * A unit's report on a campaign task. The unit is a department (its rows belong to its town: the 所属乡镇 column,
     * else the warehouse's only town) or a village; the task must be one of a campaign file's.
     */
    private static LoadPlan taskProgress() {
        Builder b = new Builder();
        b.date("report_date", true);
        b.value("task_id", "${task_id}");
        b.check("task_id", "${task_id} IS NULL", "必填项为空");
        b.check("task_id", "${task_id} IS NOT NULL AND NOT coalesce(list_contains(getvariable('campaign_tasks'),"
                + " ${task_id}), false)", "未知的任务编号: 专项行动方案 (dashboards/campaigns/) 中没有");
        b.value("department_code", "getvariable('alias_department')[${unit}]");
        b.value("region_code", "CASE WHEN department_code IS NULL THEN coalesce(getvariable('alias_region')"
                + "[concat_ws('|', ${town}, ${unit})], getvariable('alias_region')[${unit}]) END");
        b.value("unit_kind", "CASE WHEN department_code IS NOT NULL THEN 'department'"
                + " WHEN region_code IS NOT NULL THEN 'village' END");
        b.value("unit_code", "coalesce(department_code, region_code)");
        b.value("home_code", "coalesce(region_code, getvariable('alias_town')[${town}], getvariable('only_town'))");
        b.check("unit", "${unit} IS NULL", "必填项为空");
        b.check("unit", "${unit} IS NOT NULL AND unit_code IS NULL",
                "未知的责任单位: 既不是安委会成员单位，也不是区划表中的村(社区)");
        b.check("town", "department_code IS NOT NULL AND home_code IS NULL",
                "部门的进展须填写所属乡镇 (数据仓库中有多个乡镇)");
        b.code("progress", "task_status", "progress", true);
        b.value("evidence", "${evidence}");
        b.value("note", "${note}");
        b.derivedKey("report_no", "JZ-", "task_id", "unit_code", "report_date");
        return b.buildFact(ImportKind.TASK_PROGRESS, "fact_task_progress", "report_no", List.of("report_no",
                "report_date", "task_id", "unit_kind", "unit_code", "region_code", "department_code", "home_code",
                "progress", "evidence", "note"));
    }

    /** Collects values and checks with the rules shared by all record types. */
    private static final class Builder {
        private final List<LoadPlan.Value> values = new ArrayList<>();
        private final List<LoadPlan.Check> checks = new ArrayList<>();
        private final List<LoadPlan.Warning> warnings = new ArrayList<>();

        void value(String name, String expression) {
            values.add(LoadPlan.value(name, expression));
        }

        void check(String field, String failsWhen, String reason) {
            checks.add(LoadPlan.check(field, failsWhen, reason));
        }

        void warn(String field, String when, String messageSql) {
            warnings.add(new LoadPlan.Warning(field, when, messageSql));
        }

        void text(String field, boolean required) {
            value(field, "${" + field + "}");
            if (required) {
                check(field, field + " IS NULL", "必填项为空");
            }
        }

        /** A date something happened on (found, inspected, closed): never in the future. */
        void date(String field, boolean required) {
            plannedDate(field, required);
            checks.add(new LoadPlan.Check(field, field + " > anj_today()", "日期晚于今天",
                    "'日期晚于今天 (读作 ' || strftime(" + field + ", '%Y-%m-%d') || ')'"));
        }

        /**
         * A date that may lie ahead (a rectification deadline, a village's merger). The strict forms first
         * ({@code anj_parse_date}, kept in a helper column the stage table does not store); a cell they refuse is read
         * loosely ({@code anj_date_loose}: spaces, ranges, Chinese numerals, a missing year from the ledger's period
         * {@code src_period}), and what that reading assumed is a warning.
         */
        void plannedDate(String field, boolean required) {
            String strict = HELPER + field;
            String cell = "${" + field + "}";
            value(strict, "anj_parse_date(" + cell + ")");
            value(field, "coalesce(" + strict + ", anj_date_loose(" + cell + ", src_period).d)");
            if (required) {
                check(field, cell + " IS NULL", "必填项为空");
            }
            checks.add(new LoadPlan.Check(field, cell + " IS NOT NULL AND " + field + " IS NULL", DATE_FORMS,
                    "coalesce(anj_date_loose(" + cell + ", src_period).miss || '：" + NO_YEAR + "', '"
                            + DATE_FORMS + "')"));
            checks.add(new LoadPlan.Check(field, field + " < DATE '1990-01-01'", "日期早于1990年",
                    "'日期早于1990年 (读作 ' || strftime(" + field + ", '%Y-%m-%d') || ')'"));
            warn(field, strict + " IS NULL AND " + field + " IS NOT NULL AND anj_date_loose(" + cell
                    + ", src_period).note IS NOT NULL", "anj_date_loose(" + cell + ", src_period).note");
        }

        void code(String field, String domain, String name, boolean required) {
            value(name, "getvariable('alias_" + domain + "')[${" + field + "}]");
            if (required) {
                check(field, "${" + field + "} IS NULL", "必填项为空");
            }
            checks.add(new LoadPlan.Check(field, "${" + field + "} IS NOT NULL AND " + name + " IS NULL",
                    UNKNOWN_CODE, unknownCodeReason(domain, "${" + field + "}")));
        }

        /**
         * The reason for a value the code list does not know, naming the five accepted spellings nearest to it
         * (by Jaro–Winkler similarity over the Chinese aliases) and where to add a new one.
         */
        private static String unknownCodeReason(String domain, String value) {
            return "'" + UNKNOWN_CODE + "；相近的可填值: ' || array_to_string(list_transform(list_slice(list_reverse_sort("
                    + "list_transform(list_filter(map_keys(getvariable('alias_" + domain + "')),"
                    + " lambda k: regexp_matches(k, '\\p{Han}')),"
                    + " lambda k: {'s': jaro_winkler_similarity(k, " + value + "), 'k': k})), 1, 5),"
                    + " lambda x: x.k), '、') || '。新的写法可在映射方案的 values 中设同义词，或在" + codeFile(domain)
                    + "中添加'";
        }

        /** Where a domain's codes and spellings are kept: the code-list file users edit, or the reference SQL. */
        private static String codeFile(String domain) {
            return CodeLists.DOMAINS.contains(domain) ? "代码表 " + CodeLists.FILE + " (新的代码或写法) "
                    : " sql/reference/R010__codes.sql ";
        }

        /**
         * The village by its name (under its town when the ledger names one) or code; else by its name as people
         * type it ({@code anj_name_key}: full-width forms, case, spaces, a trailing 标) without the prefixes the
         * profile strips ({@code region_prefixes}), with a warning naming the village it was taken for.
         */
        void region() {
            value(HELPER + "region_exact", "coalesce(getvariable('alias_region')[concat_ws('|', ${town}, ${village})],"
                    + " getvariable('alias_region')[${village}])");
            String loose = "anj_name_key(CASE WHEN getvariable('region_prefix_re') IS NULL THEN ${village}"
                    + " ELSE regexp_replace(${village}, getvariable('region_prefix_re'), '') END)";
            value("region_code", "coalesce(" + HELPER + "region_exact, CASE WHEN ${village} IS NOT NULL THEN"
                    + " coalesce(getvariable('alias_region_loose')[concat_ws('|', anj_name_key(${town}), " + loose
                    + ")], getvariable('alias_region_loose')[" + loose + "]) END)");
            check("village", "${village} IS NULL", "必填项为空");
            // the town the ledger names rides along in the reason: the pre-filled regions ledger (MissingRegions)
            // puts the missing village under it
            checks.add(new LoadPlan.Check("village", "${village} IS NOT NULL AND region_code IS NULL",
                    MissingRegions.UNKNOWN_VILLAGE, "'" + MissingRegions.UNKNOWN_VILLAGE + "' || CASE WHEN ${town}"
                    + " IS NOT NULL THEN '" + MissingRegions.TOWN_OPEN + "' || ${town} || '"
                    + MissingRegions.TOWN_CLOSE + "' ELSE '' END"));
            warn("village", HELPER + "region_exact IS NULL AND region_code IS NOT NULL",
                    "'按区划「' || coalesce(getvariable('region_names')[region_code], region_code)"
                            + " || '」读取 (名称写法不同)'");
        }

        void yesNo(String field) {
            yesNo(field, false);
        }

        /** A yes/no cell; blank means {@code whenBlank}. */
        /** A yes/no cell whose blank means "not stated" (NULL), not yes or no. */
        void yesNoOrUnknown(String field) {
            value(field, "CAST(getvariable('alias_yes_no')[${" + field + "}] AS BOOLEAN)");
            yesNoCheck(field);
        }

        void yesNo(String field, boolean whenBlank) {
            value(field, "coalesce(CAST(getvariable('alias_yes_no')[${" + field + "}] AS BOOLEAN), " + whenBlank + ")");
            yesNoCheck(field);
        }

        /**
         * The natural key: the ledger's own number, else a hash of the cells that identify the record (parsed
         * values where a cell has several spellings, so 2023/1/3 and 2023-01-03 give the same key). Re-importing
         * the same ledger, or a corrected one, then updates the record instead of adding a second one.
         */
        void derivedKey(String field, String prefix, String... parts) {
            List<String> cast = java.util.Arrays.stream(parts).map(p -> "CAST(" + p + " AS VARCHAR)").toList();
            value(field, "coalesce(${" + field + "}, '" + prefix + "' || substr(md5(concat_ws('|', "
                    + String.join(", ", cast) + ")), 1, 16))");
        }

        /**
         * The enterprise, by credit code or name, looked up in the enterprise ledger ({@code alias_enterprise}):
         * an enterprise the warehouse does not know is refused, so every row counts for a real enterprise.
         */
        void enterprise(boolean required) {
            creditCode();
            enterpriseId();
            value("enterprise_code", "coalesce(getvariable('alias_enterprise_id')[enterprise_id_key],"
                    + " getvariable('alias_enterprise')[credit_code], getvariable('alias_enterprise')[${enterprise_name}])");
            value("target_name", "${enterprise_name}");
            if (required) {
                check("enterprise_name", "${enterprise_name} IS NULL AND credit_code IS NULL AND enterprise_id IS NULL",
                        "必填项为空 (填写单位名称、统一社会信用代码或企业内部编号)");
            }
            unknownEnterpriseId();
            check("enterprise_name", "(${enterprise_name} IS NOT NULL OR credit_code IS NOT NULL)"
                    + " AND enterprise_id IS NULL AND enterprise_code IS NULL",
                    "未知的生产经营单位: 生产经营单位台账中没有这个名称或信用代码");
        }

        /**
         * The ledger's own number of an enterprise (企业内部编号), which is unique within a town: as a lookup key,
         * the code of the row's town and the number. Needs {@link #region()} first.
         */
        void enterpriseId() {
            value("enterprise_id", "${enterprise_id}");
            value("enterprise_id_key", "CASE WHEN enterprise_id IS NOT NULL"
                    + " THEN getvariable('region_town')[region_code] || '|' || enterprise_id END");
        }

        /**
         * The enterprise a fact is about: by the ledger's own number within the row's town where the row carries one
         * (an enterprise the ledger keys so has no credit code), else by the credit code as the ledger writes it.
         */
        void enterpriseLink() {
            enterpriseId();
            value("enterprise_code", "coalesce(getvariable('alias_enterprise_id')[enterprise_id_key], credit_code)");
            unknownEnterpriseId();
        }

        /** A number the town's enterprise ledger does not have is refused, so the row never links to nothing. */
        void unknownEnterpriseId() {
            check("enterprise_id", "enterprise_id_key IS NOT NULL"
                    + " AND getvariable('alias_enterprise_id')[enterprise_id_key] IS NULL",
                    "未知的企业内部编号: 本乡镇的生产经营单位台账中没有这个编号");
        }

        void yesNoCheck(String field) {
            check(field, "${" + field + "} IS NOT NULL AND getvariable('alias_yes_no')[${" + field + "}] IS NULL",
                    "应填“是”或“否”");
        }

        void amount(String field, String name) {
            value(name, "anj_parse_amount(${" + field + "})");
            check(field, "${" + field + "} IS NOT NULL AND " + name + " IS NULL", "不是有效金额");
            check(field, name + " < 0", "金额不能为负数");
        }

        void count(String field) {
            value(field, "coalesce(anj_parse_int(${" + field + "}), 0)");
            check(field, "${" + field + "} IS NOT NULL AND anj_parse_int(${" + field + "}) IS NULL", "不是整数");
            check(field, field + " < 0", "不能为负数");
        }

        void creditCode() {
            value("credit_code", "upper(${credit_code})");
            check("credit_code", "credit_code IS NOT NULL AND NOT regexp_full_match(credit_code, '[0-9A-Z]{18}')",
                    "统一社会信用代码应为18位数字或大写字母");
        }

        LoadPlan build(ImportKind kind, String key, String upsert, LoadPlan.Target target) {
            return new LoadPlan(kind, List.copyOf(values), List.copyOf(checks), List.copyOf(warnings), key, upsert,
                    target);
        }

        /**
         * A fact upserts on its natural key and rewrites a row only when something in it changed. Rows whose key the
         * fact already holds are merged first; the others are then inserted. One MERGE for both joined every row of
         * the file with the fact and held them all in its hash table: at 10 M new rows it filled DuckDB's
         * memory_limit, where the INSERT's anti-join only holds the fact's keys.
         */
        LoadPlan buildFact(ImportKind kind, String table, String key, List<String> ownColumns) {
            // the ledger's columns the kind has no field for, as a JSON object (header → text)
            value("extra", "src_extra");
            List<String> columns = new ArrayList<>(ownColumns);
            columns.add("extra");
            List<String> nonKey = columns.stream().filter(c -> !c.equals(key)).toList();
            String differs = String.join(" OR ", nonKey.stream().map(c -> "t." + c + " IS DISTINCT FROM s." + c).toList());
            String set = String.join(", ", nonKey.stream().map(c -> c + " = s." + c).toList());
            String insertColumns = String.join(", ", columns) + ", batch_id, source_file, source_row";
            String insertValues = String.join(", ", columns.stream().map(c -> "s." + c).toList())
                    + ", s.batch_id, s.source_file, s.source_row";
            String held = "(SELECT 1 FROM " + table + " f WHERE f." + key + " = s." + key + ")";
            String upsert = "MERGE INTO " + table + " t USING ${accepted WHERE EXISTS " + held
                    + "} s ON t." + key + " = s." + key
                    + "\nWHEN MATCHED AND (" + differs + ")\n  THEN UPDATE SET " + set
                    + ", batch_id = s.batch_id, source_file = s.source_file, source_row = s.source_row;\n"
                    + "INSERT INTO " + table + " (" + insertColumns + ") SELECT " + insertValues
                    + " FROM ${accepted WHERE NOT EXISTS " + held + "} s;";
            return build(kind, key, upsert, new LoadPlan.Target(table, List.of(key), "true", "(" + differs + ")"));
        }
    }
}
