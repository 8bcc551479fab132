package io.modelwatch.catalog.service;

import io.modelwatch.catalog.model.CatalogModel;
import io.modelwatch.catalog.model.CatalogModelRepository;
import io.modelwatch.catalog.model.ProcessedEvent;
import io.modelwatch.catalog.model.ProcessedEventRepository;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies release events to the catalog. Each event is applied at most once: its id is recorded in the
 * same transaction as the change and the outbox row that announces it.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    private final CatalogModelRepository models;
    private final ProcessedEventRepository processed;
    private final ModelChangeOutbox outbox;
    private final Clock clock = Clock.systemUTC();

    public CatalogService(CatalogModelRepository models, ProcessedEventRepository processed, ModelChangeOutbox outbox) {
        this.models = models;
        this.processed = processed;
        this.outbox = outbox;
    }

    /** @return false when the event had already been applied */
    @Transactional
    public boolean announce(String eventId, String eventType, ReleaseAnnounced announcement) {
        if (!firstTime(eventId, eventType)) {
            return false;
        }
        Instant now = clock.instant();
        CatalogModel entry = models.findById(announcement.slug());
        ModelChanged next = ModelMerger.merge(entry == null ? null : entry.snapshot, announcement);
        if (entry == null) {
            entry = new CatalogModel();
            entry.show(next, now);
            models.persist(entry);
        } else {
            entry.show(next, now);
        }
        outbox.changed(next);
        return true;
    }

    /** Retractions are recorded (so they are never applied twice); undoing the facts comes with provenance. */
    @Transactional
    public boolean retract(String eventId, String eventType, ReleaseRetracted retraction) {
        if (!firstTime(eventId, eventType)) {
            return false;
        }
        LOG.infof("Retraction of %s for %s recorded; facts are kept until provenance tracking lands",
                retraction.announcementEventId(), retraction.slug());
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ModelChanged> page(String after, int limit) {
        return models.page(after, limit).stream().map(m -> m.snapshot).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ModelChanged> find(String slug) {
        return models.findByIdOptional(slug).map(m -> m.snapshot);
    }

    private boolean firstTime(String eventId, String eventType) {
        if (processed.findById(eventId) != null) {
            LOG.debugf("Event %s already applied; skipped", eventId);
            return false;
        }
        processed.persist(new ProcessedEvent(eventId, eventType, clock.instant()));
        return true;
    }
}
