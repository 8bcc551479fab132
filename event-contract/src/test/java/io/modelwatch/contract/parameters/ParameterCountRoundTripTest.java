package io.modelwatch.contract.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Positive;

/**
 * Properties of the parser and formatter together. Named *Test so that surefire's default includes pick it up;
 * the jqwik engine runs it on the JUnit platform.
 */
class ParameterCountRoundTripTest {

    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(LOCALES);
    }

    @Property
    void everyFormattedCountParsesBackExactly(@ForAll @LongRange(min = 1, max = 1_000_000_000_000_000L) long value,
                                              @ForAll("locales") Locale locale) {
        String text = ParameterCountFormatter.format(value, locale);

        ParameterCount parsed = ParameterCountParser.parse(text);
        assertThat(parsed.value()).as(text).isEqualTo(value);
        assertThat(parsed.approximate()).as(text).isFalse();
    }

    @Property
    void theWholeLongRangeRoundTrips(@ForAll @Positive long value, @ForAll("locales") Locale locale) {
        assertThat(ParameterCountParser.parse(ParameterCountFormatter.format(value, locale)).value()).isEqualTo(value);
    }

    /** Round figures are the common case, and the only ones where the compact forms appear; random longs rarely are. */
    @Property
    void roundFiguresAreCompactAndExact(@ForAll @IntRange(min = 1, max = 999) int significant,
                                        @ForAll @IntRange(min = 0, max = 12) int zeros,
                                        @ForAll("locales") Locale locale) {
        long value = significant * pow10(zeros);
        String text = ParameterCountFormatter.format(value, locale);

        assertThat(ParameterCountParser.parse(text).value()).as(text).isEqualTo(value);
        if (value >= 10_000) {
            long digits = text.chars().filter(Character::isDigit).count();
            // three significant digits, plus at most one padding zero: 5000万 and 1,750亿 are how Chinese writes them
            assertThat(digits).as(text).isLessThanOrEqualTo(Locale.ENGLISH.equals(locale) ? 3 : 4);
        }
    }

    record Unit(String text, int exponent) {
    }

    @Provide
    Arbitrary<Unit> units() {
        return Arbitraries.of(
                new Unit("B", 9), new Unit("b", 9), new Unit(" billion", 9), new Unit(" bn", 9),
                new Unit("M", 6), new Unit(" million", 6),
                new Unit("T", 12), new Unit(" trillion", 12),
                new Unit("K", 3),
                new Unit("万", 4), new Unit("亿", 8), new Unit("万亿", 12), new Unit("千亿", 11), new Unit("百万", 6));
    }

    /** A decimal mantissa written out by hand, times a unit: the parser must give the exact product. */
    @Property
    void mantissaTimesUnitIsExact(@ForAll @IntRange(min = 1, max = 99_999) int digits,
                                  @ForAll @IntRange(min = 0, max = 4) int decimals,
                                  @ForAll("units") Unit unit) {
        int scale = Math.min(decimals, unit.exponent());
        long whole = digits / pow10(scale);
        long fraction = digits % pow10(scale);
        String mantissa = scale == 0 ? Long.toString(whole) : whole + "." + String.format("%0" + scale + "d", fraction);
        long expected = digits * pow10(unit.exponent() - scale);

        ParameterCount parsed = ParameterCountParser.parse(mantissa + unit.text());

        assertThat(parsed.value()).as(mantissa + unit.text()).isEqualTo(expected);
        assertThat(parsed.approximate()).isFalse();
    }

    /** Formal Chinese numerals, written by a converter independent of the parser, read back exactly. */
    @Property
    void formalChineseNumeralsReadBack(@ForAll @LongRange(min = 1, max = 9_999_999_999_999_999L) long value) {
        String numeral = chineseNumeral(value);

        assertThat(ParameterCountParser.parse(numeral).value()).as(numeral).isEqualTo(value);
    }

    @Property
    void approximateCountsStayApproximateThroughFormatting(@ForAll @Positive long value,
                                                           @ForAll("notes") String note,
                                                           @ForAll("locales") Locale locale) {
        ParameterCount count = new ParameterCount(value, null, true, note);
        String text = ParameterCountFormatter.format(count, locale);

        ParameterCount parsed = ParameterCountParser.parse(text);
        assertThat(parsed.value()).as(text).isEqualTo(value);
        assertThat(parsed.approximate()).as(text).isTrue();
        if (!ParameterCount.ORDER_OF_MAGNITUDE.equals(note)) {
            assertThat(parsed.note()).as(text).isEqualTo(note);
        }
    }

    @Provide
    Arbitrary<String> notes() {
        return Arbitraries.of(ParameterCount.ABOUT, ParameterCount.AT_LEAST, ParameterCount.ORDER_OF_MAGNITUDE);
    }

    /** Whatever arrives, the parser answers with a count or with its own exception, never anything else. */
    @Property(tries = 3000)
    void anyTextGivesACountOrAReason(@ForAll("noise") String text) {
        try {
            assertThat(ParameterCountParser.parse(text).value()).isPositive();
        } catch (InvalidParameterCountException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> nearNumbers = Arbitraries.strings()
                .withChars("0123456789.,eE+-~ xX×^⁹BMTKbmtk亿万千百十一二两三零〇级约以上兆参数")
                .ofMaxLength(16);
        return Combinators.combine(nearNumbers, Arbitraries.strings().ofMaxLength(12))
                .as((a, b) -> a.length() % 3 == 0 ? a + b : a);
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private static final String DIGITS = "零一二三四五六七八九";
    private static final String[] PLACES = {"", "十", "百", "千"};

    private static String chineseNumeral(long value) {
        if (value >= 100_000_000L) {
            long high = value / 100_000_000L;
            long low = value % 100_000_000L;
            return belowHundredMillion(high) + "亿" + (low == 0 ? "" : (low < 10_000_000L ? "零" : "") + belowHundredMillion(low));
        }
        return belowHundredMillion(value);
    }

    private static String belowHundredMillion(long value) {
        if (value >= 10_000) {
            long high = value / 10_000;
            long low = value % 10_000;
            return belowTenThousand(high) + "万" + (low == 0 ? "" : (low < 1_000 ? "零" : "") + belowTenThousand(low));
        }
        return belowTenThousand(value);
    }

    private static String belowTenThousand(long value) {
        StringBuilder out = new StringBuilder();
        boolean gap = false;
        for (int place = 3; place >= 0; place--) {
            int digit = (int) (value / pow10(place) % 10);
            if (digit == 0) {
                gap = out.length() > 0;
            } else {
                if (gap) {
                    out.append('零');
                    gap = false;
                }
                out.append(DIGITS.charAt(digit)).append(PLACES[place]);
            }
        }
        return out.toString();
    }
}
