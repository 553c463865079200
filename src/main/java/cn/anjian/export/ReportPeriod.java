package cn.anjian.export;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A month or a quarter a statistics report covers.
 *
 * @param start first day
 * @param end   last day, inclusive
 */
record ReportPeriod(boolean quarter, LocalDate start, LocalDate end, String label, String code) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    static ReportPeriod month(YearMonth m) {
        return new ReportPeriod(false, m.atDay(1), m.atEndOfMonth(), m.getYear() + "年" + m.getMonthValue() + "月",
                m.toString());
    }

    static ReportPeriod quarter(int year, int q) {
        YearMonth first = YearMonth.of(year, q * 3 - 2);
        return new ReportPeriod(true, first.atDay(1), first.plusMonths(2).atEndOfMonth(),
                year + "年第" + q + "季度", year + "-Q" + q);
    }

    /** {@code 2024-03} or {@code 2024-Q1}; anything else is {@code null}. */
    static ReportPeriod parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MONTH.matcher(text.strip());
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            return month >= 1 && month <= 12 ? month(YearMonth.of(Integer.parseInt(m.group(1)), month)) : null;
        }
        Matcher q = QUARTER.matcher(text.strip());
        return q.matches() ? quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2))) : null;
    }

    String title() {
        return "安全生产隐患排查治理和执法统计" + (quarter ? "季报" : "月报") + "（" + label + "）";
    }

    String fileName() {
        return "安全生产统计" + (quarter ? "季报_" : "月报_") + code + ".xlsx";
    }
}
