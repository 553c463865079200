package cn.anjian.etl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user reads when an import fails: a short Chinese reason naming the file (and line, when known) and what to
 * do. The raw error (a DuckDB message can run to 10 kB and names server paths) goes to the server log only, with the
 * import's number, which the user's message gives so an administrator can find it.
 */
final class ImportFailure {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportFailure.class);

    /** The most of a message a user is shown. */
    static final int MAX_LENGTH = 600;

    private static final Pattern LINE = Pattern.compile("(?i)\\bline:?\\s*(\\d+)");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[/\\\\][^/\\\\\\s\"'“”「」,，:;]+){2,}");

    private ImportFailure() {
    }

    /** The user's reason for an import that failed with {@code error}; the error itself is logged. */
    static String reason(long batchId, String fileName, Throwable error) {
        LedgerFormatException known = find(error, LedgerFormatException.class);
        if (known != null) {
            String message = shorten(known.getMessage());
            return fileName == null || message.contains(fileName) ? message : "文件「" + fileName + "」: " + message;
        }
        log.error("Import {} ({}) failed", batchId, fileName, error);
        return "文件「" + (fileName == null ? "" : fileName) + "」导入失败" + (batchId > 0 ? " (导入编号 " + batchId + ")" : "")
                + "。"
                + "这多半不是文件的问题：请稍后重新导入；仍然失败时请把导入编号告诉管理员 (详情在服务器日志里)";
    }

    /**
     * DuckDB's reader refusing a file the checks let through: the line it names, if any, and what to look at. The
     * raw message is logged.
     */
    static LedgerFormatException unreadable(String fileName, Throwable error) {
        String raw = String.valueOf(rootMessage(error));
        log.warn("DuckDB could not read {}: {}", fileName, raw);
        Matcher line = LINE.matcher(raw);
        String where = line.find() ? "第 " + line.group(1) + " 行" : "";
        return new LedgerFormatException("文件「" + fileName + "」" + where + "无法读取 (分隔符、引号或编码有误)。"
                + "请检查" + (where.isEmpty() ? "文件" : "该行") + "，或把文件另存为 UTF-8 CSV / .xlsx 后重新导入", error);
    }

    /** A message without server paths (only their file names) and at most {@link #MAX_LENGTH} characters. */
    static String shorten(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = PATH.matcher(message);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String path = m.group();
            m.appendReplacement(s, Matcher.quoteReplacement(path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)));
        }
        m.appendTail(s);
        return s.length() <= MAX_LENGTH ? s.toString() : s.substring(0, MAX_LENGTH) + "…";
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
