package cn.anjian.semantic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import cn.anjian.semantic.Metric.Format;

/**
 * How a number is shown, declared once with its metric in the {@link Catalog}: what kind of quantity it is and to
 * how many decimals it is shown, in the unit of its header (a ratio in percent). The page, CSV, XLSX and the reports
 * all take their rounding and number format from here, so 96.1 on a card is 96.1 in a download:
 * <ul>
 * <li>{@link #round}: the value rounded once, at the boundary (panel data, query API), to what is shown; a ratio
 *     stays 0–1 with two more places (0.96072 → 0.961), so floating noise (44.00000000000002) never leaves it;</li>
 * <li>{@link #text}: the value in the header's unit, as CSV writes it (0.96072 → {@code 96.1});</li>
 * <li>{@link #excelFormat}: the cell number format over the {@link #round rounded} value ({@code 0.0%},
 *     {@code #,##0}, {@code #,##0.00}, {@code #,##0.0}).</li>
 * </ul>
 * Rounding is half up, on the decimal value a {@code double} prints as.
 *
 * @param format   the kind of quantity: count, amount (元), ratio (0–1, shown in percent) or a measured decimal (days)
 * @param decimals decimals shown, in the header's unit (for a ratio: of the percentage)
 */
public record Display(Format format, int decimals) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Display {
        Objects.requireNonNull(format, "format");
        if (decimals < 0 || decimals > 6 || (format == Format.COUNT && decimals != 0)) {
            throw new IllegalArgumentException("a " + format.code() + " cannot show " + decimals + " decimals");
        }
    }

    /** Whole numbers with thousands separators: 1,234. */
    public static Display count() {
        return new Display(Format.COUNT, 0);
    }

    /** Money in 元, to the 分: 1,234.50. */
    public static Display yuan() {
        return new Display(Format.YUAN, 2);
    }

    /** A 0–1 ratio shown in percent: {@code percent(1)} shows 0.96072 as 96.1 (%). */
    public static Display percent(int decimals) {
        return new Display(Format.RATIO, decimals);
    }

    /** A measured quantity such as days: {@code days(1)} shows 36.40000000000012 as 36.4. */
    public static Display days(int decimals) {
        return new Display(Format.DAYS, decimals);
    }

    /** The display of a detail view's column format ({@code count}, {@code yuan}, {@code days}); null for text. */
    public static Display ofField(String format) {
        return switch (format) {
            case "count" -> count();
            case "yuan" -> yuan();
            case "days" -> days(0);
            case "ratio" -> percent(1);
            default -> null;
        };
    }

    /** The value in the header's unit (a ratio times 100), rounded to the decimals; {@code null} stays null. */
    public BigDecimal shown(Object value) {
        BigDecimal v = decimal(value);
        if (v == null) {
            return null;
        }
        return (format == Format.RATIO ? v.multiply(HUNDRED) : v).setScale(decimals, RoundingMode.HALF_UP);
    }

    /**
     * The value rounded to what is shown, in its own unit (a ratio stays 0–1): {@code Long} for counts,
     * {@code BigDecimal} for money, {@code Double} otherwise. Non-numbers pass unchanged.
     */
    public Object round(Object value) {
        BigDecimal v = decimal(value);
        if (v == null) {
            return value;
        }
        return switch (format) {
            case COUNT -> v.setScale(0, RoundingMode.HALF_UP).longValueExact();
            case YUAN -> v.setScale(decimals, RoundingMode.HALF_UP);
            case RATIO -> v.setScale(decimals + 2, RoundingMode.HALF_UP).doubleValue();
            case DAYS -> v.setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        };
    }

    /** As CSV writes it: the {@link #shown} value without grouping ({@code 96.1}, {@code 1234.50}); "" for null. */
    public String text(Object value) {
        BigDecimal shown = shown(value);
        return shown == null ? "" : shown.toPlainString();
    }

    /** The spreadsheet number format for the {@link #round rounded} value. */
    public String excelFormat() {
        String places = decimals == 0 ? "" : "." + "0".repeat(decimals);
        return format == Format.RATIO ? "0" + places + "%" : "#,##0" + places;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(n.toString()) : null;
        }
        return null;
    }
}
