package cn.anjian.export;

/** Spreadsheet formula injection: text from user data must never start a formula when a file is opened. */
final class Cells {

    private Cells() {
    }

    /** Whether a spreadsheet would read {@code text} as a formula (or a DDE payload after a tab or CR). */
    static boolean dangerous(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** {@code text} with a leading apostrophe if it is {@link #dangerous}: shown as text, never evaluated. */
    static String neutralize(String text) {
        return dangerous(text) ? "'" + text : text;
    }
}
