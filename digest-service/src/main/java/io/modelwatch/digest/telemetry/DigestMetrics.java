package io.modelwatch.digest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelwatch.contract.Topics;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.ReviewKind;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The digest-service's own metrics (Micrometer; Prometheus names in brackets):
 * <ul>
 * <li>{@code modelwatch.events.consumed} [modelwatch_events_consumed_total], by {@code topic} and {@code outcome}:
 * {@code processed} once the read model's transaction has committed (a replay that changes nothing included),
 * {@code dead-lettered} when the record failed and went to the dead-letter topic;</li>
 * <li>{@code modelwatch.dead.letters} [modelwatch_dead_letters_total], by {@code topic} (the dead-letter topic);</li>
 * <li>{@code modelwatch.reviews.generated} [modelwatch_reviews_generated_total], by {@code kind} and {@code language}:
 * reviews written (on demand or scheduled), counted after their commit.</li>
 * </ul>
 */
@ApplicationScoped
@Startup // the counters are on /q/metrics, at 0, before the first event
public class DigestMetrics {

    private final MeterRegistry registry;
    private final Counter processed;
    private final Counter deadLettered;
    private final Counter deadLetters;

    public DigestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processed = consumed(registry, "processed");
        this.deadLettered = consumed(registry, "dead-lettered");
        this.deadLetters = Counter.builder("modelwatch.dead.letters").description("Records sent to a dead-letter topic")
                .tag("topic", Topics.MODEL_CHANGES_DLQ).register(registry);
    }

    private static Counter consumed(MeterRegistry registry, String outcome) {
        return Counter.builder("modelwatch.events.consumed").description("Events read from a topic, by what became of them")
                .tag("topic", Topics.MODEL_CHANGES).tag("outcome", outcome).register(registry);
    }

    /** Changes whose poll's transaction has committed. */
    public void processed(int changes) {
        processed.increment(changes);
    }

    /** A record is on the dead-letter topic. */
    public void deadLettered() {
        deadLettered.increment();
        deadLetters.increment();
    }

    public void reviewGenerated(ReviewKind kind, Language language) {
        Counter.builder("modelwatch.reviews.generated").description("Reviews written, on demand or scheduled")
                .tag("kind", kind.tag()).tag("language", language.tag()).register(registry).increment();
    }
}
