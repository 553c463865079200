package cn.anjian.etl;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ETL feature's public face: other features (demo, upload page, CLI, inbox) hand it files, never tables.
 */
public interface ImportService {

    /** Queues a file for import and returns at once with the import's id. The file is copied first. */
    long submit(ImportKind kind, Path file, String originalName);

    /** Imports a file in the caller's thread and returns the finished import. */
    ImportStatus importNow(ImportKind kind, Path file, String originalName);

    Optional<ImportStatus> status(long id);

    List<Reject> rejects(long id);

    /** What a user sees of one import. status is STARTING | STARTED | COMPLETED | FAILED. */
    record ImportStatus(long id, String kind, String fileName, String status, long read, long written,
                        long rejected, String message) {
    }

    /** One rejected (row, field) of an import, with a reason a clerk understands. */
    record Reject(String fileName, String sheet, long row, String field, String value, String reason) {
    }
}
