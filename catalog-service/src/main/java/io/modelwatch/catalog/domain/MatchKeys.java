package io.modelwatch.catalog.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Match keys: what two spellings of one name have in common. {@code GPT-3}, {@code GPT3}, {@code gpt 3} and
 * {@code GPT-3 (175B)} all have the key {@code gpt3}; {@code NÜWA} and {@code Nuwa} have {@code nuwa};
 * Chinese names keep their characters ({@code 紫东太初}).
 *
 * <p>Rule: Unicode NFKC then NFKD (full-width forms become ASCII), diacritics dropped, lower case; for model
 * names a trailing parenthesised remark ("(175B)", "（1750亿）") is dropped; then everything that is not a letter
 * or a digit. Organisation names keep their parentheses' content, since it often tells two bodies apart.
 */
public final class MatchKeys {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern TRAILING_REMARK = Pattern.compile("\\s*\\([^()]*\\)\\s*$");

    /** The key of a model name; never empty for a name that has a slug. */
    public static String model(String name) {
        String plain = plain(name);
        String stripped = TRAILING_REMARK.matcher(plain).replaceAll("");
        String key = NOT_LETTER_OR_DIGIT.matcher(stripped).replaceAll("");
        return key.isEmpty() ? NOT_LETTER_OR_DIGIT.matcher(plain).replaceAll("") : key;
    }

    /** The name without its trailing parenthesised remark: what a new entry's slug is made from. */
    public static String modelNameForSlug(String name) {
        String stripped = TRAILING_REMARK.matcher(name.strip()).replaceAll("");
        String fullWidth = Pattern.compile("\\s*（[^（）]*）\\s*$").matcher(stripped).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(fullWidth).replaceAll("").isEmpty() ? name : fullWidth;
    }

    /** Organisation names repeat endlessly and normalising is not free: remembered, up to a bound. */
    private static final Map<String, String> ORGANIZATION_KEYS = new ConcurrentHashMap<>();

    /** The key of an organisation name. */
    public static String organization(String name) {
        if (name == null) {
            return "";
        }
        String key = ORGANIZATION_KEYS.get(name);
        if (key == null) {
            key = NOT_LETTER_OR_DIGIT.matcher(plain(name)).replaceAll("");
            if (ORGANIZATION_KEYS.size() > 100_000) {
                ORGANIZATION_KEYS.clear();
            }
            ORGANIZATION_KEYS.put(name, key);
        }
        return key;
    }

    private static String plain(String name) {
        if (name == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String decomposed = Normalizer.normalize(nfkc, Normalizer.Form.NFKD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).strip();
    }

    private MatchKeys() {
    }
}
