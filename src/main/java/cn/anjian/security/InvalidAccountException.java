package cn.anjian.security;

/** What an administrator asked for breaks a rule of accounts; {@code field} names the form field. */
public class InvalidAccountException extends RuntimeException {

    private final String field;

    public InvalidAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
