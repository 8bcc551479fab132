package io.modelwatch.consumer;

import io.modelwatch.problem.TransientFailures;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * A consumer's two retry policies, SmallRye Fault Tolerance guards: {@link #whileTransient()} retries a
 * {@linkplain TransientFailures#isTransient transient} failure (database or broker away) in place, with exponential
 * back-off up to the given maximum, for as long as it lasts; {@link #attempts()} runs an event
 * {@value BatchApplier#ATTEMPTS} times before its failure counts.
 */
public final class ConsumerRetry {

    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private final Guard whileTransient;
    private final Guard attempts;

    /**
     * @param consumer   names the consumer in the guards' descriptions
     * @param maxBackoff the longest wait between two tries of a transient failure
     */
    public ConsumerRetry(String consumer, Duration maxBackoff) {
        this.whileTransient = Guard.create()
                .withDescription(consumer + ": transient failures")
                .withRetry().maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS).delay(50, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .whenException(TransientFailures::isTransient)
                .withExponentialBackoff().factor(2).maxDelay(maxBackoff.toMillis(), ChronoUnit.MILLIS).done()
                .beforeRetry((Throwable e) -> LOG.warnf("%s: transient failure, retrying in place: %s", consumer, BatchApplier.rootMessage(e)))
                .done().build();
        this.attempts = Guard.create()
                .withDescription(consumer + ": attempts of one event")
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
