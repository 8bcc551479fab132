package io.modelwatch.contract.parameters;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parameter count as publishers write it into an exact {@link ParameterCount}.
 *
 * <p>Accepted, case-insensitive, with or without spaces, with an optional trailing "parameters", "params",
 * "参数" or "个参数":
 * <ul>
 *   <li>a number with an English unit: {@code 11B}, {@code 11 bn}, {@code 1.2 trillion}, {@code 350M}, {@code 12K}
 *       (units k/thousand, m/mn/million, b/bn/billion, t/tn/trillion);</li>
 *   <li>plain or grouped digits and scientific notation: {@code 137000000000}, {@code 137,000,000,000},
 *       {@code 137 000 000 000} (groups of exactly three), {@code 1.3e9}, {@code 1.3×10^9}, {@code 1.3×10⁹};</li>
 *   <li>a number with Chinese units: {@code 62亿}, {@code 1.2万亿}, {@code 5000万}, {@code 1千亿};</li>
 *   <li>Chinese numerals, optionally mixed with digits: {@code 一千亿}, {@code 六十二亿}, {@code 三百五十万},
 *       {@code 一亿五} (= 1.5亿, the usual elision), {@code 12亿3456万7891}.</li>
 * </ul>
 * Full-width characters (１１Ｂ), traditional 萬/億 and non-breaking spaces are read like their plain forms.
 *
 * <p>Approximate counts keep the number they name and are flagged, never rejected, because "about 175B" still tells a
 * reader the size: {@code ~}, {@code ≈}, {@code about}, {@code around}, {@code approximately}, {@code roughly},
 * {@code 约}, {@code 大约}, {@code 近} give {@link ParameterCount#ABOUT}; a trailing {@code +} or {@code 以上}, or a
 * leading {@code over}, {@code more than}, {@code at least}, {@code 超过}, {@code 逾} give {@link ParameterCount#AT_LEAST}
 * with the bound as the value; {@code 级}/{@code 量级}, {@code -class}/{@code -scale}, and Chinese magnitudes
 * without a leading digit ({@code 千亿}, {@code 百万}, {@code 亿}; but {@code 十亿} is the standard exact numeral)
 * give {@link ParameterCount#ORDER_OF_MAGNITUDE}.
 *
 * <p>Refused with an {@link InvalidParameterCountException} that says why: blank text, zero, negatives, NaN and
 * infinity, unknown units, malformed numbers, anything that is not a whole number of parameters, anything over
 * {@link Long#MAX_VALUE}, and every text holding more than one number ("7B or 13B", "7B-13B", "235B-A22B",
 * "8x7B"), because picking one of them would be a guess. {@code 兆} is refused too: it means 10^6 in mainland
 * usage and 10^12 in Taiwan. Arithmetic is done in {@link BigDecimal}, so "1.3B" is exactly 1,300,000,000.
 */
public final class ParameterCountParser {

    /** Long enough for a JSON number such as 1e400 written out in full; stops pathological inputs early. */
    private static final int MAX_LENGTH = 1000;
    private static final String NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿";
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final BigInteger HUNDRED_MILLION = BigInteger.valueOf(100_000_000);

    private static final Pattern NOUN = Pattern.compile("[\\s-]*(?:parameters?|params?|个?参数|個?參數)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_LEAST_SUFFIX = Pattern.compile("\\s*(?:\\+|以上)$");
    private static final Pattern ORDER_SUFFIX = Pattern.compile("(?:\\s*(?:级别|量级|级|級)|[\\s-]*(?:class|scale))$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_LEAST_PREFIX = Pattern.compile(
            "^(?:(?:over|more than|above|at least)(?![a-z])|超过|逾|>=|≥|>)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABOUT_PREFIX = Pattern.compile(
            "^(?:(?:about|around|approximately|approx|roughly|circa|nearly|almost)(?![a-z])\\.?|ca\\.|~|≈"
                    + "|大约|大概|约|将近|接近|近)\\s*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern NOT_A_NUMBER = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INFINITE = Pattern.compile("[+-]?(?:infinity|inf|∞)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE = Pattern.compile("^(?:-\\s*[0-9零〇一二两三四五六七八九十百千万亿.]|负)");
    private static final Pattern CARET_POWER = Pattern.compile("\\s*[x×*·⋅]\\s*10\\s*(?:\\^|\\*\\*)\\s*([+-]?[0-9]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SUPERSCRIPT_POWER = Pattern.compile("\\s*[x×*·⋅]\\s*10([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPERTS_TIMES_SIZE = Pattern.compile("[0-9]\\s*[x×*]\\s*[0-9]",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "(?<number>[0-9]+(?:[.,][0-9]+)*(?: [0-9]{3}(?![0-9]))*(?:\\.[0-9]+)?)"
                    + "(?:e(?<exponent>[+-]?[0-9]+))?(?<unit>[^0-9零〇一二两三四五六七八九]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
    private static final Pattern COMMA_GROUPED = Pattern.compile("[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?");
    private static final Pattern SPACE_GROUPED = Pattern.compile("[0-9]{1,3}(?: [0-9]{3})+(?:\\.[0-9]+)?");
    private static final Pattern CHINESE_UNITS = Pattern.compile("([十百千])?(万)?(亿)?");
    /** A Chinese numeral, possibly with Arabic digits in it (1亿2千万); spaces are judged by the tokenizer. */
    private static final Pattern CHINESE_NUMERAL = Pattern.compile(
            "[0-9 " + NUMERAL_CHARS + "]*[" + NUMERAL_CHARS + "][0-9 " + NUMERAL_CHARS + "]*");
    /** Anything a reader would take for a number, to tell "two numbers" from "no number". */
    private static final Pattern NUMBER_RUN = Pattern.compile(
            "[0-9" + NUMERAL_CHARS + "]+(?:[.,][0-9" + NUMERAL_CHARS + "]+)*");

    private static final Map<String, Integer> ENGLISH_UNITS = Map.ofEntries(
            Map.entry("", 0),
            Map.entry("k", 3), Map.entry("thousand", 3),
            Map.entry("m", 6), Map.entry("mn", 6), Map.entry("million", 6),
            Map.entry("b", 9), Map.entry("bn", 9), Map.entry("billion", 9),
            Map.entry("t", 12), Map.entry("tn", 12), Map.entry("trillion", 12));

    private static final String CHINESE_DIGITS = "一二三四五六七八九";
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private ParameterCountParser() {
    }

    /** Reads a count written as text; see the class comment for what is accepted. */
    public static ParameterCount parse(String text) {
        if (text == null) {
            throw new InvalidParameterCountException("no parameter count given: the text is null");
        }
        String asWritten = text.strip();
        if (asWritten.isEmpty()) {
            throw new InvalidParameterCountException("a parameter count cannot be blank");
        }
        if (asWritten.length() > MAX_LENGTH) {
            throw new InvalidParameterCountException("'" + asWritten.substring(0, 20)
                    + "…' is too long to be a parameter count (over " + MAX_LENGTH + " characters)");
        }

        ParameterCount plain = plainEnglish(asWritten);
        if (plain != null) {
            return plain;
        }
        String core = normalise(asWritten);
        String note = null;
        core = NOUN.matcher(core).replaceFirst("");
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            Matcher m;
            if ((m = AT_LEAST_SUFFIX.matcher(core)).find() || (m = AT_LEAST_PREFIX.matcher(core)).find()) {
                note = stronger(note, ParameterCount.AT_LEAST);
            } else if ((m = ORDER_SUFFIX.matcher(core)).find()) {
                note = stronger(note, ParameterCount.ORDER_OF_MAGNITUDE);
            } else if ((m = ABOUT_PREFIX.matcher(core)).find()) {
                note = stronger(note, ParameterCount.ABOUT);
            } else {
                break;
            }
            core = (core.substring(0, m.start()) + core.substring(m.end())).strip();
            stripped = true;
        }
        core = powersOfTenAsExponents(core);

        if (core.isEmpty()) {
            throw invalid(asWritten, "is not a number");
        }
        if (NOT_A_NUMBER.matcher(core).matches()) {
            throw invalid(asWritten, "is not a number");
        }
        if (INFINITE.matcher(core).matches()) {
            throw invalid(asWritten, "is not a parameter count: must be finite");
        }
        if (NEGATIVE.matcher(core).find()) {
            throw invalid(asWritten, "is not a parameter count: must be greater than zero");
        }
        if (EXPERTS_TIMES_SIZE.matcher(core).find()) {
            throw invalid(asWritten, "is ambiguous: it reads as experts × size of each, not as a total count");
        }
        if (core.contains("兆")) {
            throw invalid(asWritten, "is ambiguous: 兆 means 10^6 in mainland usage and 10^12 in Taiwan");
        }

        Matcher withUnit = NUMBER_WITH_UNIT.matcher(core);
        if (withUnit.matches()) {
            BigDecimal exact = numberWithUnit(asWritten, withUnit);
            return new ParameterCount(checkedLong(asWritten, exact), asWritten, note != null, note);
        }
        if (CHINESE_NUMERAL.matcher(core).matches()) {
            List<Token> tokens = chineseTokens(core);
            BigInteger exact = tokens == null ? null : chineseValue(tokens);
            if (exact != null) {
                if (isBareMagnitude(tokens.get(0))) {
                    note = stronger(note, ParameterCount.ORDER_OF_MAGNITUDE);
                }
                return new ParameterCount(checkedLong(asWritten, new BigDecimal(exact)), asWritten, note != null, note);
            }
        }
        if (NUMBER_RUN.matcher(core).results().count() > 1) {
            throw invalid(asWritten, "is ambiguous: it holds more than one number; give a single count");
        }
        throw invalid(asWritten, "is not a number");
    }

    /**
     * The commonest form, read without the regular expressions below: ASCII digits with at most one decimal part, then
     * at most one space and an English unit or nothing ("11B", "1.2 trillion", "350M", "137000000000"). Such a text has
     * no prefix, suffix, power of ten or second number for the general path to find, and that path would read it as
     * exactly this number times this unit, so the result (or the refusal, for zero or a fraction of a parameter) is the
     * same. Null for anything else, which the general path reads.
     */
    private static ParameterCount plainEnglish(String asWritten) {
        int length = asWritten.length();
        int i = 0;
        while (i < length && isAsciiDigit(asWritten.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        int numberEnd = i;
        if (i < length && asWritten.charAt(i) == '.') {
            int fraction = ++i;
            while (i < length && isAsciiDigit(asWritten.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return null;
            }
            numberEnd = i;
        }
        if (i < length && asWritten.charAt(i) == ' ') {
            i++;
        }
        for (int u = i; u < length; u++) {
            char c = asWritten.charAt(u);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        Integer unitExponent = ENGLISH_UNITS.get(asWritten.substring(i).toLowerCase(Locale.ROOT));
        if (unitExponent == null || i == numberEnd + 1 && i == length) {
            return null; // not a unit we know (or a trailing space, which strip() leaves none of): the general path says why
        }
        BigDecimal exact = new BigDecimal(asWritten.substring(0, numberEnd)).scaleByPowerOfTen(unitExponent);
        return new ParameterCount(checkedLong(asWritten, exact), asWritten, false, null);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** For counts that arrive as a JSON integer: only the sign needs checking. */
    public static ParameterCount of(long value) {
        if (value <= 0) {
            throw invalid(Long.toString(value), "is not a parameter count: must be greater than zero");
        }
        return new ParameterCount(value, Long.toString(value), false, null);
    }

    private static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0); // full-width forms, as Chinese input methods type them
            } else if (c == '萬') {
                c = '万';
            } else if (c == '億') {
                c = '亿';
            } else if (c == '兩') {
                c = '两';
            } else if (c == '〜') {
                c = '~';
            } else if (c == '\u2212' || (c >= '\u2010' && c <= '\u2015')) {
                c = '-';
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                c = ' ';
            }
            if (c != ' ' || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** Order of precedence when several markers appear: a stated bound says more than "about". */
    private static String stronger(String current, String next) {
        if (current == null) {
            return next;
        }
        List<String> order = List.of(ParameterCount.ABOUT, ParameterCount.ORDER_OF_MAGNITUDE, ParameterCount.AT_LEAST);
        return order.indexOf(next) > order.indexOf(current) ? next : current;
    }

    private static String powersOfTenAsExponents(String core) {
        String withCarets = SUPERSCRIPT_POWER.matcher(core).replaceAll(m -> {
            StringBuilder exponent = new StringBuilder("e");
            for (char c : m.group(1).toCharArray()) {
                exponent.append(c == '⁺' ? '+' : c == '⁻' ? '-' : (char) ('0' + SUPERSCRIPTS.indexOf(c)));
            }
            return exponent.toString();
        });
        return CARET_POWER.matcher(withCarets).replaceAll("e$1");
    }

    private static BigDecimal numberWithUnit(String asWritten, Matcher m) {
        String number = m.group("number");
        if (!PLAIN.matcher(number).matches() && !COMMA_GROUPED.matcher(number).matches()
                && !SPACE_GROUPED.matcher(number).matches()) {
            if (number.chars().filter(c -> c == '.').count() > 1) {
                throw invalid(asWritten, "is not a number: it has more than one decimal point");
            }
            if (number.contains(",")) {
                throw invalid(asWritten, "is not a number: ',' may only separate groups of three digits");
            }
            throw invalid(asWritten, "is not a number");
        }
        String unit = m.group("unit").strip();
        int unitExponent = unitExponent(unit);
        if (unitExponent < 0) {
            throw new InvalidParameterCountException("unknown unit '" + unit + "' in '" + asWritten
                    + "': use K, M, B, T, thousand, million, billion, trillion, 万, 亿 or 万亿");
        }
        try {
            String exponent = m.group("exponent");
            BigDecimal mantissa = new BigDecimal(number.replace(",", "").replace(" ", "")
                    + (exponent == null ? "" : "e" + exponent));
            return mantissa.scaleByPowerOfTen(unitExponent);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidParameterCountException("'" + asWritten + "' is not a number: the exponent is out of range", e);
        }
    }

    private static int unitExponent(String unit) {
        Integer english = ENGLISH_UNITS.get(unit.toLowerCase(Locale.ROOT));
        if (english != null) {
            return english;
        }
        Matcher chinese = CHINESE_UNITS.matcher(unit);
        if (!chinese.matches()) {
            return -1;
        }
        int exponent = 0;
        if (chinese.group(1) != null) {
            exponent += "十百千".indexOf(chinese.group(1)) + 1;
        }
        exponent += chinese.group(2) != null ? 4 : 0;
        exponent += chinese.group(3) != null ? 8 : 0;
        return exponent;
    }

    private static long checkedLong(String asWritten, BigDecimal exact) {
        if (exact.signum() == 0) {
            throw invalid(asWritten, "is not a parameter count: must be greater than zero");
        }
        if (exact.compareTo(LONG_MAX) > 0) {
            throw invalid(asWritten, "is too large: over 9.2e18, the most a count can hold");
        }
        if (exact.stripTrailingZeros().scale() > 0) {
            throw invalid(asWritten, "is not a whole number of parameters");
        }
        return exact.longValueExact();
    }

    private static InvalidParameterCountException invalid(String asWritten, String why) {
        return new InvalidParameterCountException("'" + asWritten + "' " + why);
    }

    private enum TokenKind { DIGIT, ZERO, SMALL_UNIT, BIG_UNIT }

    /** One piece of a Chinese numeral; a DIGIT may be a run of Arabic digits, as in 12亿3456万. */
    private record Token(TokenKind kind, BigInteger digit, int exponent, boolean single) {
    }

    private static List<Token> chineseTokens(String core) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (c >= '0' && c <= '9') {
                int end = i;
                while (end < core.length() && core.charAt(end) >= '0' && core.charAt(end) <= '9') {
                    end++;
                }
                tokens.add(new Token(TokenKind.DIGIT, new BigInteger(core.substring(i, end)), 0, end - i == 1));
                i = end - 1;
            } else if (CHINESE_DIGITS.indexOf(c) >= 0 || c == '两') {
                int digit = c == '两' ? 2 : CHINESE_DIGITS.indexOf(c) + 1;
                tokens.add(new Token(TokenKind.DIGIT, BigInteger.valueOf(digit), 0, true));
            } else if (c == '零' || c == '〇') {
                tokens.add(new Token(TokenKind.ZERO, null, 0, false));
            } else if ("十百千".indexOf(c) >= 0) {
                tokens.add(new Token(TokenKind.SMALL_UNIT, null, "十百千".indexOf(c) + 1, false));
            } else if (c == '万' || c == '亿') {
                tokens.add(new Token(TokenKind.BIG_UNIT, null, c == '万' ? 4 : 8, false));
            } else if (c != ' ') {
                return null;
            }
        }
        return tokens.isEmpty() ? null : tokens;
    }

    /** "千亿", "百万", "亿": Chinese writes a bare magnitude for "of that order"; 十 alone is the normal numeral. */
    private static boolean isBareMagnitude(Token first) {
        return first.kind() == TokenKind.BIG_UNIT || (first.kind() == TokenKind.SMALL_UNIT && first.exponent() >= 2);
    }

    /**
     * Reads a Chinese numeral by its sections: 十/百/千 build a number below 10^4, 万 multiplies what came before
     * it in the current 亿 group, 亿 multiplies everything before it. Returns null for anything a Chinese reader
     * would not read as one number (二三, 一百二千, 一万二万).
     */
    private static BigInteger chineseValue(List<Token> tokens) {
        BigInteger total = BigInteger.ZERO;
        BigInteger wan = BigInteger.ZERO;
        BigInteger section = BigInteger.ZERO;
        BigInteger pending = null;
        boolean wanUsed = false;
        int lastSmall = 4;
        int n = tokens.size();
        if (n == 1 && tokens.get(0).kind() == TokenKind.ZERO) {
            return BigInteger.ZERO;
        }
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            Token prev = i > 0 ? tokens.get(i - 1) : null;
            switch (t.kind()) {
                case DIGIT -> {
                    if (pending != null) {
                        return null;
                    }
                    pending = t.digit();
                }
                case ZERO -> {
                    if (prev == null || prev.kind() == TokenKind.DIGIT || prev.kind() == TokenKind.ZERO) {
                        return null;
                    }
                }
                case SMALL_UNIT -> {
                    BigInteger times = pending;
                    if (times == null) {
                        boolean leadingTen = t.exponent() == 1
                                && (prev == null || prev.kind() == TokenKind.ZERO || prev.kind() == TokenKind.BIG_UNIT);
                        if (!leadingTen && prev != null) {
                            return null;
                        }
                        times = BigInteger.ONE;
                    }
                    if (t.exponent() >= lastSmall) {
                        return null;
                    }
                    section = section.add(times.multiply(BigInteger.TEN.pow(t.exponent())));
                    pending = null;
                    lastSmall = t.exponent();
                }
                case BIG_UNIT -> {
                    boolean empty = !wanUsed && section.signum() == 0 && pending == null;
                    BigInteger rest = section.add(pending == null ? BigInteger.ZERO : pending);
                    if (t.exponent() == 4) {
                        if (wanUsed || (empty && prev != null)) {
                            return null;
                        }
                        wan = (empty ? BigInteger.ONE : rest).multiply(TEN_THOUSAND);
                        wanUsed = true;
                    } else {
                        BigInteger group;
                        if (!empty) {
                            group = total.add(wan).add(rest);
                        } else if (prev == null) {
                            group = BigInteger.ONE;
                        } else if (prev.kind() == TokenKind.BIG_UNIT && prev.exponent() == 8) {
                            group = total; // 亿亿 = 10^16
                        } else {
                            return null;
                        }
                        total = group.multiply(HUNDRED_MILLION);
                        wan = BigInteger.ZERO;
                        wanUsed = false;
                    }
                    section = BigInteger.ZERO;
                    pending = null;
                    lastSmall = 4;
                }
            }
        }
        BigInteger result = total.add(wan).add(section);
        if (pending == null) {
            return result;
        }
        Token last = tokens.get(n - 1);
        Token unit = n >= 2 ? tokens.get(n - 2) : null;
        if (unit == null || unit.kind() == TokenKind.ZERO
                || (unit.kind() == TokenKind.SMALL_UNIT && unit.exponent() == 1)) {
            return result.add(pending); // 五, 二十五, 一千零五
        }
        Token beforeUnit = n >= 3 ? tokens.get(n - 3) : null;
        if (last.single() && beforeUnit != null && beforeUnit.kind() == TokenKind.DIGIT) {
            // 一万五 is 15,000 and 一亿五 is 150,000,000: the digit names the next place down.
            return result.add(pending.multiply(BigInteger.TEN.pow(unit.exponent() - 1)));
        }
        if (!last.single() && unit.kind() == TokenKind.BIG_UNIT) {
            return result.add(pending); // 3456万7891
        }
        return null;
    }
}
