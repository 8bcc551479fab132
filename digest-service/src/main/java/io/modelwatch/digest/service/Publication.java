package io.modelwatch.digest.service;

import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.store.Webhook;
import io.modelwatch.digest.subscription.MailLinks;
import io.modelwatch.digest.subscription.SubscriptionService;
import io.modelwatch.digest.webhook.WebhookService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes one scheduled review: the review, its mails and its {@code digest.published} webhook calls in one
 * transaction, so they are all recorded or none is.
 */
@ApplicationScoped
public class Publication {

    private final DigestService digests;
    private final SubscriptionService subscriptions;
    private final WebhookService webhooks;
    private final MailLinks links;

    public Publication(DigestService digests, SubscriptionService subscriptions, WebhookService webhooks, MailLinks links) {
        this.digests = digests;
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.links = links;
    }

    /**
     * The scheduled review of a period, generated once however many replicas ask: empty when another replica holds the
     * period's lock right now or a version of it already exists.
     */
    @Transactional
    public Optional<Digest> publishOnce(Period period, Language language) {
        Optional<Digest> written = digests.writeFirstVersion(period, language);
        written.ifPresent(digest -> {
            subscriptions.recordDeliveries(digest);
            webhooks.record(Webhook.DIGEST_PUBLISHED, Map.of("id", digest.id(), "kind", period.kind().tag(),
                    "period", period.key(), "language", language.tag(), "title", digest.title(),
                    "releases", digest.releases().size(), "url", links.review(digest.id())));
        });
        return written;
    }
}
