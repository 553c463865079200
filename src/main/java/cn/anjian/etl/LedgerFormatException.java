package cn.anjian.etl;

/** A file that cannot be read as a ledger at all (not one bad row): the whole import fails with this message. */
public class LedgerFormatException extends RuntimeException {

    public LedgerFormatException(String message) {
        super(message);
    }

    public LedgerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
