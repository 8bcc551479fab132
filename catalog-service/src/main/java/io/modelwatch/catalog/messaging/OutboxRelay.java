package io.modelwatch.catalog.messaging;

import io.agroal.api.AgroalDataSource;
import io.modelwatch.catalog.telemetry.EventTraces;
import io.modelwatch.contract.EventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to catalog.model-changes. Rows are locked (SKIP LOCKED) while being sent and deleted
 * only once the broker has acknowledged them, in the same transaction: a crash before that commit sends
 * them again (at-least-once; consumers keep the highest revision, so a repeat changes nothing).
 * Within a batch, records go out in outbox order, which keeps per-slug order on each partition.
 *
 * <p>Several replicas: each batch first takes a transaction-scoped advisory lock, so one replica publishes at
 * a time (the others find it taken and try again on their next tick). SKIP LOCKED alone would let two replicas
 * publish two revisions of one slug concurrently, out of order; with the lock, the outbox is drained strictly
 * in id order, and a replica that dies mid-batch releases the lock with its connection.
 *
 * <p>A row names the revision it publishes (slug, revision); the payload is that revision's snapshot, read from
 * model_revision with the row, exactly as it was written (json). A null snapshot is a tombstone (null value). Plain
 * JDBC: one select and one delete per batch.
 *
 * <p>A row the broker can never take (larger than its record limit, unserialisable) moves to outbox_dead_letter with
 * the reason (a metric, modelwatch_outbox_dead_letters_total, and an error line), and the rows after it go out: one
 * change cannot wedge the stream. Any other failure (the broker away) leaves the batch for the next tick.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "model-changes";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** The oldest rows with their payload, locked; rows another replica holds are skipped, not waited for. */
    private static final String LOCK_OLDEST = "select o.id, o.event_id, o.event_type, o.aggregate_id, o.created_at, o.traceparent, o.tracestate, "
            + "r.snapshot::text from outbox_event o left join model_revision r on r.slug = o.aggregate_id and r.revision = o.revision "
            + "order by o.id limit ? for update of o skip locked";

    /** An outbox row to publish; a null payload is a tombstone. */
    record Pending(long id, UUID eventId, String eventType, String aggregateId, Instant createdAt, String traceparent,
                   String tracestate, String payload) {
    }

    /** Every context propagated as usual (the trace included) except the transaction: see {@link #publishBatch}. */
    static final SmallRyeThreadContext WITHOUT_TRANSACTION = (SmallRyeThreadContext) ThreadContext.builder()
            .propagated(ThreadContext.ALL_REMAINING).cleared(ThreadContext.TRANSACTION).unchanged().build();

    private final AgroalDataSource dataSource;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final EventTraces traces;
    private final int batchSize;
    private final io.micrometer.core.instrument.Counter deadLetters;
    private volatile boolean running = true;
    private final Object draining = new Object();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final long wakeGapNanos;
    private volatile long lastDrainStarted = System.nanoTime();

    public OutboxRelay(AgroalDataSource dataSource,
                       @Channel(CHANNEL) MutinyEmitter<Record<String, String>> emitter, EventTraces traces,
                       @ConfigProperty(name = "modelwatch.catalog.outbox.batch-size", defaultValue = "1000") int batchSize,
                       @ConfigProperty(name = "modelwatch.catalog.outbox.wake-gap", defaultValue = "100ms") java.time.Duration wakeGap,
                       io.micrometer.core.instrument.MeterRegistry registry) {
        this.deadLetters = io.micrometer.core.instrument.Counter.builder("modelwatch.outbox.dead.letters")
                .description("Outbox changes that can never be sent (too large, unserialisable), moved to outbox_dead_letter")
                .register(registry);
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.traces = traces;
        this.batchSize = batchSize;
        this.wakeGapNanos = wakeGap.toNanos();
    }

    // ApplicationNotRunning: the scheduler ticks from the start, before messaging has registered the emitter this
    // bean needs (creating the bean then failed with SRMSG00019), and during shutdown, after the database has closed.
    @Scheduled(every = "${modelwatch.catalog.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void drain() {
        if (!running) {
            return;
        }
        synchronized (draining) { // a tick and a wake-up drain one after the other, never side by side
            lastDrainStarted = System.nanoTime();
            try {
                int sent;
                do {
                    sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
                } while (sent == batchSize);
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay will retry on its next tick: %s", describe(e));
            }
        }
    }

    /**
     * Drains soon, on a worker thread, instead of at the next tick: called once a transaction that wrote outbox rows has
     * committed, so a change reaches the topic without waiting up to {@code modelwatch.catalog.outbox.interval}. A drain
     * starts at least {@code modelwatch.catalog.outbox.wake-gap} (100 ms) after the one before it, and the wake-ups that
     * arrive until it starts are one: under a steady stream of small batches the relay publishes several at once instead
     * of one transaction per batch (at 500 announcements/s, woken after every batch, it drained back to back). The tick
     * stays, for the rows other replicas write and for batches a failure left behind.
     */
    public void wake() {
        if (running && wakeQueued.compareAndSet(false, true)) {
            try {
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    long wait = lastDrainStarted + wakeGapNanos - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // shutting down: the rows wait for the tick or the next start
                            wakeQueued.set(false);
                            return;
                        }
                    }
                    wakeQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The worker pool is shutting down: the rows wait in the outbox for the tick or the next start. Not
                // thrown to the consumer, whose batch has committed; and later wake-ups are not shut out.
                wakeQueued.set(false);
            }
        }
    }

    /** The failure and its root cause, never "null": some exceptions (timeouts) have no message. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e) : e + " (cause: " + root + ")";
    }

    /** Stops publishing (after the batch in flight); the rows wait in the outbox. */
    public void stop() {
        running = false;
    }

    /** Publishes again, from the oldest row still in the outbox. */
    public void start() {
        running = true;
    }

    private int publishBatch() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(1297547266, 0)"); ResultSet r = s.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    return 0;
                }
            }
            List<Pending> batch = new ArrayList<>(batchSize);
            try (PreparedStatement s = c.prepareStatement(LOCK_OLDEST)) {
                s.setInt(1, batchSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        batch.add(new Pending(r.getLong(1), r.getObject(2, UUID.class), r.getString(3), r.getString(4),
                                r.getTimestamp(5).toInstant(), r.getString(6), r.getString(7), r.getString(8)));
                    }
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            // Sent and awaited without the transaction in the propagated context: otherwise the broker's acknowledgements,
            // run on the producer's thread, resume the transaction there, and a commit that comes while one of them is
            // still running fails ("commit invoked while multiple threads active", ARJUNA012094), so the batch is
            // rolled back and sent again on the next tick (quarkusio/quarkus#39098; the fix its maintainers give).
            List<String> refusals = SmallRyeThreadContext.withThreadContext(WITHOUT_TRANSACTION, () -> {
                List<Uni<String>> acks = batch.stream().map(this::sendOrRefuse).toList();
                return Uni.join().all(acks).andFailFast().await().atMost(Duration.ofSeconds(30));
            });
            for (int i = 0; i < batch.size(); i++) {
                if (refusals.get(i) != null) {
                    deadLetter(c, batch.get(i), refusals.get(i));
                }
            }
            try (PreparedStatement s = c.prepareStatement("delete from outbox_event where id = any(?)")) {
                s.setArray(1, c.createArrayOf("bigint", batch.stream().map(Pending::id).toArray(Long[]::new)));
                s.executeUpdate();
            }
            return batch.size();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a row; the Uni's item is null once the broker has it, or the reason it can never take it (too large,
     * unserialisable). Any other failure (the broker away) fails the Uni, and the batch is tried again.
     */
    private Uni<String> sendOrRefuse(Pending event) {
        return Uni.createFrom().deferred(() -> send(event))
                .replaceWith((String) null)
                .onFailure(OutboxRelay::neverSendable).recoverWithItem(e -> e.getClass().getSimpleName() + ": "
                        + io.modelwatch.consumer.DeadLetterTopic.oneLine(String.valueOf(e.getMessage())));
    }

    /** What the broker or the serialiser refuse whatever the retry: a record too large or not serialisable. */
    static boolean neverSendable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || t instanceof org.apache.kafka.common.InvalidRecordException
                    || t instanceof org.apache.kafka.common.errors.SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** Moves a row that can never be sent to outbox_dead_letter (the caller deletes it from the outbox). */
    private void deadLetter(Connection c, Pending event, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into outbox_dead_letter (id, event_id, event_type, aggregate_id, "
                + "revision, payload_bytes, created_at, failed_at, reason) select id, event_id, event_type, aggregate_id, "
                + "revision, ?, created_at, now(), ? from outbox_event where id = ? on conflict do nothing")) {
            s.setLong(1, event.payload() == null ? 0 : event.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            s.setString(2, reason);
            s.setLong(3, event.id());
            s.executeUpdate();
        }
        deadLetters.increment();
        LOG.errorf("Outbox change %s (%s revision of %s) can never be sent, moved to outbox_dead_letter: %s",
                event.eventId(), event.eventType(), event.aggregateId(), reason);
    }

    private Uni<Void> send(Pending event) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId().toString())
                .withType(event.eventType())
                .withSource(URI.create(EventTypes.CATALOG_SOURCE))
                .withSubject(event.aggregateId())
                .withDataContentType("application/json")
                .withTimestamp(event.createdAt().atZone(ZoneOffset.UTC))
                .build();
        // The record's producer span (and the traceparent header it writes) continues the trace stored with the row.
        var trace = TracingMetadata.withCurrent(traces.parentOf(event.traceparent(), event.tracestate()));
        return emitter.sendMessage(Message.of(Record.of(event.aggregateId(), event.payload()), Metadata.of(cloudEvent, trace)));
    }
}
