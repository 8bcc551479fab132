package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.ModelChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The catalog's own change stream (catalog.model-changes, written by the outbox relay after each commit), read with a
 * consumer group of this instance alone so every replica sees every change, and handed to the open dashboards.
 */
@ApplicationScoped
public class LiveChanges {

    private static final Logger LOG = Logger.getLogger(LiveChanges.class);

    /** A change as the dashboards hear it: the entry after the change, or only its slug when it was deleted. */
    public record Change(String slug, ModelChanged entry) {
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    private final ObjectMapper json = Json.mapper();
    /** Open dashboards: with none, a change is not even parsed (the catalog's own drain sends thousands a second). */
    private final AtomicInteger listeners = new AtomicInteger();

    /**
     * A poll at a time (the channel is a batch channel): one call per poll instead of the connector's message, context
     * switch and acknowledgement per change, which cost the catalog seconds of CPU a minute under a steady stream even
     * with no dashboard open (StreamLatencyBench, docs/performance.md, session 18).
     */
    @Incoming("dashboard-model-changes")
    public void onChanges(ConsumerRecords<String, String> records) {
        if (listeners.get() == 0) {
            return;
        }
        for (ConsumerRecord<String, String> record : records) {
            try {
                ModelChanged entry = record.value() == null ? null : json.readValue(record.value(), ModelChanged.class);
                changes.onNext(new Change(record.key(), entry));
            } catch (Exception e) {
                // The live view is a convenience: an unreadable change is skipped, the catalog itself is unaffected.
                LOG.warnf("Live dashboard skipped an unreadable change of %s: %s", record.key(), e.toString());
            }
        }
    }

    public Multi<Change> stream() {
        return changes
                .onSubscription().invoke(subscription -> listeners.incrementAndGet())
                .onTermination().invoke(() -> listeners.decrementAndGet());
    }
}
