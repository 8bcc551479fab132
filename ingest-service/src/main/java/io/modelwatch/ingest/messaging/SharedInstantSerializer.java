package io.modelwatch.ingest.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an {@link Instant} as the application's mapper does (JavaTimeModule's {@link InstantSerializer}, dates not
 * as timestamps, writes {@link Instant#toString()}, the {@link java.time.format.DateTimeFormatter#ISO_INSTANT} text),
 * formatting it only when it differs from the last one: the
 * announcements of one request share their announcedAt, so a batch of 5,000 formats it once instead of 5,000 times.
 * Used only on the batch path's copy of the mapper; {@code EventJsonTest} compares its JSON with the standard one's.
 */
final class SharedInstantSerializer extends StdScalarSerializer<Instant> {

    /** The last instant written and its text (replaced whole, so threads sharing the serializer never mix two). */
    private record Formatted(Instant instant, String text) {
    }

    private volatile Formatted last = new Formatted(Instant.EPOCH, Instant.EPOCH.toString());

    SharedInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            InstantSerializer.INSTANCE.serialize(value, generator, provider);
            return;
        }
        Formatted formatted = last;
        if (!formatted.instant().equals(value)) {
            formatted = new Formatted(value, value.toString());
            last = formatted;
        }
        generator.writeString(formatted.text());
    }
}
