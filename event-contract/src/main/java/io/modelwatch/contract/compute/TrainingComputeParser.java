package io.modelwatch.contract.compute;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a training compute as people write it: {@code 3.8e25}, {@code 3.8E+25}, {@code 3.8×10^25}, {@code 3.8x10^25},
 * {@code 3.8 * 10^25}, {@code 3.8 × 10²⁵}, {@code 10^24}, {@code 2.1e24 FLOP} (or FLOPs), {@code 380,000,000,000} and
 * an estimate marked {@code ~}, {@code ≈}, "about", "approx." or "around". Anything else, and a value that is not positive
 * and finite as a double, is refused with a message that says why.
 */
public final class TrainingComputeParser {

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final Pattern APPROXIMATE = Pattern.compile(
            "^(?:~|≈|about\\b|approximately\\b|approx\\.?|around\\b|roughly\\b|circa\\b|ca\\.)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNIT = Pattern.compile("\\s*flops?$", Pattern.CASE_INSENSITIVE);
    private static final String MANTISSA = "[+-]?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d*)?|\\.\\d+)";
    /** 3.8e25, 380,000, -1 (refused later, with its reason). */
    private static final Pattern E_NOTATION = Pattern.compile("(?<mantissa>" + MANTISSA + ")(?:e(?<exponent>[+-]?\\d+))?");
    /** 3.8×10^25, 3.8 * 10**25, 10^25. */
    private static final Pattern POWER_OF_TEN = Pattern.compile(
            "(?:(?<mantissa>" + MANTISSA + ")\\s*[×✕*·]\\s*)?10\\s*(?:\\^|\\*\\*)\\s*(?<exponent>[+-]?\\d+)");

    private TrainingComputeParser() {
    }

    /** The compute {@code text} states; throws {@link InvalidTrainingComputeException} naming what is wrong. */
    public static TrainingCompute parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTrainingComputeException("is empty: leave the field out when the compute is not disclosed");
        }
        String asWritten = text.strip();
        String core = normalise(asWritten);
        Matcher approximate = APPROXIMATE.matcher(core);
        boolean estimate = approximate.find();
        if (estimate) {
            core = core.substring(approximate.end());
        }
        core = UNIT.matcher(core).replaceFirst("").strip();
        Matcher m = E_NOTATION.matcher(core);
        if (!m.matches()) {
            m = POWER_OF_TEN.matcher(core);
            if (!m.matches()) {
                throw invalid(asWritten, "is not a number of FLOP such as 3.8e25, 3.8×10^25 or 2.1e24 FLOP");
            }
        }
        String mantissa = m.group("mantissa") == null ? "1" : m.group("mantissa").replace(",", "");
        String exponent = m.group("exponent");
        double value;
        try {
            BigDecimal exact = new BigDecimal(mantissa + (exponent == null ? "" : "e" + exponent));
            if (exact.signum() <= 0) {
                throw invalid(asWritten, "is not a training compute: it must be greater than zero");
            }
            value = exact.doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(asWritten, "is not a number: the exponent is out of range");
        }
        if (Double.isInfinite(value)) {
            throw invalid(asWritten, "is too large: over 1.8e308, the most a double can hold");
        }
        if (value == 0) {
            throw invalid(asWritten, "is too small: it rounds to zero");
        }
        return new TrainingCompute(value, asWritten, estimate, null);
    }

    /** For compute that arrives as a JSON number. */
    public static TrainingCompute of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value <= 0) {
            throw invalid(Double.toString(value), "is not a training compute: it must be a positive, finite number of FLOP");
        }
        return new TrainingCompute(value, null, false, null);
    }

    /** Superscript exponents to "^", typographic minus and spaces to ASCII, runs of white space to one space. */
    private static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        boolean inSuperscript = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = SUPERSCRIPTS.indexOf(c);
            boolean superscript = digit >= 0 || c == '⁻' || c == '⁺';
            if (superscript && !inSuperscript) {
                out.append('^');
            }
            inSuperscript = superscript;
            if (digit >= 0) {
                c = (char) ('0' + digit);
            } else if (c == '⁻' || c == '\u2212') {
                c = '-';
            } else if (c == '⁺') {
                c = '+';
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                c = ' ';
            }
            if (c != ' ' || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
                out.append(c);
            }
        }
        return out.toString().strip().toLowerCase(Locale.ROOT).replace("x10", "×10").replace("x 10", "× 10");
    }

    private static InvalidTrainingComputeException invalid(String asWritten, String why) {
        return new InvalidTrainingComputeException("'" + asWritten + "' " + why);
    }
}
