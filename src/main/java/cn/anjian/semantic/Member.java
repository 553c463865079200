package cn.anjian.semantic;

/**
 * One value of a coded dimension (a sector, a village) with its label.
 *
 * @param code     the stable code used in URLs and filters
 * @param label    what users read
 * @param headline whether it belongs to the headline group shown first (the five headline sectors)
 */
public record Member(String code, Label label, boolean headline) {
}
