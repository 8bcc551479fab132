package io.modelwatch.ingest.messaging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes instants as {@code instant.atOffset(UTC).format(ISO_OFFSET_DATE_TIME)} does (the CloudEvent {@code time} the
 * emitter path writes, e.g. {@code 2026-11-29T21:53:18.123456Z}), for thousands of instants a few microseconds apart:
 * the formatter runs once per second of time, and the fraction is written here by its rule (the nanoseconds without
 * trailing zeros, and no fraction at all for a whole second). One instance per thread: it keeps the last second.
 */
public final class IsoTimes {

    private long second = Long.MIN_VALUE;
    private String upToSeconds;

    public String format(Instant time) {
        if (time.getEpochSecond() != second) {
            String whole = time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            upToSeconds = whole.substring(0, whole.length() - 1); // without the "Z"
            second = time.getEpochSecond();
        }
        int nanos = time.getNano();
        if (nanos == 0) {
            return upToSeconds + 'Z';
        }
        char[] fraction = new char[9];
        int digits = 0;
        for (int i = 8, n = nanos; i >= 0; i--, n /= 10) {
            fraction[i] = (char) ('0' + n % 10);
            if (digits == 0 && fraction[i] != '0') {
                digits = i + 1;
            }
        }
        return new StringBuilder(upToSeconds.length() + digits + 2).append(upToSeconds).append('.')
                .append(fraction, 0, digits).append('Z').toString();
    }
}
