package cn.anjian.semantic;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
    /** The longest range one request may ask for: 20 years of months. */
    public static final int MAX_MONTHS = 240;
    public static final String TO = "to";
    public static final String SECTOR = "sector";
    public static final String VILLAGE = "village";
    public static final String AS_OF = "asOf";

    /** Page state that may ride along in a URL without being a filter. */
    private static final Set<String> PAGE_STATE = Set.of("lang", "theme");
    private static final Pattern OPEN_CODE = Pattern.compile("[\\p{L}\\p{N}_.\\-]{1,64}");
    private static final int MAX_TEXT = 200;
    private static final DateTimeFormatter DAY_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final DateTimeFormatter MONTH_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);
    /** More codes than any town has sectors or villages: a longer list is a mistake or an attack. */
    private static final int MAX_CODES = 500;
    private static final int MAX_ECHO = 40;

    private final MemberRepository members;
    private final Catalog catalog;

    FilterParser(MemberRepository members) {
        this(members, new Catalog());
    }

    @org.springframework.beans.factory.annotation.Autowired
    FilterParser(MemberRepository members, Catalog catalog) {
        this.members = members;
        this.catalog = catalog;
    }

    /**
     * Parses every filter of a request: {@code from}, {@code to}, {@code asOf} and one code list per coded
     * dimension ({@code sector}, {@code town}, {@code hazard_level}, …). Names in {@code reserved} belong to the
     * caller (e.g. {@code metrics}); {@code lang}, {@code theme} and names starting with {@code _} are page state
     * and ignored; any other name is a 400 naming it.
     */
    public Filters parse(Map<String, List<String>> params, Filters defaults, Set<String> reserved) {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        defaults.allCodes().forEach(codes::put);
        for (var e : params.entrySet()) {
            String name = e.getKey();
            if (reserved.contains(name) || PAGE_STATE.contains(name) || name.startsWith("_")
                    || name.equals(FROM) || name.equals(TO) || name.equals(AS_OF)) {
                continue;
            }
            Dimension dimension = catalog.dimension(name).filter(Dimension::coded).orElseThrow(() ->
                    new InvalidFilterException(name, "参数 " + echo(name) + " 不是可用的筛选条件 (unknown filter)"));
            List<String> values = codes(name, e.getValue(), List.of());
            Set<String> known = members.codes(dimension.members(), name);
            for (String value : values) {
                boolean ok = known != null ? known.contains(value)
                        : dimension.members() == Dimension.MemberKind.TEXT ? value.length() <= MAX_TEXT
                        : OPEN_CODE.matcher(value).matches();
                if (!ok) {
                    throw new InvalidFilterException(name, "参数 " + name + " 中的代码不存在或无权查看: " + echo(value));
                }
            }
            codes.put(name, values);
        }
        String from = single(params, FROM);
        String to = single(params, TO);
        YearMonth fromMonth = isBlank(from) ? defaults.from() : month(FROM, from);
        YearMonth toMonth = isBlank(to) ? defaults.to() : month(TO, to);
        checkOrder(fromMonth, toMonth);
        String asOf = single(params, AS_OF);
        LocalDate asOfDay = isBlank(asOf) ? defaults.asOf() : day(AS_OF, asOf);
        List<String> sectors = codes.remove(SECTOR);
        List<String> villages = codes.remove(VILLAGE);
        return new Filters(fromMonth, toMonth, sectors, villages, codes, asOfDay);
    }

    private static void checkOrder(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw new InvalidFilterException(FROM, "开始月份 " + from + " 晚于结束月份 " + to
                    + "，请把开始月份改早或把结束月份改晚 (from is after to)");
        }
    }

    /**
     * A range an aggregated answer (a panel, a query) can be built for: at most {@link #MAX_MONTHS} months, so that
     * no request (0001-01 to 9999-12, say) makes the warehouse build answers of a hundred thousand points. Detail
     * exports stream their rows and take any range.
     */
    public static void requireAnswerableRange(Filters filters) {
        long months = ChronoUnit.MONTHS.between(filters.from(), filters.to()) + 1;
        if (months > MAX_MONTHS) {
            throw new InvalidFilterException(FROM, "时间范围最长 " + MAX_MONTHS / 12 + " 年，" + filters.from() + " 至 "
                    + filters.to() + " 共 " + months + " 个月，请缩短时间范围 (at most " + MAX_MONTHS / 12 + " years)");
        }
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidFilterException(name, "参数 " + name + " 只能出现一次 (given more than once)");
        }
        return values.get(0);
    }

    private static LocalDate day(String parameter, String value) {
        try {
            return LocalDate.parse(value.strip(), DAY_FORMAT);
        } catch (DateTimeParseException e) {
            throw new InvalidFilterException(parameter,
                    "参数 " + parameter + " 应为 yyyy-MM-dd 格式的日期，收到 " + echo(value));
        }
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
        checkOrder(fromMonth, toMonth);
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
