/**
 * Exports (DESIGN §8, issue #6). Endpoints:
 * <ul>
 *   <li>{@code GET /api/dashboards/{id}/panels/{panel}/export.{csv|xlsx}?<filters>}: one panel, the panel API's
 *       own data ({@link cn.anjian.dashboard.PanelTables});</li>
 *   <li>{@code GET /api/dashboards/{id}/export.xlsx?<filters>}: a 说明 sheet (title, filters in words, as-of date,
 *       time made) and one sheet per panel;</li>
 *   <li>{@code GET /api/export/{hazards|inspections|enforcement|accidents}.{csv|xlsx|parquet}?<filters>}: detail
 *       rows in import-template form, streamed;</li>
 *   <li>{@code GET /reports}, {@code GET /reports/{2024-03|2024-Q1}.xlsx}: statistics reports on demand; the
 *       {@code ReportJob} writes them on schedule into {@code anjian.reports.dir};</li>
 *   <li>{@code GET /admin/exports}: the audit trail ({@code export_audit}).</li>
 * </ul>
 * CSV is UTF-8 with BOM and RFC 4180 quoting; text cells that a spreadsheet would read as a formula get a leading
 * apostrophe in CSV and Excel's quote prefix in XLSX. Every download is audited when its stream ends.
 */
package cn.anjian.export;
