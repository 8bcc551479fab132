package io.modelwatch.digest.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void calendarPeriodsAndTheirKeys() {
        assertThat(Period.parse(ReviewKind.HALF_YEAR, "2022-H1")).isEqualTo(
                new Period(ReviewKind.HALF_YEAR, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 6, 30)));
        assertThat(Period.parse(ReviewKind.HALF_YEAR, "2021-H2").to()).isEqualTo(LocalDate.of(2021, 12, 31));
        assertThat(Period.parse(ReviewKind.QUARTERLY, "2022-Q2").from()).isEqualTo(LocalDate.of(2022, 4, 1));
        assertThat(Period.parse(ReviewKind.MONTHLY, "2022-02").to()).isEqualTo(LocalDate.of(2022, 2, 28));
        // ISO week 1 of 2021 starts on Monday 4 January 2021; 1 January 2021 is in week 53 of 2020.
        assertThat(Period.parse(ReviewKind.WEEKLY, "2021-W01").from()).isEqualTo(LocalDate.of(2021, 1, 4));
        assertThat(Period.containing(ReviewKind.WEEKLY, LocalDate.of(2021, 1, 1)).key()).isEqualTo("2020-W53");
        assertThat(Period.parse(ReviewKind.YEARLY, "2022").key()).isEqualTo("2022");
        assertThat(Period.parse(ReviewKind.ON_DEMAND, "2021-07-01..2022-06-30").days()).isEqualTo(365);
    }

    @Test
    void thePreviousPeriodHasTheSameLength() {
        assertThat(Period.parse(ReviewKind.MONTHLY, "2022-03").previous().key()).isEqualTo("2022-02");
        assertThat(Period.parse(ReviewKind.WEEKLY, "2022-W01").previous().key()).isEqualTo("2021-W52");
        assertThat(Period.onDemand(LocalDate.of(2022, 1, 11), LocalDate.of(2022, 1, 20)).previous())
                .isEqualTo(Period.onDemand(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 1, 10)));
    }

    @Test
    void theSchedulerPublishesTheLastCompletedPeriod() {
        LocalDate july1 = LocalDate.of(2022, 7, 1);
        assertThat(Period.lastCompleted(ReviewKind.HALF_YEAR, july1).key()).isEqualTo("2022-H1");
        assertThat(Period.lastCompleted(ReviewKind.YEARLY, july1).key()).isEqualTo("2021");
        assertThat(Period.lastCompleted(ReviewKind.MONTHLY, july1).key()).isEqualTo("2022-06");
        assertThat(Period.lastCompleted(ReviewKind.QUARTERLY, july1).key()).isEqualTo("2022-Q2");
    }

    @Test
    void badKeysAreRefusedWithAnExample() {
        assertThatThrownBy(() -> Period.parse(ReviewKind.HALF_YEAR, "2022-H3")).hasMessageContaining("2022-H1");
        assertThatThrownBy(() -> Period.parse(ReviewKind.WEEKLY, "2021-W54")).isInstanceOf(IllegalArgumentException.class);
    }
}
