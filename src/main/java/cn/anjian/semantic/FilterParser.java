package cn.anjian.semantic;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Turns filter parameters as they arrive in a URL into {@link Filters}, or an {@link InvalidFilterException}
 * naming the parameter. Codes are checked against the reference tables (villages within the user's scope), so
 * only known codes ever reach a query, and they reach it as bind values.
 */
@Component
public class FilterParser {

    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String SECTOR = "sector";
    public static final String VILLAGE = "village";

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final DateTimeFormatter MONTH_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);
    /** More codes than any town has sectors or villages: a longer list is a mistake or an attack. */
    private static final int MAX_CODES = 500;
    private static final int MAX_ECHO = 40;

    private final MemberRepository members;

    FilterParser(MemberRepository members) {
        this.members = members;
    }

    /**
     * Parses raw parameter values. A missing month takes the default's; a missing code list takes the default's,
     * while a present but empty one (the "all" option of a select) means no restriction.
     *
     * @param from     month {@code yyyy-MM}, inclusive
     * @param to       month {@code yyyy-MM}, inclusive
     * @param sectors  sector codes (repeated or comma-separated parameters)
     * @param villages village codes
     * @param defaults what applies where a parameter is absent
     */
    public Filters parse(String from, String to, List<String> sectors, List<String> villages, Filters defaults) {
        YearMonth fromMonth = isBlank(from) ? defaults.from() : month(FROM, from);
        YearMonth toMonth = isBlank(to) ? defaults.to() : month(TO, to);
        if (fromMonth.isAfter(toMonth)) {
            throw new InvalidFilterException(FROM,
                    "参数 from 的起始月份 " + fromMonth + " 晚于截止月份 " + toMonth + " (from is after to)");
        }
        List<String> sectorCodes = codes(SECTOR, sectors, defaults.sectors());
        List<String> villageCodes = codes(VILLAGE, villages, defaults.villages());
        if (!sectorCodes.isEmpty()) {
            requireKnown(SECTOR, sectorCodes, members.sectorCodes(), "行业领域");
        }
        if (!villageCodes.isEmpty()) {
            requireKnown(VILLAGE, villageCodes, members.villageCodes(), "村(社区)");
        }
        return new Filters(fromMonth, toMonth, sectorCodes, villageCodes);
    }

    private static YearMonth month(String parameter, String value) {
        String v = value.strip();
        if (MONTH.matcher(v).matches()) {
            try {
                return YearMonth.parse(v, MONTH_FORMAT);
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
        }
        throw new InvalidFilterException(parameter,
                "参数 " + parameter + " 应为 yyyy-MM 格式的月份，收到 " + echo(value));
    }

    private static List<String> codes(String parameter, List<String> raw, List<String> defaults) {
        if (raw == null) {
            return defaults;
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String value : raw) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String code = part.strip();
                if (!code.isEmpty()) {
                    codes.add(code);
                }
            }
        }
        if (codes.size() > MAX_CODES) {
            throw new InvalidFilterException(parameter, "参数 " + parameter + " 的取值过多 (最多 " + MAX_CODES + " 个)");
        }
        return new ArrayList<>(codes);
    }

    private static void requireKnown(String parameter, List<String> codes, Set<String> known, String what) {
        for (String code : codes) {
            if (!known.contains(code)) {
                throw new InvalidFilterException(parameter,
                        "参数 " + parameter + " 中的" + what + "代码不存在或无权查看: " + echo(code));
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The offending value, quoted and shortened, so a message can show it without carrying a whole payload. */
    private static String echo(String value) {
        String v = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value;
        return "\"" + v + "\"";
    }
}
