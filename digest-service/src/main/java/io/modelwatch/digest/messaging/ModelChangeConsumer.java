package io.modelwatch.digest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.telemetry.DigestMetrics;
import io.modelwatch.problem.TransientFailures;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the digest's read model in step with catalog.model-changes; offsets are committed after the database commit.
 * A failure that passes ({@link TransientFailures}: the database restarting, a dropped connection) is retried in
 * place, with exponential back-off, for as long as it lasts: the consumer does not move past the record, so nothing
 * is skipped or reordered. Only a record that can never be applied (no key, unknown type, unreadable data, or a
 * failure that repeats {@value #ATTEMPTS} times) goes to catalog.model-changes.dlq (the channel's failure strategy).
 */
@ApplicationScoped
@Readiness
public class ModelChangeConsumer implements HealthCheck {

    public static final String CHANNEL = "model-changes";
    static final int ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(ModelChangeConsumer.class);

    private final ReadModelProjector projector;
    private final ObjectMapper json;
    private final DigestMetrics metrics;
    private final Guard whileTransient;
    private final Guard retry;
    private final long stalledAfterNanos;
    private volatile long recordStartedAt; // 0 when no record is in progress

    public ModelChangeConsumer(ReadModelProjector projector, ObjectMapper json, DigestMetrics metrics,
                               @ConfigProperty(name = "modelwatch.digest.retry.max-backoff", defaultValue = "5000") long maxBackoffMillis,
                               @ConfigProperty(name = "modelwatch.digest.consumer.stalled-after", defaultValue = "30s") Duration stalledAfter) {
        this.stalledAfterNanos = stalledAfter.toNanos();
        this.projector = projector;
        this.json = json;
        this.metrics = metrics;
        Guard whileTransient = Guard.create()
                .withDescription("digest consumer: transient failures")
                .withRetry().maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS).delay(50, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .whenException(TransientFailures::isTransient)
                .withExponentialBackoff().factor(2).maxDelay(maxBackoffMillis, ChronoUnit.MILLIS).done()
                .beforeRetry((Throwable e) -> LOG.warnf("Transient failure, retrying the change in place: %s", e))
                .done().build();
        this.retry = Guard.create()
                .withDescription("digest consumer: attempts of one change")
                .withRetry().maxRetries(ATTEMPTS - 1).maxDuration(0, ChronoUnit.MILLIS)
                .delay(100, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> true)
                .done().build();
        this.whileTransient = whileTransient;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws IOException {
        recordStartedAt = System.nanoTime();
        try {
            ModelChanged snapshot = parse(record);
            String eventId = header(record, "ce_id");
            retry.get(() -> whileTransient.get(() -> {
                projector.apply(eventId, record.key(), snapshot);
                return null;
            }, Void.class), Void.class);
        } catch (IOException | RuntimeException e) {
            metrics.deadLettered();
            throw e;
        } finally {
            recordStartedAt = 0;
        }
        metrics.processed();
    }

    /**
     * Readiness of the consumer itself (the connector's check says the client is connected, not that records move):
     * not ready while one change has been retried longer than {@code modelwatch.digest.consumer.stalled-after}.
     */
    @Override
    public HealthCheckResponse call() {
        long started = recordStartedAt;
        long heldFor = started == 0 ? 0 : System.nanoTime() - started;
        return HealthCheckResponse.named("digest consumer progress").status(heldFor <= stalledAfterNanos)
                .withData("change in progress for ms", heldFor / 1_000_000).build();
    }

    private ModelChanged parse(ConsumerRecord<String, String> record) throws IOException {
        if (record.key() == null) {
            throw new IllegalArgumentException("a model change without a key (slug) cannot be applied");
        }
        String type = header(record, "ce_type");
        if (record.value() != null && type != null && !EventTypes.MODEL_CHANGED.equals(type)) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return record.value() == null ? null : json.readValue(record.value(), ModelChanged.class);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
