package io.modelwatch.digest.service;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.model.DigestHeader;
import io.modelwatch.digest.model.DigestRecord;
import io.modelwatch.digest.model.DigestRecordRepository;
import io.modelwatch.digest.model.ModelView;
import io.modelwatch.digest.model.ModelViewRepository;
import io.modelwatch.digest.model.ProcessedEvent;
import io.modelwatch.digest.model.ProcessedEventRepository;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.Review;
import io.modelwatch.digest.review.ReviewBuilder;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.review.ReviewOptions;
import io.modelwatch.digest.subscription.Links;
import io.modelwatch.digest.subscription.SubscriptionService;
import io.modelwatch.digest.webhook.Webhook;
import io.modelwatch.digest.webhook.WebhookService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

@ApplicationScoped
public class DigestService {

    private final ModelViewRepository models;
    private final ProcessedEventRepository processed;
    private final DigestRecordRepository digests;
    private final ReviewRenderer renderer;
    private final ReviewOptions options;
    private final ReviewBuilder builder;
    private final Clock clock = Clock.systemUTC();

    private final SubscriptionService subscriptions;
    private final WebhookService webhooks;
    private final Links links;

    public DigestService(ModelViewRepository models, ProcessedEventRepository processed, DigestRecordRepository digests,
                         ReviewRenderer renderer, ReviewOptions options, SubscriptionService subscriptions,
                         WebhookService webhooks, Links links) {
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.links = links;
        this.models = models;
        this.processed = processed;
        this.digests = digests;
        this.renderer = renderer;
        this.options = options;
        this.builder = new ReviewBuilder(options);
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
                    "kind", snapshot.kind().name().toLowerCase(java.util.Locale.ROOT), "revision", snapshot.revision(),
                    "published", snapshot.published() == null ? "" : snapshot.published().value()));
        } else if (snapshot.revision() > view.revision) {
            view.show(snapshot, clock.instant());
        }
    }

    /** A new version of the review of the period, keeping the versions before it. */
    @Transactional
    public Digest generate(Period period, Language language) {
        digests.claim(period.kind().tag(), period.key(), language.tag());
        int version = digests.latestVersion(period.kind().tag(), period.key(), language.tag()) + 1;
        return write(period, language, version);
    }

    /**
     * The scheduled review of a period, generated once however many replicas ask: empty when another replica holds the
     * period's lock right now or a version of it already exists.
     */
    @Transactional
    public Optional<Digest> publishOnce(Period period, Language language) {
        if (!digests.tryClaim(period.kind().tag(), period.key(), language.tag())) {
            return Optional.empty();
        }
        if (digests.latestVersion(period.kind().tag(), period.key(), language.tag()) > 0) {
            return Optional.empty();
        }
        Digest digest = write(period, language, 1);
        // Same transaction as the review: its mails and webhook calls are recorded, or none of it is.
        subscriptions.recordDeliveries(digest);
        webhooks.record(Webhook.DIGEST_PUBLISHED, Map.of("id", digest.id(), "kind", period.kind().tag(), "period", period.key(),
                "language", language.tag(), "title", digest.title(), "releases", digest.releases().size(),
                "url", links.review(digest.id())));
        return Optional.of(digest);
    }

    private Digest write(Period period, Language language, int version) {
        Instant now = clock.instant();
        Digest digest = compose(UUID.randomUUID(), period, version, language, now);
        DigestRecord record = new DigestRecord();
        record.id = digest.id();
        record.kind = period.kind().tag();
        record.periodKey = period.key();
        record.version = version;
        record.from = period.from();
        record.to = period.to();
        record.language = language.tag();
        record.title = digest.title();
        record.summary = digest.summary();
        record.content = digest;
        record.createdAt = now;
        digests.persist(record);
        return digest;
    }

    /** Computes and writes a review without storing it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Digest compose(UUID id, Period period, int version, Language language, Instant now) {
        return compose(id, period, version, language, now, m -> true);
    }

    /**
     * A stored review narrowed to the models that pass {@code filter} (a subscriber's topics), in both the period and
     * the period it is compared with, computed from the read model as it is now.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Digest narrowed(Digest stored, Predicate<ModelChanged> filter) {
        Period period = stored.kind() == ReviewKind.ON_DEMAND ? Period.onDemand(stored.from(), stored.to())
                : Period.parse(stored.kind(), stored.period());
        return compose(stored.id(), period, stored.version(), stored.language(), stored.generatedAt(), filter);
    }

    private Digest compose(UUID id, Period period, int version, Language language, Instant now, Predicate<ModelChanged> filter) {
        List<ModelChanged> current = snapshots(period).stream().filter(filter).toList();
        List<ModelChanged> previous = snapshots(period.previous()).stream().filter(filter).toList();
        ModelChanged reference = models.findByIdOptional(Slugs.of(options.referenceName())).map(m -> m.snapshot).orElse(null);
        Review review = builder.build(period, current, previous, reference, language);
        // The read model returns them in date order already.
        List<Digest.Release> releases = current.stream().map(m -> release(m, language)).toList();
        Digest draft = new Digest(id, period.kind(), period.key(), version, period.from(), period.to(), language,
                ReviewRenderer.title(period, language), ReviewRenderer.summary(releases.size(), language), releases,
                null, null, review, now);
        return new Digest(id, period.kind(), period.key(), version, period.from(), period.to(), language, draft.title(),
                draft.summary(), releases, renderer.render(draft, ReviewRenderer.Format.TEXT),
                renderer.render(draft, ReviewRenderer.Format.MARKDOWN), review, now);
    }

    private List<ModelChanged> snapshots(Period period) {
        return models.publishedBetween(period.from(), period.to()).stream().map(m -> m.snapshot).toList();
    }

    private Digest.Release release(ModelChanged m, Language language) {
        String shown = m.parameters() == null
                ? (language == Language.ZH_CN ? "未公开" : "undisclosed")
                : ParameterCountFormatter.format(m.parameters(), language.locale());
        return new Digest.Release(m.slug(), m.name(), m.kind(), m.organizations(),
                m.published() == null ? null : m.published().value(),
                m.parameters() == null ? null : m.parameters().value(), shown,
                m.parameters() != null && m.parameters().approximate(),
                options.catalogUrl() + "/api/v1/models/" + java.net.URLEncoder.encode(m.slug(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Digest> find(UUID id) {
        return digests.findByIdOptional(id).map(r -> r.content);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DigestHeader> archive(String kind, String language, boolean publishedOnly, int limit) {
        return digests.archive(kind, language, publishedOnly, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long modelCount() {
        return models.count();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ModelView> model(String slug) {
        return models.findByIdOptional(slug);
    }
}
