package io.modelwatch.catalog.messaging;

import io.modelwatch.catalog.domain.ReleaseEvent;
import io.modelwatch.problem.TransientFailures;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Applies a batch with the failure rules of the consumer, kept apart from Kafka and the database so they can
 * be tested on their own:
 * <ul>
 * <li>a transient failure ({@link #isTransient}) retries the same batch, in place and with back-off, until it
 * goes through: nothing is skipped or reordered, and the consumer does not move past the batch;</li>
 * <li>any other failure means some event in the batch cannot be applied: the events are then applied one per
 * transaction, in order, and the one that fails {@link #ATTEMPTS} times in a row goes to the dead-letter topic
 * with the reason.</li>
 * </ul>
 * The retrying itself is SmallRye Fault Tolerance's ({@link DatabaseRetry}); the tests pass plain loops.
 */
public class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    /** Runs an action under a retry policy, rethrowing the failure that ends it. */
    public interface Retrying {
        void run(Runnable action);
    }

    private final Consumer<List<ReleaseEvent>> apply;
    private final BiConsumer<ReleaseEvent, String> deadLetter;
    private final Retrying whileTransient;
    private final Retrying attempts;

    /**
     * @param whileTransient retries transient failures for as long as they last
     * @param attempts       runs an event up to {@link #ATTEMPTS} times, whatever the failure
     */
    public BatchApplier(Consumer<List<ReleaseEvent>> apply, BiConsumer<ReleaseEvent, String> deadLetter,
                        Retrying whileTransient, Retrying attempts) {
        this.apply = apply;
        this.deadLetter = deadLetter;
        this.whileTransient = whileTransient;
        this.attempts = attempts;
    }

    public void applyAll(List<ReleaseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            whileTransient.run(() -> apply.accept(events));
        } catch (RuntimeException batchFailure) {
            LOG.warnf("A batch of %d events failed (%s); applying them one by one", events.size(), rootMessage(batchFailure));
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
        try {
            attempts.run(() -> whileTransient.run(() -> apply.accept(List.of(event))));
        } catch (RuntimeException e) {
            LOG.warnf("Event %s failed %d times, dead-lettering it: %s", event.id(), ATTEMPTS, rootMessage(e));
            deadLetter.accept(event, "could not be applied: " + rootMessage(e));
        }
    }

    static final int ATTEMPTS = 3;

    /** See {@link TransientFailures#isTransient}. */
    public static boolean isTransient(Throwable failure) {
        return TransientFailures.isTransient(failure);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
