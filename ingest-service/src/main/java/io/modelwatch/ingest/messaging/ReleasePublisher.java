package io.modelwatch.ingest.messaging;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private final KafkaClientService clients;
    private final OpenTelemetry telemetry;
    private final Counter announced;
    private final Counter retracted;

    public ReleasePublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                            MutinyEmitter<Object> emitter, KafkaClientService clients, OpenTelemetry telemetry,
                            MeterRegistry registry) {
        this.emitter = emitter;
        this.clients = clients;
        this.telemetry = telemetry;
        // modelwatch_events_produced_total: records the broker acknowledged (acks=all), by type.
        this.announced = produced(registry, EventTypes.RELEASE_ANNOUNCED);
        this.retracted = produced(registry, EventTypes.RELEASE_RETRACTED);
    }

    private static Counter produced(MeterRegistry registry, String type) {
        return Counter.builder("modelwatch.events.produced").description("Records acknowledged by the broker")
                .tag("topic", Topics.MODEL_RELEASES).tag("type", type).register(registry);
    }

    /**
     * The batch path: the same binary CloudEvent, written by this class straight to the channel's own producer (same
     * configuration: acks=all, idempotence, serializers). Thousands of records at once through the emitter spent more
     * time in per-message plumbing than in Kafka; the producer batches them itself. Completes on the broker's ack.
     */
    public Uni<Void> publishDirect(UUID eventId, ReleaseAnnounced event) {
        Producer<String, Object> producer = clients.<String, Object>getProducer(CHANNEL).unwrap();
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.MODEL_RELEASES, event.slug(), event);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", eventId.toString());
        header(record, "ce_type", EventTypes.RELEASE_ANNOUNCED);
        header(record, "ce_source", EventTypes.INGEST_SOURCE);
        header(record, "ce_subject", event.slug());
        header(record, "ce_time", event.announcedAt().atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, "content-type", "application/json");
        // The request's trace continues on the record (the emitter path does this itself, with a producer span).
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), record,
                (r, name, value) -> header(r, name, value));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) { // send can throw (buffer full after max.block.ms, serialization)
            acked.completeExceptionally(e);
        }
        return Uni.createFrom().completionStage(acked).invoke(() -> announced.increment());
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public Uni<Void> publish(UUID eventId, ReleaseAnnounced event) {
        return send(eventId, EventTypes.RELEASE_ANNOUNCED, event.slug(), event.announcedAt(), event).invoke(() -> announced.increment());
    }

    public Uni<Void> publish(UUID eventId, ReleaseRetracted event) {
        return send(eventId, EventTypes.RELEASE_RETRACTED, event.slug(), event.retractedAt(), event).invoke(() -> retracted.increment());
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
