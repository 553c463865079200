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

    /** Up to {@code limit} warnings of an import: about the file first, then row by row. */
    default List<Warning> warnings(long id, int limit) {
        return List.of();
    }

    /** Up to {@code limit} rows the import rewrote, each with its fields before → after. */
    List<Change> changes(long id, int limit);

    /**
     * Withdraws an import (撤销导入): the rows it inserted are removed and the rows it updated return to their
     * values before it, then the marts refresh. Refused, naming them, when later imports built on it, unless
     * {@code chain}: then those are withdrawn first, newest first.
     *
     * @throws WithdrawalRefused when the import cannot be withdrawn, saying why
     */
    ImportStatus withdraw(long id, String reason, boolean chain, String user);

    /**
     * What a user sees of one import. status is STARTING | STARTED | COMPLETED | FAILED | WITHDRAWN;
     * {@code written} = new + updated; {@code changes} is null until the load step has run; {@code profile} is the
     * mapping profile that read the file (null until it was read); {@code skipped} counts the ledger rows the
     * profile's {@code where} left out (neither read nor rejected); {@code warned} counts the loaded rows with a
     * warning (something the reading assumed), {@code cellsFilled} the cells filled from merged regions.
     */
    record ImportStatus(long id, String kind, String fileName, String status, long read, long written,
                        long rejected, String message, Changes changes, String profile, long skipped, long warned,
                        long cellsFilled) {

        public ImportStatus(long id, String kind, String fileName, String status, long read, long written,
                            long rejected, String message, Changes changes, String profile) {
            this(id, kind, fileName, status, read, written, rejected, message, changes, profile, 0, 0, 0);
        }

        /** The counts in words, as the CLI and the inbox report print them. */
        public String countsZh() {
            String loaded = changes == null ? "入库 " + written + " 条"
                    : "新增 " + changes.added() + " 条，更新 " + changes.updated() + " 条，未变 " + changes.unchanged() + " 条"
                    + (changes.removed() > 0 ? "，删除 " + changes.removed() + " 条" : "");
            return (profile == null ? "" : "映射方案 " + profile + "，") + "读取 " + read + " 条，" + loaded
                    + "，拒收 " + rejected + " 条" + (skipped > 0 ? "，按映射方案的筛选条件跳过 " + skipped + " 行" : "")
                    + (warned == 0 ? "" : "，有提示 " + warned + " 条")
                    + (cellsFilled == 0 ? "" : "，合并单元格填充 " + cellsFilled + " 格");
        }

        /** The state in the clerk's words (已完成, 失败 …), for the page and the API; {@code status} stays the code. */
        public String statusZh() {
            return switch (status) {
                case "COMPLETED" -> "已完成";
                case "FAILED" -> "失败";
                case "WITHDRAWN" -> "已撤销";
                case "STARTING" -> "排队中";
                default -> "导入中";
            };
        }

        /** The record type in the clerk's words (隐患, 检查 …). */
        public String kindZh() {
            return ImportKind.fromCode(kind).map(ImportKind::labelZh).orElse(kind);
        }
    }

    /**
     * What the accepted rows did: added, rewrote an existing row, or matched one unchanged; and the rows the import
     * removed (only a report package does: its town's rows of its period that it no longer holds).
     */
    record Changes(long added, long updated, long unchanged, long removed) {

        public Changes(long added, long updated, long unchanged) {
            this(added, updated, unchanged, 0);
        }
    }

    /** One rewritten row: its key and each changed field (the ledger's header) with its value before and after. */
    record Change(String key, List<FieldChange> fields) {
    }

    record FieldChange(String field, String before, String after) {
    }

    /** Why an import cannot be withdrawn; {@code dependents} names the later imports that built on it. */
    final class WithdrawalRefused extends RuntimeException {
        private final List<ImportStatus> dependents;

        public WithdrawalRefused(String message, List<ImportStatus> dependents) {
            super(message);
            this.dependents = List.copyOf(dependents);
        }

        public List<ImportStatus> dependents() {
            return dependents;
        }
    }

    /**
     * One warning of an import: a loaded row's (row set) or the file's (row null) — what the reading assumed or did
     * not find, in Chinese.
     */
    record Warning(String sheet, Long row, String field, String value, String message) {

        /** The warning in one line, as the CLI and the inbox report print it. */
        public String describeZh() {
            return (sheet == null ? "" : "工作表「" + sheet + "」") + (row == null ? "" : "第 " + row + " 行 ")
                    + (field == null ? "" : field + (value == null ? "" : "「" + value + "」") + ": ") + message;
        }
    }

    /** One rejected (row, field) of an import, with a reason a clerk understands. */
    record Reject(String fileName, String sheet, long row, String field, String value, String reason) {
    }
}
