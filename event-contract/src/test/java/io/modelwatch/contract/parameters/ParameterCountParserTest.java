package io.modelwatch.contract.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What publishers write, and the exact count each one means. Expected values are literals, never parser output. */
class ParameterCountParserTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                // English units, any case, with or without a space
                arguments("11B", 11_000_000_000L, false),
                arguments("11b", 11_000_000_000L, false),
                arguments("11 billion", 11_000_000_000L, false),
                arguments("11 Billion", 11_000_000_000L, false),
                arguments("11 bn", 11_000_000_000L, false),
                arguments("11BN", 11_000_000_000L, false),
                arguments("1.2 trillion", 1_200_000_000_000L, false),
                arguments("1.6T", 1_600_000_000_000L, false),
                arguments("1.6 t", 1_600_000_000_000L, false),
                arguments("350M", 350_000_000L, false),
                arguments("350 million", 350_000_000L, false),
                arguments("350 mn", 350_000_000L, false),
                arguments("0.5B", 500_000_000L, false),
                arguments("870M", 870_000_000L, false),
                arguments("175B", 175_000_000_000L, false),
                arguments("7.5B", 7_500_000_000L, false),
                arguments("1.3B", 1_300_000_000L, false),
                arguments("0.1B", 100_000_000L, false),
                arguments("1.50B", 1_500_000_000L, false),
                arguments("368M", 368_000_000L, false),
                arguments("12K", 12_000L, false),
                arguments("12k", 12_000L, false),
                arguments("12 thousand", 12_000L, false),
                // the noun, and surrounding whitespace
                arguments("11B parameters", 11_000_000_000L, false),
                arguments("11B params", 11_000_000_000L, false),
                arguments("11 billion Parameters", 11_000_000_000L, false),
                arguments("7B-parameter", 7_000_000_000L, false),
                arguments("  11B  ", 11_000_000_000L, false),
                // digits, grouped digits, scientific notation
                arguments("1", 1L, false),
                arguments("137000000000", 137_000_000_000L, false),
                arguments("137,000,000,000", 137_000_000_000L, false),
                arguments("137 000 000 000", 137_000_000_000L, false),
                arguments("137\u202F000\u202F000\u202F000", 137_000_000_000L, false),
                arguments("7,500", 7_500L, false),
                arguments("1.3e9", 1_300_000_000L, false),
                arguments("1.3E9", 1_300_000_000L, false),
                arguments("1.3e+9", 1_300_000_000L, false),
                arguments("2e11", 200_000_000_000L, false),
                arguments("1.3×10^9", 1_300_000_000L, false),
                arguments("1.3 x 10^9", 1_300_000_000L, false),
                arguments("1.3×10⁹", 1_300_000_000L, false),
                arguments("0.0000001B", 100L, false),
                arguments("9223372036854775807", 9_223_372_036_854_775_807L, false),
                arguments("9.223372036854775807e18", 9_223_372_036_854_775_807L, false),
                arguments("１１Ｂ", 11_000_000_000L, false),
                arguments("11\u00A0B", 11_000_000_000L, false),
                // digits with Chinese units
                arguments("62亿", 6_200_000_000L, false),
                arguments("62 亿", 6_200_000_000L, false),
                arguments("62亿参数", 6_200_000_000L, false),
                arguments("62亿个参数", 6_200_000_000L, false),
                arguments("10万亿", 10_000_000_000_000L, false),
                arguments("1750亿", 175_000_000_000L, false),
                arguments("1,750亿", 175_000_000_000L, false),
                arguments("3.5亿", 350_000_000L, false),
                arguments("3.68亿", 368_000_000L, false),
                arguments("1.2万亿", 1_200_000_000_000L, false),
                arguments("5000万", 50_000_000L, false),
                arguments("1千亿", 100_000_000_000L, false),
                arguments("5千万", 50_000_000L, false),
                arguments("1.3億", 130_000_000L, false),
                // Chinese numerals
                arguments("一千亿", 100_000_000_000L, false),
                arguments("两千亿", 200_000_000_000L, false),
                arguments("六十二亿", 6_200_000_000L, false),
                arguments("一万亿", 1_000_000_000_000L, false),
                arguments("十亿", 1_000_000_000L, false),
                arguments("十万亿", 10_000_000_000_000L, false),
                arguments("三百五十万", 3_500_000L, false),
                arguments("一千七百五十亿", 175_000_000_000L, false),
                arguments("一亿五", 150_000_000L, false),
                arguments("两万五", 25_000L, false),
                arguments("一千零五", 1_005L, false),
                arguments("一亿零五百万", 105_000_000L, false),
                arguments("12亿3456万7891", 1_234_567_891L, false),
                arguments("1亿2千万", 120_000_000L, false),
                // order-of-magnitude wording
                arguments("十亿级", 1_000_000_000L, true),
                arguments("百亿级", 10_000_000_000L, true),
                arguments("千亿级", 100_000_000_000L, true),
                arguments("万亿级", 1_000_000_000_000L, true),
                arguments("亿级", 100_000_000L, true),
                arguments("千亿级参数", 100_000_000_000L, true),
                arguments("千亿量级", 100_000_000_000L, true),
                arguments("千亿", 100_000_000_000L, true),
                arguments("百万", 1_000_000L, true),
                arguments("1B-class", 1_000_000_000L, true),
                // rounded figures and lower bounds
                arguments("~175B", 175_000_000_000L, true),
                arguments("~ 175B", 175_000_000_000L, true),
                arguments("≈7B", 7_000_000_000L, true),
                arguments("about 1.2 trillion", 1_200_000_000_000L, true),
                arguments("approximately 175 billion parameters", 175_000_000_000L, true),
                arguments("约1750亿", 175_000_000_000L, true),
                arguments("大约1750亿个参数", 175_000_000_000L, true),
                arguments("100B+", 100_000_000_000L, true),
                arguments("over 1T", 1_000_000_000_000L, true),
                arguments("超过千亿", 100_000_000_000L, true),
                arguments("千亿以上", 100_000_000_000L, true));
    }

    @ParameterizedTest(name = "{0} -> {1} (approximate: {2})")
    @MethodSource("accepted")
    void readsTheExactCount(String text, long expected, boolean approximate) {
        ParameterCount count = ParameterCountParser.parse(text);

        assertThat(count.value()).isEqualTo(expected);
        assertThat(count.approximate()).isEqualTo(approximate);
        assertThat(count.asWritten()).isEqualTo(text.strip());
        assertThat(count.note() == null).isEqualTo(!approximate);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("", "cannot be blank"),
                arguments("   ", "cannot be blank"),
                arguments("0", "'0' is not a parameter count: must be greater than zero"),
                arguments("0B", "must be greater than zero"),
                arguments("0.0", "must be greater than zero"),
                arguments("零", "must be greater than zero"),
                arguments("-7B", "must be greater than zero"),
                arguments("\u22127B", "must be greater than zero"),
                arguments("abc", "'abc' is not a number"),
                arguments("B", "'B' is not a number"),
                arguments("~", "'~' is not a number"),
                arguments("11X", "unknown unit 'X' in '11X'"),
                arguments("11 gazillion", "unknown unit 'gazillion' in '11 gazillion'"),
                arguments("1.2.3B", "'1.2.3B' is not a number"),
                arguments("1,5B", "',' may only separate groups of three digits"),
                arguments("二三", "'二三' is not a number"),
                arguments("一万二万", "'一万二万' is not a number"),
                arguments("1.5", "'1.5' is not a whole number of parameters"),
                arguments("12.5", "'12.5' is not a whole number of parameters"),
                arguments("0.0000000001B", "is not a whole number of parameters"),
                arguments("1e-99999", "is not a whole number of parameters"),
                arguments("99999999999T", "too large: over 9.2e18"),
                arguments("9223372036854775808", "too large: over 9.2e18"),
                arguments("1e999999999", "too large: over 9.2e18"),
                arguments("1e99999999999", "exponent is out of range"),
                arguments("7B or 13B", "'7B or 13B' is ambiguous"),
                arguments("7B-13B", "'7B-13B' is ambiguous"),
                arguments("7~13B", "is ambiguous"),
                arguments("175B parameters or 13B", "'175B parameters or 13B' is ambiguous"),
                arguments("235B-A22B", "is ambiguous"),
                arguments("七十亿到一百三十亿", "is ambiguous"),
                arguments("8x7B", "'8x7B' is ambiguous: it reads as experts × size"),
                arguments("1兆", "'1兆' is ambiguous: 兆 means 10^6"),
                arguments("NaN", "'NaN' is not a number"),
                arguments("Infinity", "'Infinity' is not a parameter count: must be finite"),
                arguments("-Infinity", "must be finite"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rejected")
    void refusesWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> ParameterCountParser.parse(text))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> ParameterCountParser.parse(null))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessageContaining("null");
    }

    @Test
    void refusesTextTooLongToBeACount() {
        assertThatThrownBy(() -> ParameterCountParser.parse("1".repeat(1001)))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void aJsonNumberWrittenOutInFullIsTooLargeRatherThanTooLong() {
        assertThatThrownBy(() -> ParameterCountParser.parse("1" + "0".repeat(400)))
                .hasMessageContaining("too large");
    }

    @Test
    void namesTheKindOfApproximation() {
        assertThat(ParameterCountParser.parse("~175B").note()).isEqualTo(ParameterCount.ABOUT);
        assertThat(ParameterCountParser.parse("约1750亿").note()).isEqualTo(ParameterCount.ABOUT);
        assertThat(ParameterCountParser.parse("100B+").note()).isEqualTo(ParameterCount.AT_LEAST);
        assertThat(ParameterCountParser.parse("超过千亿").note()).isEqualTo(ParameterCount.AT_LEAST);
        assertThat(ParameterCountParser.parse("十亿级").note()).isEqualTo(ParameterCount.ORDER_OF_MAGNITUDE);
        assertThat(ParameterCountParser.parse("千亿").note()).isEqualTo(ParameterCount.ORDER_OF_MAGNITUDE);
        assertThat(ParameterCountParser.parse("11B").note()).isNull();
    }

    @Test
    void keepsTheTextAsWrittenTrimmed() {
        ParameterCount count = ParameterCountParser.parse("  约1750亿个参数 ");

        assertThat(count.asWritten()).isEqualTo("约1750亿个参数");
        assertThat(count.value()).isEqualTo(175_000_000_000L);
    }

    @Test
    void takesAJsonIntegerAsAnExactCount() {
        ParameterCount count = ParameterCountParser.of(11_000_000_000L);

        assertThat(count).isEqualTo(new ParameterCount(11_000_000_000L, "11000000000", false, null));
    }

    @Test
    void refusesAJsonIntegerThatIsNotPositive() {
        assertThatThrownBy(() -> ParameterCountParser.of(0))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessage("'0' is not a parameter count: must be greater than zero");
        assertThatThrownBy(() -> ParameterCountParser.of(-5))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessageContaining("must be greater than zero");
    }

    @Test
    void theExceptionIsAnIllegalArgumentSoCallersCatchingThatStillWork() {
        assertThatThrownBy(() -> ParameterCountParser.parse("11X")).isInstanceOf(IllegalArgumentException.class);
    }
}
