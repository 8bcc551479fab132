package io.modelwatch.digest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.consumer.BatchApplier;
import io.modelwatch.consumer.ConsumerRetry;
import io.modelwatch.consumer.DeadLetterTopic;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.service.ReadModelProjector.Change;
import io.modelwatch.digest.telemetry.DigestMetrics;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the digest's read model in step with catalog.model-changes, a poll at a time: one poll is one database
 * transaction ({@link ReadModelProjector#apply(List)}), and its offsets are committed after the database commit. The
 * failure rules are the catalog consumer's ({@link BatchApplier}): a failure that passes (the database restarting, a
 * dropped connection) retries the poll in place, with back-off, for as long as it lasts, so nothing is skipped or
 * reordered; any other failure applies the poll's changes one by one, and only a change that fails
 * {@value BatchApplier#ATTEMPTS} times, or a record that can never be read (no key, unknown type, unreadable data),
 * goes to catalog.model-changes.dlq with the reason.
 */
@ApplicationScoped
@Readiness
public class ModelChangeConsumer implements HealthCheck {

    public static final String CHANNEL = "model-changes";
    public static final String DEAD_LETTER_CHANNEL = "model-changes-dlq";

    private final ReadModelProjector projector;
    private final ObjectMapper json;
    private final DigestMetrics metrics;
    private final DeadLetterTopic deadLetters;
    private final ConsumerRetry retry;
    private final long stalledAfterNanos;
    private volatile long pollStartedAt; // 0 when no poll is in progress

    public ModelChangeConsumer(ReadModelProjector projector, ObjectMapper json, DigestMetrics metrics,
                               @Channel(DEAD_LETTER_CHANNEL) MutinyEmitter<String> deadLetters,
                               @ConfigProperty(name = "modelwatch.digest.retry.max-backoff", defaultValue = "5000") long maxBackoffMillis,
                               @ConfigProperty(name = "modelwatch.digest.consumer.stalled-after", defaultValue = "30s") Duration stalledAfter) {
        this.stalledAfterNanos = stalledAfter.toNanos();
        this.projector = projector;
        this.json = json;
        this.metrics = metrics;
        this.deadLetters = new DeadLetterTopic(deadLetters, metrics::deadLettered);
        this.retry = new ConsumerRetry("digest consumer", Duration.ofMillis(maxBackoffMillis));
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pollStartedAt = System.nanoTime();
        try {
            List<Change> changes = new ArrayList<>(records.count());
            Map<Change, ConsumerRecord<String, String>> origin = new IdentityHashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    Change change = parse(record);
                    changes.add(change);
                    origin.put(change, record);
                } catch (IOException | IllegalArgumentException e) {
                    retry.whileTransient().run(() -> deadLetters.send(record, e.getMessage()));
                }
            }
            AtomicInteger failed = new AtomicInteger();
            new BatchApplier<Change>(
                    batch -> QuarkusTransaction.requiringNew().run(() -> projector.apply(batch)),
                    (change, reason) -> {
                        failed.incrementAndGet();
                        retry.whileTransient().run(() -> deadLetters.send(origin.get(change), reason));
                    },
                    change -> change.slug() + " (event " + change.eventId() + ")",
                    retry.whileTransient(), retry.attempts())
                    .applyAll(changes);
            metrics.processed(changes.size() - failed.get());
        } finally {
            pollStartedAt = 0;
        }
    }

    /**
     * Readiness of the consumer itself (the connector's check says the client is connected, not that records move):
     * not ready while one poll has been retried longer than {@code modelwatch.digest.consumer.stalled-after}.
     */
    @Override
    public HealthCheckResponse call() {
        long started = pollStartedAt;
        long heldFor = started == 0 ? 0 : System.nanoTime() - started;
        return HealthCheckResponse.named("digest consumer progress").status(heldFor <= stalledAfterNanos)
                .withData("change in progress for ms", heldFor / 1_000_000).build();
    }

    private Change parse(ConsumerRecord<String, String> record) throws IOException {
        if (record.key() == null) {
            throw new IllegalArgumentException("a model change without a key (slug) cannot be applied");
        }
        String type = header(record, "ce_type");
        if (record.value() != null && type != null && !EventTypes.MODEL_CHANGED.equals(type)) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        ModelChanged snapshot = record.value() == null ? null : json.readValue(record.value(), ModelChanged.class);
        return new Change(header(record, "ce_id"), record.key(), snapshot);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
