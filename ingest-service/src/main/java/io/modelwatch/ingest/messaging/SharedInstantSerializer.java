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
 * formatting it only when it differs from the last one of the same writer: the announcements of one request share
 * their announcedAt, so a batch formats it once. The last one is kept per request, in the
 * {@link ReleasePublisher.EventJson}'s writer attribute {@link #LAST}, not in the serializer, which the requests in
 * flight share. Used only on the batch path's copy of the mapper; {@code EventJsonTest} compares its JSON with the
 * standard one's.
 */
final class SharedInstantSerializer extends StdScalarSerializer<Instant> {

    /** The writer attribute holding a {@link Last}; without it each instant is formatted. */
    static final Object LAST = Last.class;

    /** The last instant written by one writer and its text. */
    static final class Last {
        private Instant instant = Instant.EPOCH;
        private String text = Instant.EPOCH.toString();
    }

    SharedInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            InstantSerializer.INSTANCE.serialize(value, generator, provider);
            return;
        }
        if (!(provider.getAttribute(LAST) instanceof Last last)) {
            generator.writeString(value.toString());
            return;
        }
        if (!last.instant.equals(value)) {
            last.text = value.toString();
            last.instant = value;
        }
        generator.writeString(last.text);
    }
}
