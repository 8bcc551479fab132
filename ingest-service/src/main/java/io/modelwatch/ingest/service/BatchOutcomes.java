package io.modelwatch.ingest.service;

import io.modelwatch.ingest.service.AnnouncementLedger.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The outcomes of the lines of one batch: those rejected at once (400) and those sent, whose outcomes arrive as the
 * broker acknowledges them (202) or refuses them (503). A sent line not acknowledged within the publish timeout after
 * the hand-off is reported 503, and a later acknowledgement of it is ignored (a retry with the Idempotency-Key resends it
 * under the same event id). Every line is reported exactly once.
 *
 * <p>{@link #acknowledged} is called by the producer's threads; everything else by the one thread that reads the
 * outcomes: {@link #next()} until null, or {@link #all()}. The acknowledgements travel through a
 * {@link LinkedTransferQueue}, which takes no lock per record and wakes the reader only when it is waiting.
 */
public final class BatchOutcomes {

    private static final Logger LOG = Logger.getLogger(BatchOutcomes.class);

    /** What the broker said of record {@code index}: acknowledged when {@code failure} is null. */
    private record Ack(int index, Throwable failure) {
    }

    private final int lines;
    private final List<Outcome> rejected;
    private final List<Recorded> sent;
    private final Duration timeout;
    private final BlockingQueue<Ack> acks = new LinkedTransferQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    // the reader's own state
    private final boolean[] reported;
    private int taken;
    private int pending;
    private int nextRejected;
    private int firstUnreported;
    private long deadline;
    private int accepted;

    BatchOutcomes(int lines, List<Outcome> rejected, List<Recorded> sent, Duration timeout) {
        this.lines = lines;
        this.rejected = rejected;
        this.sent = sent;
        this.timeout = timeout;
        this.reported = new boolean[sent.size()];
        this.pending = sent.size();
    }

    /** On the producer's I/O thread (or the sending thread, for a refusal at hand-off); once per record. */
    void acknowledged(int index, Throwable failure) {
        if (failure != null) {
            failed.incrementAndGet();
        }
        acks.offer(new Ack(index, failure));
    }

    /** Starts the publish timeout: called once every record has been handed to the producer. */
    void handedOver() {
        deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Whether there were lines to send and the broker has refused every one of them already. */
    public boolean noneTaken() {
        return !sent.isEmpty() && failed.get() == sent.size();
    }

    /** Whether {@link #next()} has an outcome at hand (or is done), so it will not wait. */
    public boolean ready() {
        return nextRejected < rejected.size() || pending == 0 || !acks.isEmpty();
    }

    /** Non-blank lines in the request. */
    public int lines() {
        return lines;
    }

    /** Lines the broker acknowledged so far. */
    public int accepted() {
        return accepted;
    }

    /** Lines sent to the broker (valid ones). */
    public int sent() {
        return sent.size();
    }

    /**
     * The next outcome: first the rejected lines, then each sent line as its acknowledgement (or refusal) arrives;
     * null when every line has been reported.
     */
    public Outcome next() throws InterruptedException {
        if (nextRejected < rejected.size()) {
            return rejected.get(nextRejected++);
        }
        while (pending > 0) {
            Ack ack = take();
            if (ack == null) {
                // past the deadline: the first line not yet reported is a 503
                while (reported[firstUnreported]) {
                    firstUnreported++;
                }
                return report(firstUnreported, new io.smallrye.mutiny.TimeoutException());
            }
            if (!reported[ack.index()]) {
                return report(ack.index(), ack.failure());
            }
        }
        return null;
    }

    /** The next acknowledgement, waiting for it until the deadline; null when none came by then. */
    private Ack take() throws InterruptedException {
        if (taken >= sent.size()) {
            return null;
        }
        Ack ack = acks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (ack != null) {
            taken++;
        }
        return ack;
    }

    private Outcome report(int index, Throwable failure) {
        reported[index] = true;
        pending--;
        Recorded r = sent.get(index);
        if (failure == null) {
            accepted++;
            return Outcome.accepted(r.line(), r.eventId(), r.event().slug());
        }
        LOG.debugf(failure, "Announcement %s was not acknowledged by the broker", r.eventId());
        return Outcome.unavailable(r.line(), failure);
    }

    /** Every outcome, in line order (waits for the broker's acknowledgements). */
    public List<Outcome> all() throws InterruptedException {
        List<Outcome> all = new ArrayList<>(rejected.size() + sent.size());
        for (Outcome o = next(); o != null; o = next()) {
            all.add(o);
        }
        all.sort(Comparator.comparingInt(Outcome::line));
        return all;
    }
}
