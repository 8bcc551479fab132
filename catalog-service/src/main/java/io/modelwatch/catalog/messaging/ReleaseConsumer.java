package io.modelwatch.catalog.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.catalog.service.CatalogService;
import io.modelwatch.catalog.domain.ReleaseEvent;
import io.modelwatch.catalog.telemetry.EventTraces;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.validation.ContractValidator;
import io.modelwatch.contract.validation.Violation;
import io.modelwatch.consumer.BatchApplier;
import io.modelwatch.consumer.ConsumerRetry;
import io.modelwatch.consumer.DeadLetterTopic;
import io.modelwatch.catalog.telemetry.CatalogMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads model-releases in batches (one poll = one database transaction, per-event idempotence kept by the
 * processed_event rows). The batch is acknowledged, and its offsets committed, only after the database commit.
 * A record that can never be processed (not a CloudEvent, unknown type, data that is not a valid event) goes to
 * model-releases.dlq with the reason, and the records after it are applied; see {@link BatchApplier} for
 * database failures.
 */
@ApplicationScoped
public class ReleaseConsumer {

    public static final String CHANNEL = "model-releases";
    public static final String DEAD_LETTER_CHANNEL = "model-releases-dlq";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ReleaseConsumer.class);

    private final CatalogService catalog;
    private final ObjectMapper json;
    private final DeadLetterTopic deadLetters;
    private final EventTraces traces;
    private final ConsumerRetry retry;
    private final ConsumerProgress progress;
    private final OutboxRelay relay;

    /** @param maxBackoffMillis the longest wait between two tries while the database is away */
    public ReleaseConsumer(CatalogService catalog, ObjectMapper json, CatalogMetrics metrics, EventTraces traces,
                           @Channel(DEAD_LETTER_CHANNEL) MutinyEmitter<String> deadLetters,
                           @ConfigProperty(name = "modelwatch.catalog.retry.max-backoff", defaultValue = "5000") long maxBackoffMillis,
                           @Readiness ConsumerProgress progress, OutboxRelay relay) {
        this.progress = progress;
        this.relay = relay;
        this.catalog = catalog;
        this.json = json;
        this.deadLetters = new DeadLetterTopic(deadLetters, metrics::deadLettered);
        this.traces = traces;
        this.retry = new ConsumerRetry("catalog consumer", Duration.ofMillis(maxBackoffMillis));
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        progress.started();
        try {
            consumeBatch(records);
        } finally {
            progress.ended();
        }
    }

    private void consumeBatch(ConsumerRecords<String, String> records) {
        List<ReleaseEvent> events = new ArrayList<>(records.count());
        Map<ReleaseEvent, ConsumerRecord<String, String>> origin = new IdentityHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                ReleaseEvent event = parse(record);
                events.add(event);
                origin.put(event, record);
                traces.started(event.id(), record.topic(), record.headers());
            } catch (UnprocessableEventException e) {
                retry.whileTransient().run(() -> deadLetters.send(record, e.getMessage()));
            }
        }
        long start = System.nanoTime();
        try {
            new BatchApplier<ReleaseEvent>(
                    batch -> QuarkusTransaction.requiringNew().run(() -> catalog.apply(batch)),
                    (event, reason) -> retry.whileTransient().run(() -> deadLetters.send(origin.get(event), reason)),
                    ReleaseEvent::id, retry.whileTransient(), retry.attempts())
                    .applyAll(events);
            relay.wake(); // the batch's changes are committed: publish them now rather than at the relay's next tick
        } finally {
            traces.ended(events.stream().map(ReleaseEvent::id).toList());
        }
        LOG.debugf("Applied %d events (%d records) in %d ms", events.size(), records.count(), (System.nanoTime() - start) / 1_000_000);
    }

    ReleaseEvent parse(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new UnprocessableEventException("not a CloudEvent: ce_id or ce_type header missing");
        }
        if (record.value() == null) {
            throw new UnprocessableEventException("event " + id + " has no data");
        }
        return switch (type) {
            case EventTypes.RELEASE_ANNOUNCED -> new ReleaseEvent.Announced(id, type, checked(read(record, ReleaseAnnounced.class), ReleaseAnnounced.class));
            case EventTypes.RELEASE_RETRACTED -> new ReleaseEvent.Retracted(id, type, checked(read(record, ReleaseRetracted.class), ReleaseRetracted.class));
            default -> throw new UnprocessableEventException("unknown event type " + type);
        };
    }

    /**
     * The validation contract ingest refuses with: what it accepted, this stores; anything else is dead-lettered. The
     * contract's rules of acceptance (the window of publication dates, 1900 to a year after the day of the announcement)
     * are not checked: the catalog stores any date, so an event is not dead-lettered for it.
     */
    private static <T> T checked(T event, Class<T> type) {
        if (event == null) {
            throw new UnprocessableEventException("data is not a valid " + type.getSimpleName() + ": it is null");
        }
        List<Violation> violations = ContractValidator.storageViolations(event);
        if (!violations.isEmpty()) {
            throw new UnprocessableEventException("data is not a valid " + type.getSimpleName() + ": " + violations.stream()
                    .map(v -> v.field() + " " + v.message()).collect(java.util.stream.Collectors.joining("; ")));
        }
        if (event instanceof ReleaseAnnounced a) {
            try {
                Slugs.of(a.name());
            } catch (IllegalArgumentException e) {
                throw new UnprocessableEventException("data is not a valid ReleaseAnnounced: " + e.getMessage());
            }
        }
        return event;
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return json.readValue(record.value(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnprocessableEventException("data is not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
