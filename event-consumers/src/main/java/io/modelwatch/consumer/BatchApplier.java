package io.modelwatch.consumer;

import io.modelwatch.problem.TransientFailures;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Applies a consumer's batch (one poll, one database transaction) with the failure rules of both consumers, kept apart
 * from Kafka and the database so they can be tested on their own:
 * <ul>
 * <li>a transient failure ({@link TransientFailures#isTransient}) retries the same batch, in place and with back-off,
 * until it goes through: nothing is skipped or reordered, and the consumer does not move past the batch;</li>
 * <li>any other failure means some event in the batch cannot be applied: the events are then applied one per
 * transaction, in order, and the one that fails {@link #ATTEMPTS} times in a row goes to the dead-letter topic
 * with the reason.</li>
 * </ul>
 * The retrying itself is SmallRye Fault Tolerance's ({@link ConsumerRetry}); the tests pass plain loops.
 *
 * @param <E> an event of the batch
 */
public class BatchApplier<E> {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    /** How often one event is tried on its own before it is dead-lettered. */
    public static final int ATTEMPTS = 3;

    /** Runs an action under a retry policy, rethrowing the failure that ends it. */
    public interface Retrying {
        void run(Runnable action);
    }

    private final Consumer<List<E>> apply;
    private final BiConsumer<E, String> deadLetter;
    private final Function<E, String> name;
    private final Retrying whileTransient;
    private final Retrying attempts;

    /**
     * @param apply          applies events in one transaction
     * @param deadLetter     sends an event that cannot be applied to the dead-letter topic, with the reason
     * @param name           names an event in the log
     * @param whileTransient retries transient failures for as long as they last
     * @param attempts       runs an event up to {@link #ATTEMPTS} times, whatever the failure
     */
    public BatchApplier(Consumer<List<E>> apply, BiConsumer<E, String> deadLetter, Function<E, String> name,
                        Retrying whileTransient, Retrying attempts) {
        this.apply = apply;
        this.deadLetter = deadLetter;
        this.name = name;
        this.whileTransient = whileTransient;
        this.attempts = attempts;
    }

    public void applyAll(List<E> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            whileTransient.run(() -> apply.accept(events));
        } catch (RuntimeException batchFailure) {
            LOG.warnf("A batch of %d events failed (%s); applying them one by one", events.size(), rootMessage(batchFailure));
            for (E event : events) {
                applyOrDeadLetter(event);
            }
        }
    }

    /**
     * An event is dead-lettered only when it fails {@link #ATTEMPTS} times in a row: a failure that is not
     * recognisably transient may still come from the connection (a pooled connection the server closed), and it
     * must not cost an event.
     */
    private void applyOrDeadLetter(E event) {
        try {
            attempts.run(() -> whileTransient.run(() -> apply.accept(List.of(event))));
        } catch (RuntimeException e) {
            LOG.warnf("Event %s failed %d times, dead-lettering it: %s", name.apply(event), ATTEMPTS, rootMessage(e));
            deadLetter.accept(event, "could not be applied: " + rootMessage(e));
        }
    }

    /** The innermost cause's message (a database error's own words, not its wrappers'). */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
