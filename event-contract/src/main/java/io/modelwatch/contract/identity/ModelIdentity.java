package io.modelwatch.contract.identity;

import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity of a model and of an organisation, computed the same way by ingest (the slug it answers) and the catalog
 * (which entry an announcement belongs to), so the two cannot disagree.
 *
 * <p>Rule for a model name, in one pass over its code points after Unicode NFKD (so full-width forms are ASCII, and
 * diacritics are separate marks):
 * <ul>
 *   <li>combining marks are dropped ({@code NÜWA} = {@code Nuwa}); letters and digits of any script are kept, lower
 *       case ({@code 紫东太初} keeps its characters);</li>
 *   <li>{@code +} is a word of its own, "plus" ({@code PointNet++} is {@code pointnet-plus-plus}, not {@code PointNet});</li>
 *   <li>every other character (space, hyphen, underscore, dot, slash, parenthesis...) separates words. A parenthesis'
 *       content stays part of the name ({@code Megatron-LM (1.2B)} is not {@code Megatron-LM (8.3B)}).</li>
 * </ul>
 * The <b>slug</b> is the words joined by "-". The <b>match key</b> is the slug without its dashes, except a dash
 * between two digits, which is kept: {@code GPT-3} = {@code GPT3} = {@code gpt 3} (key {@code gpt3}), while
 * {@code Llama 2-7B} (key {@code llama2-7b}) is not {@code Llama 27B}, and {@code Qwen2.5} is not {@code Qwen25}.
 * Since the key is a function of the slug ({@link #key} of a slug is the key of every name with that slug), two names
 * with different keys never get the same slug, and any slug given out resolves to its entry through its key.
 *
 * <p>Nothing here uses a regular expression: the cost is linear in the name's length, whatever it holds.
 */
public final class ModelIdentity {

    /** A name's slug (what a new entry is called, the Kafka key) and its match key (which entry it belongs to). */
    public record Names(String slug, String key) {
    }

    /** The slug and the key of a model name; the slug is empty when the name has no letters or digits. */
    public static Names of(String name) {
        return scan(name, false);
    }

    /**
     * The slug of a model name.
     *
     * @throws IllegalArgumentException when the name is blank or has no letters or digits
     */
    public static String slug(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name is needed to make a slug");
        }
        String slug = scan(name, false).slug();
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' has no letters or digits to make a slug from");
        }
        return slug;
    }

    /** The match key of a model name (or of a slug: a slug has the key of the names it was made from); "" if none. */
    public static String key(String name) {
        return scan(name, false).key();
    }

    /**
     * The key of the name without its parenthesised or bracketed parts ({@code Segment Anything (SAM)} ->
     * {@code segmentanything}), or the whole key when nothing is left: not an identity, only how close names are
     * grouped for curators' duplicate suggestions.
     */
    public static String baseKey(String name) {
        String base = scan(name, true).key();
        return base.isEmpty() ? key(name) : base;
    }

    /** Organisation names repeat endlessly and normalising is not free: remembered, up to a bound. */
    private static final Map<String, String> ORGANIZATION_KEYS = new ConcurrentHashMap<>();

    /**
     * The key of an organisation name: its letters and digits only, lower case, marks dropped (NFKD). A parenthesis'
     * content is kept, since it often tells two bodies apart.
     */
    public static String organizationKey(String name) {
        if (name == null) {
            return "";
        }
        String key = ORGANIZATION_KEYS.get(name);
        if (key == null) {
            String plain = decomposed(name);
            StringBuilder out = new StringBuilder(plain.length());
            for (int i = 0; i < plain.length(); ) {
                int cp = plain.codePointAt(i);
                i += Character.charCount(cp);
                if (isLetterOrNumber(cp)) {
                    out.appendCodePoint(Character.toLowerCase(cp));
                }
            }
            key = out.toString();
            if (ORGANIZATION_KEYS.size() > 100_000) {
                ORGANIZATION_KEYS.clear();
            }
            ORGANIZATION_KEYS.put(name, key);
        }
        return key;
    }

    private static Names scan(String name, boolean skipBracketed) {
        if (name == null) {
            return new Names("", "");
        }
        String plain = decomposed(name);
        StringBuilder slug = new StringBuilder(plain.length());
        StringBuilder key = new StringBuilder(plain.length());
        boolean separated = false;
        boolean lastDigit = false;
        int depth = 0;
        for (int i = 0; i < plain.length(); ) {
            char c = plain.charAt(i);
            int cp = Character.isSurrogate(c) ? plain.codePointAt(i) : c;
            i += Character.charCount(cp);
            if (skipBracketed && (cp == '(' || cp == '[')) {
                depth++;
                separated = true;
                continue;
            }
            if (skipBracketed && (cp == ')' || cp == ']') && depth > 0) {
                depth--;
                separated = true;
                continue;
            }
            if (depth > 0 || cp >= 0x300 && isMark(cp)) {
                continue;
            }
            if (cp == '+') {
                separate(slug, key, true, lastDigit, false);
                slug.append("plus");
                key.append("plus");
                separated = true;
                lastDigit = false;
            } else if (isLetterOrNumber(cp)) {
                boolean digit = cp < 0x80 ? cp <= '9' : Character.isDigit(cp);
                separate(slug, key, separated, lastDigit, digit);
                if (cp < 0x80) {
                    char lower = cp >= 'A' && cp <= 'Z' ? (char) (cp + ('a' - 'A')) : (char) cp;
                    slug.append(lower);
                    key.append(lower);
                } else {
                    int lower = Character.toLowerCase(cp);
                    slug.appendCodePoint(lower);
                    key.appendCodePoint(lower);
                }
                separated = false;
                lastDigit = digit;
            } else {
                separated = true;
            }
        }
        return new Names(slug.toString(), key.toString());
    }

    /** Before a word that follows a separator: "-" in the slug, and in the key only between two digits. */
    private static void separate(StringBuilder slug, StringBuilder key, boolean separated, boolean lastDigit, boolean digit) {
        if (separated && slug.length() > 0) {
            slug.append('-');
            if (lastDigit && digit) {
                key.append('-');
            }
        }
    }

    /** NFKD, skipped for plain ASCII (which NFKD leaves as it is). */
    private static String decomposed(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return Normalizer.normalize(name, Normalizer.Form.NFKD);
            }
        }
        return name;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** {@code \p{L}} or {@code \p{N}}. */
    private static boolean isLetterOrNumber(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private ModelIdentity() {
    }
}
