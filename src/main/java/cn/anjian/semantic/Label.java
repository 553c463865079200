package cn.anjian.semantic;

import java.util.Objects;

/**
 * A user-facing name in the two languages the product speaks. Chinese is what users read and what their ledgers
 * contain; English serves county visitors and the API. Chinese is the fallback for any other language, and for
 * a missing English text ({@code null}; an empty one is kept, e.g. a unit that English leaves out).
 */
public record Label(String zh, String en) {

    public Label {
        Objects.requireNonNull(zh, "zh");
        en = en == null ? zh : en;
    }

    public static Label of(String zh, String en) {
        return new Label(zh, en);
    }

    /** The text for a language tag such as {@code zh} or {@code en}. */
    public String in(String lang) {
        return "en".equalsIgnoreCase(lang) ? en : zh;
    }
}
