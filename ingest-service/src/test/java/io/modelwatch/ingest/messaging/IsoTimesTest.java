package io.modelwatch.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimesTest {

    private static String expected(Instant t) {
        return t.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Test
    void writesWhatTheIsoFormatterWrites() {
        IsoTimes times = new IsoTimes();
        assertThat(times.format(Instant.parse("2026-11-29T21:53:18.123456Z"))).isEqualTo("2026-11-29T21:53:18.123456Z");
        assertThat(times.format(Instant.parse("2026-11-29T21:53:18Z"))).isEqualTo("2026-11-29T21:53:18Z");
        assertThat(times.format(Instant.parse("2026-11-29T21:53:18.100Z"))).isEqualTo("2026-11-29T21:53:18.1Z");
        assertThat(times.format(Instant.parse("2026-11-29T00:00:00.000000001Z"))).isEqualTo("2026-11-29T00:00:00.000000001Z");
        Random random = new Random(7);
        Instant t = Instant.parse("2026-11-29T21:53:18.999990Z");
        for (int i = 0; i < 200_000; i++) {
            // mostly a few microseconds apart (as in a batch), sometimes whole seconds, sometimes anywhere
            t = switch (random.nextInt(10)) {
                case 0 -> Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
                case 1 -> t.plusSeconds(random.nextInt(100)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                case 2 -> t.plusNanos(random.nextInt(1_000_000_000));
                default -> t.plusNanos(1_000L * random.nextInt(20));
            };
            assertThat(times.format(t)).isEqualTo(expected(t));
        }
    }
}
