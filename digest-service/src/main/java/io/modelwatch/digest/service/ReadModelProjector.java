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
import java.util.Locale;
import java.util.Map;

/**
 * Projects catalog.model-changes onto the digest's read model ({@code model_view}): one row per slug holding the
 * highest revision received. A model seen for the first time records a {@code model.added} webhook call in the same
 * transaction.
 */
@ApplicationScoped
public class ReadModelProjector {

    private final ModelViewRepository models;
    private final ProcessedEventRepository processed;
    private final WebhookService webhooks;
    private final Clock clock = Clock.systemUTC();

    public ReadModelProjector(ModelViewRepository models, ProcessedEventRepository processed, WebhookService webhooks) {
        this.models = models;
        this.processed = processed;
        this.webhooks = webhooks;
    }

    /**
     * Applies one catalog change. Idempotent twice over: a repeated event id is skipped, and an older
     * revision never overwrites a newer one (the compacted topic may replay). A null snapshot removes the entry.
     */
    @Transactional
    public void apply(String eventId, String slug, ModelChanged snapshot) {
        if (eventId != null) {
            if (processed.findById(eventId) != null) {
                return;
            }
            processed.persist(new ProcessedEvent(eventId, clock.instant()));
        }
        ModelView view = models.findById(slug);
        if (snapshot == null) {
            if (view != null) {
                models.delete(view);
            }
            return;
        }
        if (view == null) {
            view = new ModelView();
            view.show(snapshot, clock.instant());
            models.persist(view);
            webhooks.record(Webhook.MODEL_ADDED, Map.of("slug", snapshot.slug(), "name", snapshot.name(),
                    "kind", snapshot.kind().name().toLowerCase(Locale.ROOT), "revision", snapshot.revision(),
                    "published", snapshot.published() == null ? "" : snapshot.published().value()));
        } else if (snapshot.revision() > view.revision) {
            view.show(snapshot, clock.instant());
        }
    }
}
