package io.modelwatch.ingest.service;

import io.modelwatch.ingest.config.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Forgets Idempotency-Keys older than modelwatch.ingest.idempotency.retention (24 h), every
 * modelwatch.ingest.idempotency.cleanup-every (1 h). The announcements they produced stay (retraction needs them);
 * a request that reuses a forgotten key is a 409 (its derived event ids exist), never a second announcement.
 */
@ApplicationScoped
public class IdempotencyKeyCleanup {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyCleanup.class);

    private final AnnouncementLedger ledger;
    private final IngestConfig config;
    private final Clock clock;

    public IdempotencyKeyCleanup(AnnouncementLedger ledger, IngestConfig config) {
        this.ledger = ledger;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(every = "${modelwatch.ingest.idempotency.cleanup-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        cleanUp(Instant.now(clock));
    }

    /** Deletes the keys recorded before {@code now} minus the retention; returns how many. */
    public int cleanUp(Instant now) {
        int deleted = ledger.forgetIdempotencyKeys(now.minus(config.idempotency().retention()));
        if (deleted > 0) {
            LOG.infof("Forgot %d Idempotency-Keys older than %s", deleted, config.idempotency().retention());
        }
        return deleted;
    }
}
