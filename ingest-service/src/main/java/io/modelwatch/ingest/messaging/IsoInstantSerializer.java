package io.modelwatch.ingest.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link Instant} as the application's mapper does (JavaTimeModule's {@link InstantSerializer} with
 * dates not as timestamps: {@link DateTimeFormatter#ISO_INSTANT}, e.g. {@code 2026-11-29T21:53:18.123456Z}) without
 * going through a DateTimeFormatter for every value: the date and time digits are computed here, and the fraction is
 * written by ISO_INSTANT's rule (none for a whole second, else 3, 6 or 9 digits, whichever shows every non-zero digit).
 * Years outside 0000–9999 (which ISO_INSTANT writes with a sign or more digits) and a mapper that writes dates as
 * timestamps go to the standard serializer. Used only on the batch path's copy of the mapper, for ReleaseAnnounced's
 * {@code announcedAt}; the JSON stays Jackson's mapping of the event ({@code EventJsonTest} compares both).
 */
final class IsoInstantSerializer extends StdScalarSerializer<Instant> {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in epoch seconds. */
    private static final long MIN = -62_167_219_200L;
    private static final long MAX = 253_402_300_799L;

    IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        long seconds = value.getEpochSecond();
        if (seconds < MIN || seconds > MAX || provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            InstantSerializer.INSTANCE.serialize(value, generator, provider);
            return;
        }
        char[] text = new char[30];
        int length = write(seconds, value.getNano(), text);
        generator.writeString(text, 0, length);
    }

    /** The ISO_INSTANT text of a time in 0000–9999 into {@code text} (30 chars), returning its length. */
    static int write(long epochSecond, int nanos, char[] text) {
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        int i = digits(text, 0, date.getYear(), 4);
        text[i++] = '-';
        i = digits(text, i, date.getMonthValue(), 2);
        text[i++] = '-';
        i = digits(text, i, date.getDayOfMonth(), 2);
        text[i++] = 'T';
        i = digits(text, i, secondOfDay / 3_600, 2);
        text[i++] = ':';
        i = digits(text, i, secondOfDay / 60 % 60, 2);
        text[i++] = ':';
        i = digits(text, i, secondOfDay % 60, 2);
        if (nanos > 0) {
            text[i++] = '.';
            if (nanos % 1_000_000 == 0) {
                i = digits(text, i, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                i = digits(text, i, nanos / 1_000, 6);
            } else {
                i = digits(text, i, nanos, 9);
            }
        }
        text[i++] = 'Z';
        return i;
    }

    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
