package io.modelwatch.ingest.messaging;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends announcements and retractions to {@code model-releases} as binary-mode CloudEvents keyed by slug.
 * The returned Uni completes only when the broker has acknowledged the record (acks=all, idempotent producer).
 */
@ApplicationScoped
public class ReleasePublisher {

    public static final String CHANNEL = "model-releases";

    private final MutinyEmitter<Object> emitter;

    // A batch sends up to a few thousand records at once; the buffer lets several batches wait for the sink.
    public ReleasePublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 32768)
                            MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(UUID eventId, ReleaseAnnounced event) {
        return send(eventId, EventTypes.RELEASE_ANNOUNCED, event.slug(), event.announcedAt(), event);
    }

    public Uni<Void> publish(UUID eventId, ReleaseRetracted event) {
        return send(eventId, EventTypes.RELEASE_RETRACTED, event.slug(), event.retractedAt(), event);
    }

    private Uni<Void> send(UUID eventId, String type, String slug, Instant time, Object data) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId.toString())
                .withType(type)
                .withSource(URI.create(EventTypes.INGEST_SOURCE))
                .withSubject(slug)
                .withDataContentType("application/json")
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(slug).build();
        return emitter.sendMessage(Message.of(data, Metadata.of(cloudEvent, kafka)));
    }
}
