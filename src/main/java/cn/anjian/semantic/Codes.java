package cn.anjian.semantic;

import java.util.List;

/**
 * Code lists that have no reference table, with their labels (GLOSSARY.md): hazard statuses, enterprise
 * scales, yes/no flags, checking-unit kinds and accident levels. The one label source for these codes.
 */
final class Codes {

    static final List<Member> HAZARD_STATUSES = List.of(
            member("open", "待整改", "Open"),
            member("rectifying", "整改中", "Rectifying"),
            member("rectified", "已整改", "Rectified"),
            member("closed", "已销号", "Closed"));

    static final List<Member> SCALES = List.of(
            member("above_scale", "规上企业", "Above designated size"),
            member("sme", "中小企业", "SME"),
            member("micro", "小微企业", "Micro"),
            member("shop", "门店作坊/个体户", "Shop or workshop"));

    static final List<Member> FLAGS = List.of(member("yes", "是", "Yes"), member("no", "否", "No"));

    static final List<Member> UNIT_KINDS = List.of(
            member("village", "村(社区)", "Village"),
            member("department", "部门", "Department"));

    static final List<Member> ACCIDENT_LEVELS = List.of(
            member("general", "一般事故", "General"),
            member("larger", "较大事故", "Larger"),
            member("major", "重大事故", "Major"),
            member("extraordinary", "特别重大事故", "Extraordinary"));

    static final List<Member> TRAINING_ROLES = List.of(
            member("principal", "主要负责人", "Principal"),
            member("safety_manager", "安全管理人员", "Safety manager"),
            member("special_operator", "特种作业人员", "Special operator"),
            member("new_or_transferred", "新入岗·转岗", "New or transferred"),
            member("worker", "从业人员", "Worker"));

    static final List<Member> TRAINING_TYPES = List.of(
            member("warning_education", "警示教育", "Warning education"),
            member("safety_skills", "安全技能", "Safety skills"),
            member("pre_job", "岗前", "Pre-job"),
            member("practical", "实操与应急处置", "Practical and emergency response"));

    static final List<Member> TIPOFF_CHANNELS = List.of(
            member("hotline_12350", "12350热线", "12350 hotline"),
            member("hotline_12345", "12345热线", "12345 hotline"),
            member("phone", "电话", "Phone"),
            member("letter", "来信", "Letter"),
            member("visit", "来访", "Visit"),
            member("online", "网络", "Online"),
            member("referral", "上级转办", "Referred"),
            member("other", "其他", "Other"));

    static final List<Member> HOUSEHOLD_TYPES = List.of(
            member("elderly_alone", "独居老人", "Elderly living alone"),
            member("elderly", "老年人", "Elderly"),
            member("sick", "病患", "Sick"),
            member("disabled", "残疾人", "Disabled"),
            member("left_behind_child", "留守儿童", "Left-behind child"),
            member("other", "其他", "Other"));

    static final List<Member> PUBLICITY_KINDS = List.of(
            member("seven_into", "安全宣传“七进”", "Safety publicity \"seven into\""),
            member("safety_month", "安全生产月", "Work safety month"),
            member("fire_month", "消防安全月", "Fire safety month"),
            member("traffic_day", "交通安全日", "Traffic safety day"),
            member("ankang_cup", "安康杯竞赛", "Ankang Cup"),
            member("youth_post", "青年安全示范岗", "Youth safety post"),
            member("law", "普法宣传", "Legal education"),
            member("media", "媒体专栏", "Media column"),
            member("other", "其他", "Other"));

    static final List<Member> TASK_STATUSES = List.of(
            member("not_started", "未开始", "Not started"),
            member("in_progress", "推进中", "In progress"),
            member("done", "已完成", "Done"));

    private Codes() {
    }

    private static Member member(String code, String zh, String en) {
        return new Member(code, Label.of(zh, en), false);
    }
}
