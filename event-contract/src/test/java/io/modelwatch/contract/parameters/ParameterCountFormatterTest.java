package io.modelwatch.contract.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How each language writes a count; every expected text is what a reader of that language would write. */
class ParameterCountFormatterTest {

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    static Stream<Arguments> counts() {
        return Stream.of(
                arguments(175_000_000_000L, EN, "175B"),
                arguments(1_200_000_000_000L, EN, "1.2T"),
                arguments(11_000_000_000L, EN, "11B"),
                arguments(350_000_000L, EN, "350M"),
                arguments(1_300_000_000L, EN, "1.3B"),
                arguments(500_000_000L, EN, "500M"),
                arguments(368_000_000L, EN, "368M"),
                arguments(1_250_000L, EN, "1.25M"),
                arguments(12_000L, EN, "12K"),
                arguments(10_000L, EN, "10K"),
                arguments(7_500L, EN, "7,500"),
                arguments(999L, EN, "999"),
                arguments(1L, EN, "1"),
                arguments(12_345L, EN, "12,345"),
                arguments(1_234_567_891L, EN, "1,234,567,891"),
                arguments(6_738_415_616L, EN, "6,738,415,616"),
                arguments(1_000_000_000_000_000L, EN, "1,000T"),
                arguments(9_223_372_036_854_775_807L, EN, "9,223,372,036,854,775,807"),
                arguments(175_000_000_000L, Locale.GERMANY, "175B"),
                arguments(1_234_567_891L, Locale.FRANCE, "1,234,567,891"),
                arguments(175_000_000_000L, ZH, "1,750亿"),
                arguments(11_000_000_000L, ZH, "110亿"),
                arguments(10_000_000_000_000L, ZH, "10万亿"),
                arguments(1_300_000_000L, ZH, "13亿"),
                arguments(350_000_000L, ZH, "3.5亿"),
                arguments(368_000_000L, ZH, "3.68亿"),
                arguments(870_000_000L, ZH, "8.7亿"),
                arguments(50_000_000L, ZH, "5000万"),
                arguments(1_200_000_000_000L, ZH, "1.2万亿"),
                arguments(6_200_000_000L, ZH, "62亿"),
                arguments(100_000_000L, ZH, "1亿"),
                arguments(12_000L, ZH, "1.2万"),
                arguments(7_500L, ZH, "7500"),
                arguments(1_234_567_891L, ZH, "1,234,567,891"),
                arguments(175_000_000_000L, Locale.CHINESE, "1,750亿"),
                arguments(175_000_000_000L, Locale.forLanguageTag("zh-Hant-TW"), "1,750亿"));
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @MethodSource("counts")
    void writesTheCountAsTheLanguageDoes(long value, Locale locale, String expected) {
        assertThat(ParameterCountFormatter.format(value, locale)).isEqualTo(expected);
    }

    static Stream<Arguments> approximateCounts() {
        return Stream.of(
                arguments(new ParameterCount(175_000_000_000L, "~175B", true, ParameterCount.ABOUT), EN, "~175B"),
                arguments(new ParameterCount(175_000_000_000L, "~175B", true, ParameterCount.ABOUT), ZH, "约1,750亿"),
                arguments(new ParameterCount(100_000_000_000L, "100B+", true, ParameterCount.AT_LEAST), EN, "100B+"),
                arguments(new ParameterCount(100_000_000_000L, "100B+", true, ParameterCount.AT_LEAST), ZH, "1,000亿以上"),
                arguments(new ParameterCount(100_000_000_000L, "千亿级", true, ParameterCount.ORDER_OF_MAGNITUDE), EN, "~100B"),
                arguments(new ParameterCount(100_000_000_000L, "千亿级", true, ParameterCount.ORDER_OF_MAGNITUDE), ZH, "千亿级"),
                arguments(new ParameterCount(1_000_000_000L, "十亿级", true, ParameterCount.ORDER_OF_MAGNITUDE), ZH, "十亿级"),
                arguments(new ParameterCount(1_000_000_000_000L, "万亿级", true, ParameterCount.ORDER_OF_MAGNITUDE), ZH, "万亿级"),
                arguments(new ParameterCount(300_000_000L, "3亿级", true, ParameterCount.ORDER_OF_MAGNITUDE), ZH, "3亿级"),
                arguments(new ParameterCount(7_000_000_000L, "7B", true), EN, "~7B"),
                arguments(new ParameterCount(11_000_000_000L, "11B", false), ZH, "110亿"));
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @MethodSource("approximateCounts")
    void marksApproximateCounts(ParameterCount count, Locale locale, String expected) {
        assertThat(ParameterCountFormatter.format(count, locale)).isEqualTo(expected);
    }

    @Test
    void withoutALocaleWritesInTheLanguageTheCountWasWrittenIn() {
        assertThat(ParameterCountFormatter.format(ParameterCountParser.parse("约1750亿个参数"))).isEqualTo("约1,750亿");
        assertThat(ParameterCountFormatter.format(ParameterCountParser.parse("about 175 billion"))).isEqualTo("~175B");
        assertThat(ParameterCountFormatter.format(new ParameterCount(11_000_000_000L, null, false))).isEqualTo("11B");
    }

    @Test
    void refusesWhatIsNotACount() {
        assertThatThrownBy(() -> ParameterCountFormatter.format(0, EN))
                .isInstanceOf(InvalidParameterCountException.class)
                .hasMessageContaining("must be greater than zero");
    }

    static Stream<Arguments> shortForms() {
        return Stream.of(
                arguments(540_350_000_000L, EN, "~540B"),
                arguments(540_350_000_000L, ZH, "约5,400亿"),
                arguments(705_134_592L, EN, "~705M"),
                arguments(705_134_592L, ZH, "约7.05亿"),
                arguments(11_750_000_000L, EN, "~11.8B"),
                arguments(11_750_000_000L, ZH, "约118亿"),
                arguments(175_000_000_000L, EN, "175B"),
                arguments(175_000_000_000L, ZH, "1,750亿"),
                arguments(7_500L, EN, "7,500"));
    }

    @ParameterizedTest
    @MethodSource("shortForms")
    void proseRoundsToThreeSignificantDigitsAndSaysSo(long value, Locale locale, String expected) {
        assertThat(ParameterCountFormatter.shortForm(value, locale)).isEqualTo(expected);
    }

    @Test
    void anApproximateCountWithAShortFormKeepsItsMark() {
        assertThat(ParameterCountFormatter.shortForm(new ParameterCount(100_000_000_000L, "千亿", true,
                ParameterCount.ORDER_OF_MAGNITUDE), ZH)).isEqualTo("千亿级");
        assertThat(ParameterCountFormatter.shortForm(new ParameterCount(175_000_000_000L, "~175B", true), EN)).isEqualTo("~175B");
    }
}
