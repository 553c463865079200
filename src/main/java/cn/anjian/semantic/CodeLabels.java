package cn.anjian.semantic;

import java.util.List;

/**
 * The Chinese labels of coded values that have no reference table ({@link Codes}), for features that write values
 * out the way a clerk types them (exports), so those labels stay in one place.
 */
public final class CodeLabels {

    /** The code lists a caller may ask for. */
    public enum Domain {
        HAZARD_LEVEL(Codes.HAZARD_LEVELS),
        HAZARD_STATUS(Codes.HAZARD_STATUSES),
        ACCIDENT_LEVEL(Codes.ACCIDENT_LEVELS);

        private final List<Member> members;

        Domain(List<Member> members) {
            this.members = members;
        }
    }

    private CodeLabels() {
    }

    /**
     * A SQL expression giving the Chinese label of the code in {@code column} (the code itself when unknown). Built
     * only from our own constants and a column name the caller controls, never from input.
     */
    public static String zhCase(Domain domain, String column) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (Member m : domain.members) {
            sql.append(" WHEN '").append(m.code().replace("'", "''")).append("' THEN '")
                    .append(m.label().zh().replace("'", "''")).append('\'');
        }
        return sql.append(" ELSE ").append(column).append(" END").toString();
    }
}
