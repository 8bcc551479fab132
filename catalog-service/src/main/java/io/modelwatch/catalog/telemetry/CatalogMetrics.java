package io.modelwatch.catalog.telemetry;

import io.modelwatch.catalog.domain.ReleaseEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelwatch.contract.Topics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The catalog's own metrics (Micrometer; Prometheus names in brackets):
 * <ul>
 * <li>{@code modelwatch.events.consumed} [modelwatch_events_consumed_total], by {@code topic} and {@code outcome}:
 * {@code applied} and {@code duplicate} counted when their transaction commits, {@code dead-lettered} when the dead
 * letter is on the broker;</li>
 * <li>{@code modelwatch.dead.letters} [modelwatch_dead_letters_total], by {@code topic} (the dead-letter topic);</li>
 * <li>{@code modelwatch.announcement.latency} [modelwatch_announcement_latency_seconds], a histogram: from an
 * announcement's time (its CloudEvent time, set by ingest when it accepted it) to the commit of the catalog
 * transaction that applied it.</li>
 * </ul>
 * The outbox gauges are in {@link OutboxBacklog}; Kafka's own client metrics (consumer lag among them) come from
 * Quarkus' Kafka binder.
 */
@ApplicationScoped
@Startup // the counters are on /q/metrics, at 0, before the first event
public class CatalogMetrics {

    private final TransactionSynchronizationRegistry transactions;
    private final Counter applied;
    private final Counter duplicate;
    private final Counter deadLettered;
    private final Counter deadLetters;
    private final Timer latency;
    private final Clock clock = Clock.systemUTC();

    public CatalogMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.applied = consumed(registry, "applied");
        this.duplicate = consumed(registry, "duplicate");
        this.deadLettered = consumed(registry, "dead-lettered");
        this.deadLetters = Counter.builder("modelwatch.dead.letters").description("Records sent to a dead-letter topic")
                .tag("topic", Topics.MODEL_RELEASES + ".dlq").register(registry);
        this.latency = Timer.builder("modelwatch.announcement.latency")
                .description("From an announcement's time (CloudEvent time) to the catalog's commit of it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter consumed(MeterRegistry registry, String outcome) {
        return Counter.builder("modelwatch.events.consumed").description("Events read from a topic, by what became of them")
                .tag("topic", Topics.MODEL_RELEASES).tag("outcome", outcome).register(registry);
    }

    /**
     * Called in the transaction applying a batch: {@code fresh} are the events it applies, {@code duplicates} how many
     * of the batch were applied before. Counted only if, and when, the transaction commits.
     */
    public void applying(List<ReleaseEvent> fresh, int duplicates) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                Instant committed = clock.instant();
                applied.increment(fresh.size());
                duplicate.increment(duplicates);
                for (ReleaseEvent event : fresh) {
                    if (event instanceof ReleaseEvent.Announced a && a.data().announcedAt() != null) {
                        Duration d = Duration.between(a.data().announcedAt(), committed);
                        latency.record(d.isNegative() ? Duration.ZERO : d);
                    }
                }
            }
        });
    }

    /** A record is on the dead-letter topic. */
    public void deadLettered() {
        deadLettered.increment();
        deadLetters.increment();
    }
}
