package io.modelwatch.catalog.messaging;

import io.modelwatch.catalog.domain.ReleaseEvent;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Applies a batch with the failure rules of the consumer, kept apart from Kafka and the database so they can
 * be tested on their own:
 * <ul>
 * <li>a transient database failure (lost connection, serialization failure, deadlock, shutdown, no connection
 * from the pool) retries the same batch, with back-off, until it goes through: nothing is skipped or reordered;</li>
 * <li>any other failure means some event in the batch cannot be applied: the events are then applied one per
 * transaction, in order, and the one that fails for good goes to the dead-letter topic with the reason.</li>
 * </ul>
 */
public class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Consumer<List<ReleaseEvent>> apply;
    private final BiConsumer<ReleaseEvent, String> deadLetter;
    private final Sleeper sleeper;
    private final long maxBackoffMillis;

    public BatchApplier(Consumer<List<ReleaseEvent>> apply, BiConsumer<ReleaseEvent, String> deadLetter, Sleeper sleeper,
                        long maxBackoffMillis) {
        this.apply = apply;
        this.deadLetter = deadLetter;
        this.sleeper = sleeper;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    public void applyAll(List<ReleaseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            applyRetrying(events);
        } catch (RuntimeException batchFailure) {
            LOG.warnf("A batch of %d events failed (%s); applying them one by one", events.size(), batchFailure.getMessage());
            for (ReleaseEvent event : events) {
                applyOrDeadLetter(event);
            }
        }
    }

    /**
     * An event is dead-lettered only when it fails {@link #ATTEMPTS} times in a row: a failure that is not
     * recognisably transient may still come from the connection (a pooled connection the server closed), and it
     * must not cost an event.
     */
    private void applyOrDeadLetter(ReleaseEvent event) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                applyRetrying(List.of(event));
                return;
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("Event %s failed (attempt %d of %d): %s", event.id(), attempt, ATTEMPTS, rootMessage(e));
                pause(100L * attempt, e);
            }
        }
        deadLetter.accept(event, "could not be applied: " + rootMessage(last));
    }

    static final int ATTEMPTS = 3;

    private void pause(long millis, RuntimeException cause) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", cause);
        }
    }

    /** Retries transient failures for as long as they last; throws the first permanent one. */
    private void applyRetrying(List<ReleaseEvent> events) {
        long backoff = 50;
        int attempt = 0;
        while (true) {
            try {
                apply.accept(events);
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                attempt++;
                LOG.warnf("Transient database failure (attempt %d), retrying the same %d events in %d ms: %s",
                        attempt, events.size(), backoff, rootMessage(e));
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting to retry", e);
                }
                backoff = Math.min(backoff * 2, maxBackoffMillis);
            }
        }
    }

    /** Connection problems (08), serialization failures and deadlocks (40), resources (53), shutdown (57P). */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t.getClass().getName().contains("AcquisitionTimeout") || (t.getMessage() != null
                    && t.getMessage().contains("Acquisition timeout"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
