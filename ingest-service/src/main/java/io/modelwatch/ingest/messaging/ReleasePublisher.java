package io.modelwatch.ingest.messaging;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ReleaseAnnounced;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends announcements to {@code model-releases} as binary-mode CloudEvents keyed by slug. The returned
 * Uni completes only when the broker has acknowledged the record (acks=all, idempotent producer).
 */
@ApplicationScoped
public class ReleasePublisher {

    public static final String CHANNEL = "model-releases";

    private final MutinyEmitter<ReleaseAnnounced> emitter;

    public ReleasePublisher(@Channel(CHANNEL) MutinyEmitter<ReleaseAnnounced> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(String eventId, ReleaseAnnounced event) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withType(EventTypes.RELEASE_ANNOUNCED)
                .withSource(URI.create(EventTypes.INGEST_SOURCE))
                .withSubject(event.slug())
                .withDataContentType("application/json")
                .withTimestamp(event.announcedAt().atZone(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(event.slug()).build();
        return emitter.sendMessage(Message.of(event, Metadata.of(cloudEvent, kafka)));
    }
}
