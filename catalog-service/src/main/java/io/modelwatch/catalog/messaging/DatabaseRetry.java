package io.modelwatch.catalog.messaging;

import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The consumer's two retry policies, SmallRye Fault Tolerance guards: {@link #whileTransient()} retries a
 * {@linkplain BatchApplier#isTransient transient} failure (database or broker away) in place, with exponential
 * back-off up to {@code modelwatch.catalog.retry.max-backoff} ms, for as long as it lasts; {@link #attempts()} runs
 * an event {@value BatchApplier#ATTEMPTS} times before its failure counts.
 */
@ApplicationScoped
public class DatabaseRetry {

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);

    private final Guard whileTransient;
    private final Guard attempts;

    public DatabaseRetry(@ConfigProperty(name = "modelwatch.catalog.retry.max-backoff", defaultValue = "5000") long maxBackoffMillis) {
        this.whileTransient = Guard.create()
                .withDescription("catalog consumer: transient failures")
                .withRetry().maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS).delay(50, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .whenException(BatchApplier::isTransient)
                .withExponentialBackoff().factor(2).maxDelay(maxBackoffMillis, ChronoUnit.MILLIS).done()
                .beforeRetry((Throwable e) -> LOG.warnf("Transient failure, retrying in place: %s", BatchApplier.rootMessage(e)))
                .done().build();
        this.attempts = Guard.create()
                .withDescription("catalog consumer: attempts of one event")
                .withRetry().maxRetries(BatchApplier.ATTEMPTS - 1).maxDuration(0, ChronoUnit.MILLIS)
                .delay(100, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> true)
                .done().build();
    }

    public BatchApplier.Retrying whileTransient() {
        return action -> run(whileTransient, action);
    }

    public BatchApplier.Retrying attempts() {
        return action -> run(attempts, action);
    }

    private static void run(Guard guard, Runnable action) {
        guard.get(() -> {
            action.run();
            return null;
        }, Void.class);
    }
}
