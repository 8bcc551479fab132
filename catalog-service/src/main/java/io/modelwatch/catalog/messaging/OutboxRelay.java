package io.modelwatch.catalog.messaging;

import io.modelwatch.catalog.model.OutboxEvent;
import io.modelwatch.catalog.model.OutboxEventRepository;
import io.modelwatch.catalog.telemetry.EventTraces;
import io.modelwatch.contract.EventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "model-changes";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxEventRepository outbox;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final EventTraces traces;
    private final int batchSize;
    private volatile boolean running = true;

    public OutboxRelay(OutboxEventRepository outbox,
                       @Channel(CHANNEL) MutinyEmitter<Record<String, String>> emitter, EventTraces traces,
                       @ConfigProperty(name = "modelwatch.catalog.outbox.batch-size", defaultValue = "200") int batchSize) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.traces = traces;
        this.batchSize = batchSize;
    }

    // ApplicationNotRunning: the scheduler ticks from the start, before messaging has registered the emitter this
    // bean needs (creating the bean then failed with SRMSG00019), and during shutdown, after the database has closed.
    @Scheduled(every = "${modelwatch.catalog.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void drain() {
        if (!running) {
            return;
        }
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (sent == batchSize);
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay will retry: %s", e.getMessage());
        }
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
        if (!outbox.lockRelay()) {
            return 0;
        }
        List<OutboxEvent> batch = outbox.lockOldest(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> acks = batch.stream().map(this::send).toList();
        Uni.join().all(acks).andFailFast().await().atMost(Duration.ofSeconds(30));
        outbox.deleteSent(batch.stream().map(e -> e.id).toList());
        return batch.size();
    }

    private Uni<Void> send(OutboxEvent event) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId.toString())
                .withType(event.eventType)
                .withSource(URI.create(EventTypes.CATALOG_SOURCE))
                .withSubject(event.aggregateId)
                .withDataContentType("application/json")
                .withTimestamp(event.createdAt.atZone(ZoneOffset.UTC))
                .build();
        // The record's producer span (and the traceparent header it writes) continues the trace stored with the row.
        var trace = TracingMetadata.withCurrent(traces.parentOf(event.traceparent, event.tracestate));
        return emitter.sendMessage(Message.of(Record.of(event.aggregateId, event.payload), Metadata.of(cloudEvent, trace)));
    }
}
