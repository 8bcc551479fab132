package io.modelwatch.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WrongKeyThrottleTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aClientIsThrottledAfterTheLimitOfWrongKeysUntilTheWindowEnds() {
        MovableClock clock = new MovableClock();
        WrongKeyThrottle throttle = new WrongKeyThrottle(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
            throttle.wrongKey("10.0.0.1");
        }
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(60);
        assertThat(throttle.retryAfterSeconds("10.0.0.2")).as("another client").isZero();
        clock.now = clock.now.plusSeconds(45);
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(15);
        clock.now = clock.now.plusSeconds(15);
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).as("a new window").isZero();
        throttle.wrongKey("10.0.0.1");
        assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
    }
}
