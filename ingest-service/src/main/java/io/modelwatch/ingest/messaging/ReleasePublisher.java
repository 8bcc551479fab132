package io.modelwatch.ingest.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
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
    private static final Logger LOG = Logger.getLogger(ReleasePublisher.class);

    private static final URI SOURCE = URI.create(EventTypes.INGEST_SOURCE);
    private static final String JSON = "application/json";

    private final MutinyEmitter<Object> emitter;
    private final com.fasterxml.jackson.databind.ObjectWriter announcedWriter;
    private final KafkaClientService clients;
    private final OpenTelemetry telemetry;
    private final Counter announced;
    private final Counter retracted;

    public ReleasePublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                            MutinyEmitter<Object> emitter, KafkaClientService clients, OpenTelemetry telemetry,
                            MeterRegistry registry, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.emitter = emitter;
        this.announcedWriter = announcedWriter(json);
        this.clients = clients;
        this.telemetry = telemetry;
        // modelwatch_events_produced_total: records the broker acknowledged (acks=all), by type.
        this.announced = produced(registry, EventTypes.RELEASE_ANNOUNCED);
        this.retracted = produced(registry, EventTypes.RELEASE_RETRACTED);
    }

    /**
     * The writer of the batch path: a copy of the application's mapper (same configuration, so the same JSON) with
     * Blackbird's generated accessors instead of reflective getter calls, and {@link SharedInstantSerializer} for
     * {@code announcedAt} (formatted once per request, not once per event).
     */
    static com.fasterxml.jackson.databind.ObjectWriter announcedWriter(com.fasterxml.jackson.databind.ObjectMapper json) {
        return json.copy().registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
                .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("modelwatch-shared-instant")
                        .addSerializer(Instant.class, new SharedInstantSerializer()))
                .writerFor(ReleaseAnnounced.class);
    }

    private static Counter produced(MeterRegistry registry, String type) {
        return Counter.builder("modelwatch.events.produced").description("Records acknowledged by the broker")
                .tag("topic", Topics.MODEL_RELEASES).tag("type", type).register(registry);
    }

    /** Told, on the producer's I/O thread, what became of each record of {@link #publishAll}: keep it short. */
    @FunctionalInterface
    public interface Acknowledgements {
        /** {@code failure} is null when the broker acknowledged record {@code index}. */
        void acknowledged(int index, Throwable failure);
    }

    /**
     * The context of the trace this thread is in (the request's, with tracing on) as record headers, none without a
     * trace: taken on the request's thread, and given to {@link #publishAll} with its records.
     */
    public List<Header> traceHeaders() {
        Map<String, String> trace = new java.util.HashMap<>();
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), trace, (carrier, name, value) -> carrier.put(name, value));
        return trace.entrySet().stream()
                .<Header>map(e -> new RecordHeader(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /**
     * How announcements are sent (a batch's lines, a group of single announcements, an import): every record is handed
     * to the channel's own producer (same configuration: acks=all, idempotence, serializers) before any acknowledgement
     * is awaited, so the producer fills its batches; each acknowledgement only calls {@code acks}, without the emitter's
     * per-message plumbing on the producer's I/O thread.
     *
     * <p>When the producer refuses a record at hand-off (no metadata or no buffer space within max.block.ms), the
     * records after it are not tried: without a broker each would block as long. They are all reported failed.
     *
     * <p>Each record is a binary-mode CloudEvent written by the CloudEvents SDK (the emitter path writes the same headers
     * from its metadata), and carries the trace context of the request it came from ({@code traces}, from
     * {@link #traceHeaders()} on that request's thread).
     *
     * @param values each event's JSON, as an {@link #eventJson()} of this publisher wrote it (the caller writes each
     *               event as soon as it has it, while its objects are still in the processor's caches)
     * @param traces the trace headers of record {@code i}
     */
    public void publishAll(List<UUID> eventIds, List<ReleaseAnnounced> events, List<byte[]> values,
                           IntFunction<List<Header>> traces, Acknowledgements acks) {
        Producer<String, Object> producer = clients.<String, Object>getProducer(CHANNEL).unwrap();
        // The lines of a request share their announcedAt: its time is converted once
        Instant timeOf = null;
        OffsetDateTime time = null;
        for (int i = 0; i < events.size(); i++) {
            ReleaseAnnounced event = events.get(i);
            int index = i;
            Throwable refused;
            try {
                if (!event.announcedAt().equals(timeOf)) {
                    timeOf = event.announcedAt();
                    time = timeOf.atOffset(ZoneOffset.UTC);
                }
                // The value is handed over as bytes (EventSerializer passes them through): the same JSON the channel's
                // serializer writes for the object.
                CloudEvent cloudEvent = CloudEventBuilder.v1()
                        .withId(eventIds.get(i).toString())
                        .withType(EventTypes.RELEASE_ANNOUNCED)
                        .withSource(SOURCE)
                        .withSubject(event.slug())
                        .withTime(time)
                        .withDataContentType(JSON)
                        .withData(values.get(i))
                        .build();
                ProducerRecord<String, byte[]> binary = KafkaMessageFactory.createWriter(Topics.MODEL_RELEASES, event.slug())
                        .writeBinary(cloudEvent);
                ProducerRecord<String, Object> record = new ProducerRecord<>(binary.topic(), null, null, binary.key(),
                        binary.value(), binary.headers());
                for (Header h : traces.apply(i)) {
                    record.headers().add(h);
                }
                Future<RecordMetadata> sending = producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        announced.increment();
                    }
                    acks.acknowledged(index, failure);
                });
                // A refusal at hand-off (no metadata or no buffer space within max.block.ms) comes as a completed,
                // failed future, the callback already told.
                refused = sending.isDone() ? failureOf(sending) : null;
                if (refused != null) {
                    i++;
                }
            } catch (RuntimeException e) {
                refused = e; // interruption: the callback is not told
            }
            if (refused != null) {
                if (i < events.size()) {
                    LOG.warnf("The producer refused a record (%s); the %d records after it in this batch are not tried",
                            refused, events.size() - i);
                }
                for (int j = i; j < events.size(); j++) {
                    acks.acknowledged(j, refused);
                }
                return;
            }
        }
    }

    /** A writer of announcements as {@link #publishAll} sends them, for one request (one thread); close it after. */
    public EventJson eventJson() {
        return new EventJson(announcedWriter);
    }

    /**
     * The events of one batch as JSON: one generator for the whole batch writing into one reused buffer, each event
     * copied out once ({@code writeValueAsBytes} builds a generator, its context and a byte builder per event and copies
     * twice). No separator between the root values, so each event's bytes are exactly what {@code writeValueAsBytes}
     * writes. After a failure the generator's state is unknown: the batch is given up.
     */
    public static final class EventJson implements AutoCloseable {

        private final com.fasterxml.jackson.databind.ObjectWriter writer;
        private final Buffer buffer = new Buffer();
        private com.fasterxml.jackson.core.JsonGenerator generator;

        EventJson(com.fasterxml.jackson.databind.ObjectWriter writer) {
            this.writer = writer.withAttribute(SharedInstantSerializer.LAST, new SharedInstantSerializer.Last());
        }

        public byte[] write(ReleaseAnnounced event) throws java.io.IOException {
            if (generator == null) {
                generator = writer.createGenerator(buffer);
                generator.setRootValueSeparator(null);
            }
            writer.writeValue(generator, event);
            generator.flush();
            return buffer.take();
        }

        /** Gives the recycled buffers back (nothing is left to write: each event was flushed). */
        @Override
        public void close() {
            if (generator != null) {
                try {
                    generator.close();
                } catch (java.io.IOException e) {
                    // an event failed half-written; its bytes are discarded with the buffer
                }
            }
        }

        private static final class Buffer extends java.io.ByteArrayOutputStream {
            Buffer() {
                super(2048);
            }

            byte[] take() {
                byte[] bytes = java.util.Arrays.copyOf(buf, count);
                count = 0;
                return bytes;
            }
        }
    }

    private static Throwable failureOf(Future<?> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
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
                .withSource(SOURCE)
                .withSubject(slug)
                .withDataContentType(JSON)
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(slug).build();
        return emitter.sendMessage(Message.of(data, Metadata.of(cloudEvent, kafka)));
    }
}
