package io.modelwatch.digest.service;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.store.ModelView;
import io.modelwatch.digest.store.ModelViewRepository;
import io.modelwatch.digest.store.ProcessedEvent;
import io.modelwatch.digest.store.ProcessedEventRepository;
import io.modelwatch.digest.store.Webhook;
import io.modelwatch.digest.webhook.WebhookService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Projects catalog.model-changes onto the digest's read model ({@code model_view}): one row per slug holding the
 * highest revision received. A model seen for the first time records a {@code model.added} webhook call in the same
 * transaction.
 */
@ApplicationScoped
public class ReadModelProjector {

    /**
     * One record of catalog.model-changes.
     *
     * @param eventId  its CloudEvent id, null when it has none
     * @param slug     the record's key
     * @param snapshot the model as it now is, null when it was removed (a tombstone)
     */
    public record Change(String eventId, String slug, ModelChanged snapshot) {
    }

    private final ModelViewRepository models;
    private final ProcessedEventRepository processed;
    private final WebhookService webhooks;
    private final Clock clock = Clock.systemUTC();

    public ReadModelProjector(ModelViewRepository models, ProcessedEventRepository processed, WebhookService webhooks) {
        this.models = models;
        this.processed = processed;
        this.webhooks = webhooks;
    }

    /** Applies one change on its own (see {@link #apply(List)}). */
    @Transactional
    public void apply(String eventId, String slug, ModelChanged snapshot) {
        apply(List.of(new Change(eventId, slug, snapshot)));
    }

    /**
     * Applies changes in order, in one transaction, reading what they touch in two queries. Idempotent twice over: a
     * repeated event id is skipped, and an older revision never overwrites a newer one (the compacted topic may
     * replay). A null snapshot removes the entry.
     */
    @Transactional
    public void apply(List<Change> changes) {
        Set<String> seen = processed.processedAmong(changes.stream().map(Change::eventId).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        Map<String, ModelView> views = models.bySlug(changes.stream().map(Change::slug).collect(Collectors.toSet()));
        boolean announceAdded = webhooks.anyListensTo(Webhook.MODEL_ADDED);
        Instant now = clock.instant();
        for (Change change : changes) {
            if (change.eventId() != null) {
                if (!seen.add(change.eventId())) {
                    continue;
                }
                processed.persist(new ProcessedEvent(change.eventId(), now));
            }
            ModelView view = views.get(change.slug());
            ModelChanged snapshot = change.snapshot();
            if (snapshot == null) {
                if (view != null) {
                    models.delete(view);
                    models.flush(); // before a later change of the batch inserts the slug again
                    views.remove(change.slug());
                }
            } else if (view == null) {
                view = new ModelView();
                view.show(snapshot, now);
                models.persist(view);
                views.put(change.slug(), view);
                if (announceAdded) {
                    webhooks.record(Webhook.MODEL_ADDED, Map.of("slug", snapshot.slug(), "name", snapshot.name(),
                            "kind", snapshot.kind().name().toLowerCase(Locale.ROOT), "revision", snapshot.revision(),
                            "published", snapshot.published() == null ? "" : snapshot.published().value()));
                }
            } else if (snapshot.revision() > view.revision) {
                view.show(snapshot, now);
            }
        }
    }
}
