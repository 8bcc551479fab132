package io.modelwatch.catalog.telemetry;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Outbox gauges, read from the table every few seconds (never on the scrape itself, so a slow database cannot hold
 * up /q/metrics): {@code modelwatch.outbox.backlog} [modelwatch_outbox_backlog], the rows not yet published, and
 * {@code modelwatch.outbox.oldest.age} [modelwatch_outbox_oldest_age_seconds], how long the oldest of them has
 * waited (0 when empty). Every replica reports the same, shared, outbox.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final AgroalDataSource dataSource;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxBacklog(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("modelwatch.outbox.backlog", rows, AtomicLong::get)
                .description("Outbox rows not yet published to catalog.model-changes").register(registry);
        Gauge.builder("modelwatch.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("Seconds the oldest unpublished outbox row has waited").baseUnit("seconds").register(registry);
    }

    @Scheduled(every = "${modelwatch.catalog.outbox.metrics-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), extract(epoch from (now() - min(created_at))) * 1000 from outbox_event")) {
            r.next();
            rows.set(r.getLong(1));
            oldestAgeMillis.set(Math.max(0, r.getLong(2)));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Outbox gauges not refreshed: %s", e.getMessage());
        }
    }
}
