package cn.anjian.semantic;

/**
 * One value of a coded dimension (a sector, a village) with its label.
 *
 * @param code     the stable code used in URLs and filters
 * @param label    what users read
 * @param headline whether it belongs to the headline group shown first (the five headline sectors)
 * @param parent   the code of the member it is part of (a sub-sector's sector, {@code etl/codes.yaml}), or
 *                 {@code null}
 */
public record Member(String code, Label label, boolean headline, String parent) {

    public Member(String code, Label label, boolean headline) {
        this(code, label, headline, null);
    }
}
