package io.modelwatch.digest.service;

import io.modelwatch.digest.config.DigestConfig;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.telemetry.DigestMetrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes the scheduled reviews: on each trigger, the last completed period of the kind, in every configured
 * language. Every replica runs the same triggers; {@link Publication#publishOnce} makes sure each period is written
 * once. Cron expressions: {@code modelwatch.digest.schedule.<kind>} ({@code off} disables a kind).
 */
@ApplicationScoped
public class DigestPublisher {

    private static final Logger LOG = Logger.getLogger(DigestPublisher.class);

    private final Publication publication;
    private final DigestMetrics metrics;
    private final List<Language> languages;
    private final Clock clock = Clock.systemUTC();

    public DigestPublisher(Publication publication, DigestConfig config, DigestMetrics metrics) {
        this.publication = publication;
        this.metrics = metrics;
        this.languages = config.languages().stream()
                .map(t -> Language.of(t).orElseThrow(() -> new IllegalArgumentException("unknown review language " + t)))
                .toList();
    }

    @Scheduled(identity = "weekly-review", cron = "${modelwatch.digest.schedule.weekly}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        publishDue(ReviewKind.WEEKLY, LocalDate.now(clock));
    }

    @Scheduled(identity = "monthly-review", cron = "${modelwatch.digest.schedule.monthly}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void monthly() {
        publishDue(ReviewKind.MONTHLY, LocalDate.now(clock));
    }

    @Scheduled(identity = "quarterly-review", cron = "${modelwatch.digest.schedule.quarterly}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void quarterly() {
        publishDue(ReviewKind.QUARTERLY, LocalDate.now(clock));
    }

    @Scheduled(identity = "half-year-review", cron = "${modelwatch.digest.schedule.half-year}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void halfYear() {
        publishDue(ReviewKind.HALF_YEAR, LocalDate.now(clock));
    }

    @Scheduled(identity = "yearly-review", cron = "${modelwatch.digest.schedule.yearly}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void yearly() {
        publishDue(ReviewKind.YEARLY, LocalDate.now(clock));
    }

    /** Publishes the last period of the kind completed before {@code today}; returns what this replica wrote. */
    public List<Digest> publishDue(ReviewKind kind, LocalDate today) {
        return publish(Period.lastCompleted(kind, today));
    }

    public List<Digest> publish(Period period) {
        List<Digest> written = new ArrayList<>();
        for (Language language : languages) {
            publication.publishOnce(period, language).ifPresent(d -> {
                LOG.infof("published %s review %s (%s): %s", period.kind().tag(), period.key(), language.tag(), d.id());
                metrics.reviewGenerated(period.kind(), language);
                written.add(d);
            });
        }
        return written;
    }
}
