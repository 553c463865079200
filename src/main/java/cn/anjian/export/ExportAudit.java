package cn.anjian.export;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The audit trail of exports in the warehouse table {@code export_audit} (sql/schema/V007). */
@Repository
class ExportAudit {

    static final String ANONYMOUS = "anonymous";

    private final JdbcTemplate jdbc;

    ExportAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Entry e) {
        jdbc.update("""
                INSERT INTO export_audit (made_at, principal, what, export_format, filters, row_count, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Timestamp.valueOf(e.madeAt()), e.principal(), e.what(),
                e.format(), e.filters(), e.rows(), e.outcome());
    }

    /** The newest entries first. */
    List<Entry> latest(int limit) {
        return jdbc.query("""
                SELECT made_at, principal, what, export_format, filters, row_count, outcome
                FROM export_audit ORDER BY audit_id DESC LIMIT ?""", (rs, i) -> new Entry(
                rs.getTimestamp(1).toLocalDateTime(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), (Long) rs.getObject(6, Long.class), rs.getString(7)), limit);
    }

    /**
     * @param what    e.g. {@code 看板 overview / 图表 by-sector} or {@code 明细 hazards}
     * @param outcome {@code 成功} or {@code 失败: reason}
     */
    record Entry(LocalDateTime madeAt, String principal, String what, String format, String filters, Long rows,
                 String outcome) {
    }
}
