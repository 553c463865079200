package cn.anjian.semantic;

import java.util.List;

/**
 * Code lists that have no reference table, with their labels (GLOSSARY.md): hazard levels and statuses, enterprise
 * scales, yes/no flags, checking-unit kinds and accident levels. The one label source for these codes.
 */
final class Codes {

    static final List<Member> HAZARD_LEVELS = List.of(
            member("general", "一般隐患", "General"),
            member("major", "重大隐患", "Major"));

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

    private Codes() {
    }

    private static Member member(String code, String zh, String en) {
        return new Member(code, Label.of(zh, en), false);
    }
}
