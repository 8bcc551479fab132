package io.modelwatch.contract.parameters;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a parameter count the way a reader of the language expects it, without ever losing the exact value:
 * {@code ParameterCountParser.parse(format(x, locale)).value() == x} for every positive long.
 *
 * <p>English (every locale that is not Chinese): below 10,000 the grouped digits ({@code 7,500}); above, the
 * largest of K, M, B, T that leaves a mantissa of at least 1, with at most three significant digits
 * ({@code 12K}, {@code 350M}, {@code 1.3B}, {@code 175B}, {@code 1.2T}, {@code 1,000T}; so {@code 500M}, not
 * {@code 0.5B}). Other locales get this English form on purpose: "1.234" means something else in German, and the
 * form has to read back through the parser.
 *
 * <p>Chinese (any {@code zh} locale): below 10,000 the bare digits ({@code 7500}); above, the largest of 万, 亿, 万亿
 * with at most three significant digits ({@code 5000万}, {@code 3.68亿}, {@code 13亿}, {@code 110亿},
 * {@code 1,750亿}, {@code 1.2万亿}, {@code 10万亿}). Mantissas of 亿 and 万亿 group their thousands, those of 万 do not.
 *
 * <p>When three significant digits would round, the count is written out in full with grouping commas in both
 * languages ({@code 1,234,567,891}) rather than as a long decimal, because a reader checks digits more easily there.
 */
public final class ParameterCountFormatter {

    private static final int MAX_SIGNIFICANT_DIGITS = 3;

    private ParameterCountFormatter() {
    }

    /** The count alone, exact; see the class comment for the forms. */
    public static String format(long value, Locale locale) {
        Objects.requireNonNull(locale, "locale");
        if (value <= 0) {
            throw new InvalidParameterCountException("'" + value + "' is not a parameter count: must be greater than zero");
        }
        return isChinese(locale) ? chinese(value) : english(value);
    }

    /**
     * A count in the language it was written in: Chinese when {@code asWritten} contains Chinese characters,
     * English otherwise. See {@link #format(ParameterCount, Locale)} for how approximate counts are marked.
     */
    public static String format(ParameterCount count) {
        String written = count.asWritten() == null ? "" : count.asWritten();
        boolean chinese = written.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return format(count, chinese ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH);
    }

    /**
     * A count with its approximation marked, so a digest never presents a rounded figure as exact. Exact counts are
     * formatted as by {@link #format(long, Locale)}. A lower bound ({@link ParameterCount#AT_LEAST}) gets
     * {@code 100B+} / {@code 1,000亿以上}; an order of magnitude gets {@code ~100B} / {@code 千亿级} (the Chinese
     * magnitude word when the value is a power of ten, else {@code 3亿级}); any other approximation gets
     * {@code ~175B} / {@code 约1,750亿}. The result parses back to the same value and approximate flag.
     */
    public static String format(ParameterCount count, Locale locale) {
        String number = format(count.value(), locale);
        if (!count.approximate()) {
            return number;
        }
        boolean chinese = isChinese(locale);
        if (ParameterCount.AT_LEAST.equals(count.note())) {
            return chinese ? number + "以上" : number + "+";
        }
        if (ParameterCount.ORDER_OF_MAGNITUDE.equals(count.note()) && chinese && count.value() >= 10) {
            String magnitude = chineseMagnitude(count.value());
            return (magnitude == null ? number : magnitude) + "级";
        }
        return chinese ? "约" + number : "~" + number;
    }

    /**
     * A count as a reader scans it in running text: the short form with at most three significant digits, rounded when
     * it has more and then marked as approximate ({@code 540,350,000,000} becomes {@code ~540B} / {@code 约5,400亿});
     * a count that has a short form is written as {@link #format(ParameterCount, Locale)} writes it. For prose (reviews,
     * comparisons); tables and exports keep the exact {@link #format}.
     */
    public static String shortForm(ParameterCount count, Locale locale) {
        long rounded = threeSignificantDigits(count.value());
        if (rounded == count.value()) {
            return format(count, locale);
        }
        return (isChinese(locale) ? "约" : "~") + format(rounded, locale);
    }

    /** {@link #shortForm(ParameterCount, Locale)} of an exact count. */
    public static String shortForm(long value, Locale locale) {
        return shortForm(new ParameterCount(value, null, false, null), locale);
    }

    private static long threeSignificantDigits(long value) {
        return new BigDecimal(value).round(new java.math.MathContext(MAX_SIGNIFICANT_DIGITS, java.math.RoundingMode.HALF_UP))
                .longValueExact();
    }

    private static boolean isChinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    private static String english(long value) {
        if (value < 10_000) {
            return grouped(value);
        }
        int exponent = value >= 1_000_000_000_000L ? 12 : value >= 1_000_000_000L ? 9 : value >= 1_000_000L ? 6 : 3;
        String suffix = switch (exponent) {
            case 12 -> "T";
            case 9 -> "B";
            case 6 -> "M";
            default -> "K";
        };
        String mantissa = mantissa(value, exponent, true);
        return mantissa == null ? grouped(value) : mantissa + suffix;
    }

    private static String chinese(long value) {
        if (value < 10_000) {
            return Long.toString(value);
        }
        int exponent = value >= 1_000_000_000_000L ? 12 : value >= 100_000_000L ? 8 : 4;
        String suffix = switch (exponent) {
            case 12 -> "万亿";
            case 8 -> "亿";
            default -> "万";
        };
        String mantissa = mantissa(value, exponent, exponent >= 8);
        return mantissa == null ? grouped(value) : mantissa + suffix;
    }

    /** value / 10^exponent when it has at most three significant digits, else null: never a rounded figure. */
    private static String mantissa(long value, int exponent, boolean groupThousands) {
        BigDecimal mantissa = BigDecimal.valueOf(value).movePointLeft(exponent).stripTrailingZeros();
        if (mantissa.precision() > MAX_SIGNIFICANT_DIGITS) {
            return null;
        }
        String plain = mantissa.toPlainString();
        if (!groupThousands) {
            return plain;
        }
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        return grouped(Long.parseLong(whole)) + (point < 0 ? "" : plain.substring(point));
    }

    /** 1,234,567: thousands separated by commas (as {@code String.format("%,d")} in the root locale, at a tenth of the cost). */
    private static String grouped(long value) {
        String digits = Long.toString(value);
        if (value < 0) {
            return String.format(Locale.ROOT, "%,d", value);
        }
        int n = digits.length();
        if (n <= 3) {
            return digits;
        }
        int first = n % 3 == 0 ? 3 : n % 3;
        StringBuilder out = new StringBuilder(n + n / 3).append(digits, 0, first);
        for (int i = first; i < n; i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** 十, 百, …, 千亿, 万亿, 亿亿: how Chinese names a power of ten, or null when the value is not one. */
    private static String chineseMagnitude(long value) {
        int exponent = 0;
        long rest = value;
        while (rest % 10 == 0) {
            rest /= 10;
            exponent++;
        }
        if (rest != 1 || exponent == 0) {
            return null;
        }
        String small = switch (exponent % 4) {
            case 1 -> "十";
            case 2 -> "百";
            case 3 -> "千";
            default -> "";
        };
        String big = switch (exponent / 4) {
            case 1 -> "万";
            case 2 -> "亿";
            case 3 -> "万亿";
            case 4 -> "亿亿";
            default -> "";
        };
        return small + big;
    }
}
