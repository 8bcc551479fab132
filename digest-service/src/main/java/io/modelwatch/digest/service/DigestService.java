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
import io.modelwatch.digest.review.ReviewOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DigestService {

    private final ModelViewRepository models;
    private final ProcessedEventRepository processed;
    private final DigestRecordRepository digests;
    private final ReviewRenderer renderer;
    private final ReviewOptions options;
    private final ReviewBuilder builder;
    private final Clock clock = Clock.systemUTC();

    public DigestService(ModelViewRepository models, ProcessedEventRepository processed, DigestRecordRepository digests,
                         ReviewRenderer renderer, ReviewOptions options) {
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
        return Optional.of(write(period, language, 1));
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
        List<ModelChanged> current = snapshots(period);
        List<ModelChanged> previous = snapshots(period.previous());
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
