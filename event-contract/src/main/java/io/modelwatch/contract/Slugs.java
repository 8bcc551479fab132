package io.modelwatch.contract;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical slug of a release: its catalog id and its Kafka key, so every event about one model
 * lands on one partition, in order.
 *
 * <p>Rule: Unicode NFKD, diacritics dropped ("NÜWA" → "nuwa"), lower case, every run of characters that
 * are not letters or digits becomes one "-", no leading or trailing "-". Letters of any script stay
 * ("紫东太初" keeps its characters), so a Chinese name never collapses to an empty slug.
 */
public final class Slugs {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern EDGES = Pattern.compile("^-+|-+$");

    public static String of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name is needed to make a slug");
        }
        String ascii = asciiSlug(name);
        if (ascii != null) {
            if (ascii.isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' has no letters or digits to make a slug from");
            }
            return ascii;
        }
        String plain = COMBINING_MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        String slug = SEPARATORS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = EDGES.matcher(slug).replaceAll(""); // precompiled: String.replaceAll compiles per call (batches of 10,000)
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' has no letters or digits to make a slug from");
        }
        return slug;
    }

    /**
     * The same rule for a name in plain ASCII (most names), without NFKD and regular expressions: NFKD leaves ASCII as
     * it is, and in ASCII the letters and digits are exactly A-Z, a-z and 0-9. Null when the name is not plain ASCII.
     */
    private static String asciiSlug(String name) {
        StringBuilder slug = new StringBuilder(name.length());
        boolean dash = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
                letterOrDigit = true;
            }
            if (letterOrDigit) {
                if (dash && slug.length() > 0) {
                    slug.append('-');
                }
                dash = false;
                slug.append(c);
            } else {
                dash = true;
            }
        }
        return slug.toString();
    }

    private Slugs() {
    }
}
