package cn.anjian.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;

import org.springframework.stereotype.Component;

/** The filters an export ran under, in words a reader of the file understands (Chinese names, not codes). */
@Component
class FilterWords {

    private static final Map<String, String> NAMES = Map.of("sector", "行业领域", "village", "村(社区)",
            "town", "乡镇", "department", "责任单位", "hazard_level", "隐患等级");

    private final MemberRepository members;

    FilterWords(MemberRepository members) {
        this.members = members;
    }

    /** One line per filter, from an echo map (from, to, sector, village, further codes, asOf). */
    List<String> lines(Map<String, Object> echo) {
        List<String> lines = new ArrayList<>();
        Object from = echo.get("from");
        Object to = echo.get("to");
        lines.add("时间范围: " + period(month(from), month(to), " 至 "));
        Map<String, String> sectors = labels(members.sectors());
        Map<String, String> villages = labels(members.villages());
        Map<String, String> departments = labels(members.departments());
        for (var e : echo.entrySet()) {
            String key = e.getKey();
            if (key.equals("from") || key.equals("to") || key.equals("asOf")) {
                continue;
            }
            Collection<?> codes = e.getValue() instanceof Collection<?> c ? c : List.of(String.valueOf(e.getValue()));
            Map<String, String> names = switch (key) {
                case "sector" -> sectors;
                case "village", "town" -> villages;
                case "department" -> departments;
                default -> Map.of();
            };
            String value = codes.isEmpty() ? "全部" : codes.stream()
                    .map(code -> names.getOrDefault(String.valueOf(code), String.valueOf(code)))
                    .collect(Collectors.joining("、"));
            lines.add(NAMES.getOrDefault(key, key) + ": " + value);
        }
        if (echo.get("asOf") != null) {
            lines.add("状态截至: " + echo.get("asOf"));
        }
        return lines;
    }

    String oneLine(Map<String, Object> echo) {
        return String.join("; ", lines(echo));
    }

    /**
     * A range in words; the open bounds of an export of all time (1900-01, 2999-12) read 全部, 以前 and 起, never as
     * months nobody chose.
     */
    static String period(String from, String to, String joiner) {
        boolean openStart = from.equals(FactExports.ALL_TIME.from().toString());
        boolean openEnd = to.equals(FactExports.ALL_TIME.to().toString());
        if (openStart && openEnd) {
            return "全部";
        }
        if (openStart) {
            return to + " 及以前";
        }
        if (openEnd) {
            return from + " 起";
        }
        return from.equals(to) ? from : from + joiner + to;
    }

    private static String month(Object ym) {
        String s = String.valueOf(ym);
        return s.length() >= 7 ? s.substring(0, 7) : s;
    }

    private static Map<String, String> labels(List<Member> list) {
        return list.stream().collect(Collectors.toMap(Member::code, m -> m.label().zh(), (a, b) -> a));
    }

}
