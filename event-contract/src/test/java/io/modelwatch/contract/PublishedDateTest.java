package io.modelwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublishedDateTest {

    @Test
    void monthPrecisionIsKeptAndSpansTheWholeMonth() {
        PublishedDate july = PublishedDate.parse("2022-07");
        assertThat(july.precision()).isEqualTo(PublishedDate.Precision.MONTH);
        assertThat(july.value()).isEqualTo("2022-07");
        assertThat(july.start()).isEqualTo(LocalDate.of(2022, 7, 1));
        assertThat(july.end()).isEqualTo(LocalDate.of(2022, 7, 31));
    }

    @Test
    void yearAndDayPrecision() {
        assertThat(PublishedDate.parse("2021").precision()).isEqualTo(PublishedDate.Precision.YEAR);
        assertThat(PublishedDate.parse("2021").end()).isEqualTo(LocalDate.of(2021, 12, 31));
        assertThat(PublishedDate.parse("2024-02-29").start()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-13", "2022-02-30", "22-07", "2022/07/01", "July 2022", "2022-7"})
    void impossibleOrMisshapenDatesAreRefused(String text) {
        assertThatThrownBy(() -> PublishedDate.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }
}
