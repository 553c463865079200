package cn.anjian.semantic;

import java.util.List;

/**
 * The Chinese labels of coded values, for features that write values out the way a clerk types them (exports), so
 * those labels stay in one place: the fixed lists of {@link Codes}, and the hazard levels of {@code dim_hazard_level}
 * (written from {@code etl/codes.yaml}).
 */
public final class CodeLabels {

    /** The code lists a caller may ask for. */
    public enum Domain {
        HAZARD_LEVEL(null, "SELECT x.name_zh FROM dim_hazard_level x WHERE x.level_code = "),
        HAZARD_STATUS(Codes.HAZARD_STATUSES, null),
        ACCIDENT_LEVEL(Codes.ACCIDENT_LEVELS, null);

        private final List<Member> members;
        private final String lookup;

        Domain(List<Member> members, String lookup) {
            this.members = members;
            this.lookup = lookup;
        }
    }

    private CodeLabels() {
    }

    /**
     * A SQL expression giving the Chinese label of the code in {@code column} (the code itself when unknown). Built
     * only from our own constants and a column name the caller controls, never from input.
     */
    public static String zhCase(Domain domain, String column) {
        if (domain.lookup != null) {
            return "coalesce((" + domain.lookup + column + "), " + column + ")";
        }
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (Member m : domain.members) {
            sql.append(" WHEN '").append(m.code().replace("'", "''")).append("' THEN '")
                    .append(m.label().zh().replace("'", "''")).append('\'');
        }
        return sql.append(" ELSE ").append(column).append(" END").toString();
    }
}
