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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the scheduled reviews: on each trigger, the last completed period of the kind, in every configured
 * language. Every replica runs the same triggers; {@link Publication#publishOnce} makes sure each period is written
 * once (an advisory lock and the stored version). Cron expressions: {@code modelwatch.digest.schedule.<kind>}
 * ({@code off} disables a kind).
 *
 * <p>Catching up: a trigger that did not run or failed (database away, pods restarting) is made good by
 * {@link #catchUp}, shortly after start and then every {@code modelwatch.digest.schedule.catch-up-every}: every
 * completed period of an enabled kind that ended within {@code modelwatch.digest.schedule.catch-up-window} and has no
 * review yet is published then. A period in which nothing was released is neither published nor mailed.
 */
@ApplicationScoped
public class DigestPublisher {

    private static final Logger LOG = Logger.getLogger(DigestPublisher.class);

    private final Publication publication;
    private final DigestMetrics metrics;
    private final List<Language> languages;
    private final Map<ReviewKind, Boolean> enabled = new EnumMap<>(ReviewKind.class);
    private final Clock clock = Clock.systemUTC();

    @ConfigProperty(name = "modelwatch.digest.schedule.catch-up-window", defaultValue = "P31D")
    java.time.Period catchUpWindow;

    public DigestPublisher(Publication publication, DigestConfig config, DigestMetrics metrics) {
        enabled.put(ReviewKind.WEEKLY, on(config.schedule().weekly()));
        enabled.put(ReviewKind.MONTHLY, on(config.schedule().monthly()));
        enabled.put(ReviewKind.QUARTERLY, on(config.schedule().quarterly()));
        enabled.put(ReviewKind.HALF_YEAR, on(config.schedule().halfYear()));
        enabled.put(ReviewKind.YEARLY, on(config.schedule().yearly()));
        enabled.put(ReviewKind.MID_YEAR, on(config.schedule().midYear()));
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

    @Scheduled(identity = "mid-year-review", cron = "${modelwatch.digest.schedule.mid-year}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void midYear() {
        publishDue(ReviewKind.MID_YEAR, LocalDate.now(clock));
    }

    private static boolean on(String cron) {
        return cron != null && !cron.isBlank() && !"off".equalsIgnoreCase(cron.strip());
    }

    @Scheduled(identity = "review-catch-up", every = "${modelwatch.digest.schedule.catch-up-every:10m}",
            delayed = "${modelwatch.digest.schedule.catch-up-delay:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void catchUpEnabled() {
        LocalDate today = LocalDate.now(clock);
        enabled.forEach((kind, on) -> {
            if (on) {
                try {
                    catchUp(kind, today);
                } catch (RuntimeException e) {
                    LOG.warnf("Catching up %s reviews failed, next tick retries: %s", kind.tag(), e);
                }
            }
        });
    }

    /**
     * Publishes every completed period of the kind that ended within the catch-up window before {@code today} and has
     * no review yet (oldest first); returns what this replica wrote.
     */
    public List<Digest> catchUp(ReviewKind kind, LocalDate today) {
        LocalDate oldestEnd = today.minus(catchUpWindow);
        List<Period> due = new ArrayList<>();
        for (var p = Period.lastCompleted(kind, today); !p.to().isBefore(oldestEnd); p = p.previous()) {
            due.add(0, p);
        }
        List<Digest> written = new ArrayList<>();
        due.forEach(p -> written.addAll(publish(p)));
        return written;
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
