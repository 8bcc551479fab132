package io.modelwatch.contract.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What people write for training compute, and what is refused. jqwik runs the properties on the JUnit platform. */
class TrainingComputeParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "3.8e25|3.8e25|false",
            "3.8E+25|3.8e25|false",
            "3.8×10^25|3.8e25|false",
            "3.8x10^25|3.8e25|false",
            "3.8 X 10^25|3.8e25|false",
            "3.8 × 10²⁵|3.8e25|false",
            "3.8·10²⁵ FLOP|3.8e25|false",
            "3.8 * 10**25|3.8e25|false",
            "2.1e24 FLOP|2.1e24|false",
            "2.1e24 FLOPs|2.1e24|false",
            "2.1e24FLOP|2.1e24|false",
            "10^24|1e24|false",
            "1e-3|0.001|false",
            "6 × 10⁻²|0.06|false",
            "380,000,000,000|3.8e11|false",
            "1200000000000000000000|1.2e21|false",
            "~3.8e25|3.8e25|true",
            "about 3.8×10^25 FLOP|3.8e25|true",
            "approx. 2e24|2e24|true",
            "approximately 2e24|2e24|true",
            "≈ 5e23|5e23|true"})
    void readsWhatPeopleWrite(String text, double value, boolean approximate) {
        TrainingCompute compute = TrainingComputeParser.parse(text);

        assertThat(compute.value()).isEqualTo(value);
        assertThat(compute.approximate()).isEqualTo(approximate);
        assertThat(compute.asWritten()).isEqualTo(text.strip());
        assertThat(compute.note()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "0e25", "-3.8e25", "-1", "0 × 10^25", "NaN", "Infinity", "-Infinity", "1e400", "1e-400",
            "3.8e", "e25", "3.810^25", "3,8e25", "3.8e25 parameters", "lots", "1,00,000", "3.8 × 10", "3..8e25", "", "   "})
    void refusesWhatIsNotAPositiveFiniteCompute(String text) {
        assertThatThrownBy(() -> TrainingComputeParser.parse(text))
                .isInstanceOf(InvalidTrainingComputeException.class)
                .hasMessageNotContaining("null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesBareNumbersThatAreNotPositiveAndFinite(double value) {
        assertThatThrownBy(() -> TrainingComputeParser.of(value)).isInstanceOf(InvalidTrainingComputeException.class);
        assertThatThrownBy(() -> new TrainingCompute(value, null, false, null)).isInstanceOf(InvalidTrainingComputeException.class);
    }

    @Property
    void everyPositiveFiniteDoubleReadsBackFromJavaAndScientificText(@ForAll("positiveFinite") double value) {
        assertThat(TrainingComputeParser.parse(Double.toString(value)).value()).isEqualTo(value);
        assertThat(TrainingComputeParser.parse(String.format(java.util.Locale.ROOT, "%.17e", value)).value()).isEqualTo(value);
        assertThat(TrainingComputeParser.of(value).value()).isEqualTo(value);
    }

    @Property
    void theWrittenFormsOfOneValueAgree(@ForAll @DoubleRange(min = 1, max = 9.99) double mantissa,
                                        @ForAll @IntRange(min = -30, max = 300) int exponent) {
        String m = Double.toString(mantissa);
        double expected = TrainingComputeParser.parse(m + "e" + exponent).value();
        for (String form : new String[] {m + "×10^" + exponent, m + " x 10^" + exponent, m + " * 10**" + exponent,
                m + " × 10" + superscript(exponent), m + "e" + exponent + " FLOP", "~" + m + "E" + exponent}) {
            assertThat(TrainingComputeParser.parse(form).value()).as(form).isEqualTo(expected);
        }
    }

    @Property
    void nonPositiveValuesAreRefusedInEveryForm(@ForAll @DoubleRange(min = -1e30, max = 0) double value) {
        String text = Double.toString(value);
        assertThatThrownBy(() -> TrainingComputeParser.parse(text)).isInstanceOf(InvalidTrainingComputeException.class);
        assertThatThrownBy(() -> TrainingComputeParser.of(value)).isInstanceOf(InvalidTrainingComputeException.class);
    }

    @Provide
    Arbitrary<Double> positiveFinite() {
        return Arbitraries.longs().between(1, Double.doubleToRawLongBits(Double.MAX_VALUE)).map(Double::longBitsToDouble);
    }

    private static String superscript(int exponent) {
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toString(exponent).toCharArray()) {
            out.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return out.toString();
    }
}
