package io.modelwatch.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the consumer itself (the connector's own check says the client is connected, not that records move):
 * not ready while one batch has been held up longer than {@code modelwatch.catalog.consumer.stalled-after} (the
 * database away, its records retried in place), ready again as soon as the batch goes through. Injected with its
 * qualifier, {@code @Readiness}.
 */
@Readiness
@ApplicationScoped
public class ConsumerProgress implements HealthCheck {

    private final long stalledAfterNanos;
    private volatile long batchStartedAt; // 0 when no batch is in progress
    private volatile long lastBatchEndedAt;

    public ConsumerProgress(@ConfigProperty(name = "modelwatch.catalog.consumer.stalled-after", defaultValue = "30s") Duration stalledAfter) {
        this.stalledAfterNanos = stalledAfter.toNanos();
    }

    void started() {
        batchStartedAt = System.nanoTime();
    }

    void ended() {
        lastBatchEndedAt = System.nanoTime();
        batchStartedAt = 0;
    }

    @Override
    public HealthCheckResponse call() {
        long started = batchStartedAt;
        long heldFor = started == 0 ? 0 : System.nanoTime() - started;
        return HealthCheckResponse.named("catalog consumer progress")
                .status(heldFor <= stalledAfterNanos)
                .withData("batch in progress for ms", heldFor / 1_000_000)
                .withData("last batch ms ago", lastBatchEndedAt == 0 ? -1 : (System.nanoTime() - lastBatchEndedAt) / 1_000_000)
                .build();
    }
}
