package cn.anjian.etl;

import java.time.Clock;
import static cn.anjian.jooq.Tables.ETL_BATCH;
import static cn.anjian.jooq.Tables.ETL_REJECT;
import static cn.anjian.jooq.Tables.ETL_WARNING;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import cn.anjian.jooq.tables.records.EtlBatchRecord;

/**
 * The lineage tables: one {@code etl_batch} row per imported file, its rejected rows in {@code etl_reject}, and what
 * it had to assume about the rows it loaded (and about the file) in {@code etl_warning}.
 */
@Repository
class EtlBatchRepository {

    private final DSLContext dsl;
    private final Clock clock;

    EtlBatchRepository(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    long create(ImportKind kind, String fileName, String sha256) {
        // jOOQ 3.19 renders Sequence.nextval() as "seq".nextval on DuckDB, which DuckDB rejects
        long id = dsl.fetchValue(DSL.field("nextval('seq_etl_batch')", Long.class));
        dsl.insertInto(ETL_BATCH)
                .set(ETL_BATCH.BATCH_ID, id)
                .set(ETL_BATCH.KIND, kind.code())
                .set(ETL_BATCH.FILE_NAME, fileName)
                .set(ETL_BATCH.FILE_SHA256, sha256)
                .set(ETL_BATCH.STATUS, "STARTING")
                .set(ETL_BATCH.STARTED_AT, LocalDateTime.now(clock))
                .set(ETL_BATCH.ROWS_READ, 0L)
                .set(ETL_BATCH.ROWS_WRITTEN, 0L)
                .set(ETL_BATCH.ROWS_REJECTED, 0L)
                .execute();
        return id;
    }

    void started(long id, long jobExecutionId) {
        dsl.update(ETL_BATCH)
                .set(ETL_BATCH.STATUS, "STARTED")
                .set(ETL_BATCH.JOB_EXECUTION_ID, jobExecutionId)
                .where(ETL_BATCH.BATCH_ID.eq(id))
                .execute();
    }

    void read(long id, long rows, String profile, long skipped) {
        dsl.update(ETL_BATCH).set(ETL_BATCH.ROWS_READ, rows).set(ETL_BATCH.PROFILE, profile)
                .set(ETL_BATCH.ROWS_SKIPPED, skipped)
                .where(ETL_BATCH.BATCH_ID.eq(id)).execute();
    }

    /** Recent imports, newest first, for the upload page. */
    List<EtlBatchRecord> recent(int limit) {
        return dsl.selectFrom(ETL_BATCH).orderBy(ETL_BATCH.BATCH_ID.desc()).limit(limit).fetch();
    }

    /** Distinct rejected (sheet, row) of an import, in file order, with all their reasons joined. */
    List<RejectedRow> rejectedRows(long id) {
        return dsl.resultQuery("""
                SELECT sheet_name, row_no, string_agg(coalesce(field_name || ': ', '') || reason, '；' ORDER BY field_name)
                FROM etl_reject WHERE batch_id = ? GROUP BY sheet_name, row_no ORDER BY min(rowid)""", id)
                .fetch(r -> new RejectedRow(r.get(0, String.class), r.get(1, Long.class), r.get(2, String.class)));
    }

    record RejectedRow(String sheet, long row, String reasons) {
    }

    void loaded(long id, long written, long rejected) {
        dsl.update(ETL_BATCH)
                .set(ETL_BATCH.ROWS_WRITTEN, written)
                .set(ETL_BATCH.ROWS_REJECTED, rejected)
                .where(ETL_BATCH.BATCH_ID.eq(id))
                .execute();
    }

    void finished(long id, String status, String message) {
        dsl.update(ETL_BATCH)
                .set(ETL_BATCH.STATUS, status)
                .set(ETL_BATCH.FINISHED_AT, LocalDateTime.now(clock))
                .set(ETL_BATCH.MESSAGE, message)
                .where(ETL_BATCH.BATCH_ID.eq(id))
                .execute();
    }

    Optional<EtlBatchRecord> find(long id) {
        return dsl.selectFrom(ETL_BATCH).where(ETL_BATCH.BATCH_ID.eq(id)).fetchOptional();
    }

    /** Imports a crash interrupted: queued or running when the process died. */
    List<EtlBatchRecord> unfinished() {
        return dsl.selectFrom(ETL_BATCH)
                .where(ETL_BATCH.STATUS.in("STARTING", "STARTED"))
                .orderBy(ETL_BATCH.BATCH_ID)
                .fetch();
    }

    List<ImportService.Reject> rejects(long id) {
        return dsl.select(ETL_REJECT.FILE_NAME, ETL_REJECT.SHEET_NAME, ETL_REJECT.ROW_NO, ETL_REJECT.FIELD_NAME,
                        ETL_REJECT.FIELD_VALUE, ETL_REJECT.REASON)
                .from(ETL_REJECT)
                .where(ETL_REJECT.BATCH_ID.eq(id))
                .orderBy(ETL_REJECT.SHEET_NAME, ETL_REJECT.ROW_NO, ETL_REJECT.FIELD_NAME)
                .fetch(r -> new ImportService.Reject(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6()));
    }

    static ImportService.ImportStatus toStatus(EtlBatchRecord r) {
        ImportService.Changes changes = r.getRowsNew() == null ? null
                : new ImportService.Changes(r.getRowsNew(), r.getRowsUpdated(), r.getRowsUnchanged(),
                        r.getRowsRemoved() == null ? 0 : r.getRowsRemoved());
        return new ImportService.ImportStatus(r.getBatchId(), r.getKind(), r.getFileName(), r.getStatus(),
                r.getRowsRead(), r.getRowsWritten(), r.getRowsRejected(), r.getMessage(), changes, r.getProfile(),
                r.getRowsSkipped() == null ? 0 : r.getRowsSkipped(),
                r.getRowsWarned() == null ? 0 : r.getRowsWarned(), r.getCellsFilled() == null ? 0 : r.getCellsFilled());
    }

    /**
     * The stage step's notes on the file (sheet-level warnings: a profile column not found, cells filled from merged
     * regions …), replacing those of an earlier run of the same step.
     */
    void notes(long id, String fileName, List<LedgerMapper.Note> notes, long cellsFilled) {
        dsl.deleteFrom(ETL_WARNING).where(ETL_WARNING.BATCH_ID.eq(id)).and(ETL_WARNING.ROW_NO.isNull()).execute();
        for (LedgerMapper.Note n : notes) {
            dsl.insertInto(ETL_WARNING)
                    .set(ETL_WARNING.BATCH_ID, id)
                    .set(ETL_WARNING.FILE_NAME, fileName == null ? "" : fileName)
                    .set(ETL_WARNING.SHEET_NAME, n.sheet())
                    .set(ETL_WARNING.FIELD_NAME, n.field())
                    .set(ETL_WARNING.MESSAGE, n.message())
                    .execute();
        }
        dsl.update(ETL_BATCH).set(ETL_BATCH.CELLS_FILLED, cellsFilled).where(ETL_BATCH.BATCH_ID.eq(id)).execute();
    }

    void warned(long id, long rows) {
        dsl.update(ETL_BATCH).set(ETL_BATCH.ROWS_WARNED, rows).where(ETL_BATCH.BATCH_ID.eq(id)).execute();
    }

    /** An import's warnings: the file's first (no row), then by sheet and row. */
    List<ImportService.Warning> warnings(long id, int limit) {
        return dsl.select(ETL_WARNING.SHEET_NAME, ETL_WARNING.ROW_NO, ETL_WARNING.FIELD_NAME, ETL_WARNING.FIELD_VALUE,
                        ETL_WARNING.MESSAGE)
                .from(ETL_WARNING)
                .where(ETL_WARNING.BATCH_ID.eq(id))
                .orderBy(ETL_WARNING.ROW_NO.asc().nullsFirst(), ETL_WARNING.SHEET_NAME, ETL_WARNING.FIELD_NAME)
                .limit(limit)
                .fetch(r -> new ImportService.Warning(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    void changes(long id, long added, long updated, long unchanged) {
        changes(id, added, updated, unchanged, null);
    }

    /** @param removed rows the import removed (a report package's corrected period); null for a ledger */
    void changes(long id, long added, long updated, long unchanged, Long removed) {
        dsl.update(ETL_BATCH)
                .set(ETL_BATCH.ROWS_REMOVED, removed)
                .set(ETL_BATCH.ROWS_NEW, added)
                .set(ETL_BATCH.ROWS_UPDATED, updated)
                .set(ETL_BATCH.ROWS_UNCHANGED, unchanged)
                .where(ETL_BATCH.BATCH_ID.eq(id))
                .execute();
    }

    void withdrawn(long id, String user, String reason) {
        dsl.update(ETL_BATCH)
                .set(ETL_BATCH.STATUS, "WITHDRAWN")
                .set(ETL_BATCH.WITHDRAWN_AT, LocalDateTime.now(clock))
                .set(ETL_BATCH.WITHDRAWN_BY, user)
                .set(ETL_BATCH.WITHDRAW_REASON, reason)
                .where(ETL_BATCH.BATCH_ID.eq(id))
                .execute();
    }
}
