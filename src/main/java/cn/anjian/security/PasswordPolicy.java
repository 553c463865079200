package cn.anjian.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.passay.DictionaryRule;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;

import org.springframework.core.io.ClassPathResource;

/**
 * What a password must be, for every account alike (administrators included): 8 to 128 characters, none of the
 * common passwords in {@code security/common-passwords.txt}, and not the username with digits or signs around it
 * ({@code admin123} for {@code admin}). Length and the list are checked by Passay; the message says in the user's
 * words what to change.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    private static final PasswordValidator VALIDATOR = new PasswordValidator(
            new LengthRule(MIN_LENGTH, MAX_LENGTH), new DictionaryRule(commonPasswords()));

    private PasswordPolicy() {
    }

    /** Throws with what to change, naming the form field {@code password}, when {@code password} will not do. */
    static void check(String username, String password) {
        if (password == null) {
            throw new InvalidAccountException("password", "请输入密码 (password)");
        }
        RuleResult result = VALIDATOR.validate(new PasswordData(password));
        if (!result.isValid()) {
            RuleResultDetail first = result.getDetails().get(0);
            throw new InvalidAccountException("password", switch (first.getErrorCode()) {
                case LengthRule.ERROR_CODE_MIN -> "密码至少 " + MIN_LENGTH + " 个字符，请加长 (too short)";
                case LengthRule.ERROR_CODE_MAX -> "密码最多 " + MAX_LENGTH + " 个字符 (too long)";
                default -> "这是常见的弱密码，很容易被猜中，请换一个不常见的 (a common password)";
            });
        }
        String name = username == null ? "" : letters(username);
        if (!name.isEmpty() && letters(password).equals(name)) {
            throw new InvalidAccountException("password", "密码不能是用户名加数字或符号，请换一个 (the username)");
        }
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
    }

    private static WordListDictionary commonPasswords() {
        List<String> words = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read security/common-passwords.txt", e);
        }
        return new WordListDictionary(new ArrayWordList(words.toArray(String[]::new), false, new ArraysSort()));
    }
}
