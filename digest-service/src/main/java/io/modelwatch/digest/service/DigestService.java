package io.modelwatch.digest.service;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.render.TimelineLayout;
import io.modelwatch.digest.review.CatalogLinks;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.Review;
import io.modelwatch.digest.review.ReviewBuilder;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.review.ReviewOptions;
import io.modelwatch.digest.store.DigestHeader;
import io.modelwatch.digest.store.DigestRecord;
import io.modelwatch.digest.store.DigestRecordRepository;
import io.modelwatch.digest.store.ModelView;
import io.modelwatch.digest.store.ModelViewRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The reviews: computed from the read model ({@link #compose}), written as new versions ({@link #generate}, and once
 * per period for the schedule), narrowed to a subscriber's interests, and read back.
 */
@ApplicationScoped
public class DigestService {

    private final ModelViewRepository models;
    private final DigestRecordRepository digests;
    private final ReviewRenderer renderer;
    private final ReviewOptions options;
    private final ReviewBuilder builder;
    private final CatalogLinks catalogLinks;
    private final Clock clock = Clock.systemUTC();

    private final boolean latestReference;

    public DigestService(ModelViewRepository models, DigestRecordRepository digests, ReviewRenderer renderer,
                         ReviewOptions options, io.modelwatch.digest.config.DigestConfig config) {
        this.latestReference = !"fixed".equalsIgnoreCase(config.reference().mode());
        this.models = models;
        this.digests = digests;
        this.renderer = renderer;
        this.options = options;
        this.builder = new ReviewBuilder(options);
        this.catalogLinks = new CatalogLinks(options.catalogUrl(), options.dashboardUrl());
    }

    /** A review computed on request: {@code created} false when an identical stored one was returned. */
    public record OnDemand(Digest digest, boolean created) {
    }

    /**
     * A review asked for by a reader. It is stored as an on-demand review (kind {@code on-demand}, keyed by the asked kind
     * and period), never as a version of a scheduled period, so it can neither pre-empt nor show up as the publication of
     * that period (the scheduler and the Atom feed see only scheduled kinds). When the latest on-demand review of the same
     * period and language says the same (the read model has not changed for it), that one is returned and nothing is
     * written: asking again is cached, and a burst of requests stores one review.
     */
    @Transactional
    public OnDemand onDemand(Period period, Language language, Optional<ModelChanged> reference) {
        String kind = ReviewKind.ON_DEMAND.tag();
        String key = onDemandKey(period);
        digests.claim(kind, key, language.tag());
        int latest = digests.latestVersion(kind, key, language.tag());
        Instant now = clock.instant();
        Digest fresh = compose(UUID.randomUUID(), period, latest + 1, language, now, m -> true,
                reference.orElseGet(() -> reference(period)));
        if (latest > 0) {
            Optional<Digest> same = digests.version(kind, key, language.tag(), latest).map(r -> r.content)
                    .filter(d -> d.review().equals(fresh.review()) && d.releases().equals(fresh.releases()));
            if (same.isPresent()) {
                return new OnDemand(same.get(), false);
            }
        }
        persist(fresh, kind, key);
        return new OnDemand(fresh, true);
    }

    /** "on-demand" ranges by their dates; a calendar kind asked for on demand by kind and key ("mid-year/2022"). */
    static String onDemandKey(Period period) {
        return period.kind() == ReviewKind.ON_DEMAND ? period.key() : period.kind().tag() + "/" + period.key();
    }

    /**
     * Version 1 of the review of the period, written in the caller's transaction unless another replica holds the
     * period's lock right now, a version of it already exists, or nothing was released in it (then empty).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Digest> writeFirstVersion(Period period, Language language) {
        if (!digests.tryClaim(period.kind().tag(), period.key(), language.tag())) {
            return Optional.empty();
        }
        if (digests.latestVersion(period.kind().tag(), period.key(), language.tag()) > 0) {
            return Optional.empty();
        }
        if (models.countPublishedBetween(period.from(), period.to()) == 0) {
            // Nothing was released: no review, no mail (a later run may still find releases). Counted, not composed:
            // the catch-up asks again for every empty period of its window on every tick.
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(store(compose(UUID.randomUUID(), period, 1, language, now), period));
    }

    private Digest store(Digest digest, Period period) {
        persist(digest, period.kind().tag(), period.key());
        return digest;
    }

    private void persist(Digest digest, String kind, String periodKey) {
        DigestRecord record = new DigestRecord();
        record.id = digest.id();
        record.kind = kind;
        record.periodKey = periodKey;
        record.version = digest.version();
        record.from = digest.from();
        record.to = digest.to();
        record.language = digest.language().tag();
        record.title = digest.title();
        record.summary = digest.summary();
        record.content = digest;
        record.createdAt = digest.generatedAt();
        digests.persist(record);
    }

    /** Computes and writes a review without storing it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Digest compose(UUID id, Period period, int version, Language language, Instant now) {
        return compose(id, period, version, language, now, m -> true, reference(period));
    }

    /**
     * A stored review narrowed to the models that pass {@code filter} (a subscriber's topics), in both the period and
     * the period it is compared with, computed from the read model as it is now.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Digest narrowed(Digest stored, Predicate<ModelChanged> filter) {
        Period period = stored.kind() == ReviewKind.ON_DEMAND ? Period.onDemand(stored.from(), stored.to())
                : Period.parse(stored.kind(), stored.period());
        return compose(stored.id(), period, stored.version(), stored.language(), stored.generatedAt(), filter, reference(period));
    }

    private Digest compose(UUID id, Period period, int version, Language language, Instant now, Predicate<ModelChanged> filter,
                           ModelChanged reference) {
        List<ModelChanged> current = snapshots(period).stream().filter(filter).toList();
        List<ModelChanged> previous = snapshots(period.previous()).stream().filter(filter).toList();
        List<ModelChanged> computeHistory = models.withComputeBetween(ReviewBuilder.COMPUTE_SINCE, period.to()).stream()
                .map(m -> m.snapshot).filter(filter).toList();
        Review review = TimelineLayout.laidOut(
                builder.build(period, current, previous, reference, computeHistory, language), language);
        // The read model returns them in date order already.
        List<Digest.Release> releases = current.stream().map(m -> release(m, language)).toList();
        Digest draft = new Digest(id, period.kind(), period.key(), version, period.from(), period.to(), language,
                ReviewRenderer.title(period, language), ReviewRenderer.summary(releases.size(), language), releases,
                null, null, review, now);
        return new Digest(id, period.kind(), period.key(), version, period.from(), period.to(), language, draft.title(),
                draft.summary(), releases, renderer.render(draft, ReviewRenderer.Format.TEXT),
                renderer.render(draft, ReviewRenderer.Format.MARKDOWN), review, now);
    }

    /** Tags of models whose parameters are not all used at once: not a dense reference. */
    private static final java.util.Set<String> SPARSE = java.util.Set.of("mixture-of-experts", "moe", "sparse");

    /**
     * The period's reference model: with {@code modelwatch.digest.reference.mode=latest} (the default) the largest dense
     * model the catalog holds that was published at least a year before the period starts (GPT-3 for the article's
     * years), else the configured one; the configured one too when the catalog has no such model.
     */
    ModelChanged reference(Period period) {
        if (latestReference) {
            for (ModelView m : models.largestUpTo(period.from().minusYears(1), 20)) {
                List<String> tags = m.snapshot.tags() == null ? List.of() : m.snapshot.tags();
                if (tags.stream().noneMatch(t -> SPARSE.contains(t.toLowerCase(java.util.Locale.ROOT)))) {
                    return m.snapshot;
                }
            }
        }
        return models.findByIdOptional(Slugs.of(options.referenceName())).map(m -> m.snapshot)
                .filter(m -> m.parameters() != null).orElse(null);
    }

    private List<ModelChanged> snapshots(Period period) {
        return models.publishedBetween(period.from(), period.to()).stream().map(m -> m.snapshot).toList();
    }

    private Digest.Release release(ModelChanged m, Language language) {
        String shown = m.parameters() == null
                ? (language == Language.ZH_CN ? "未公开" : "undisclosed")
                : ParameterCountFormatter.shortForm(m.parameters(), language.locale());
        return new Digest.Release(m.slug(), m.name(), m.kind(), m.organizations(),
                m.published() == null ? null : m.published().value(),
                m.parameters() == null ? null : m.parameters().value(), shown,
                m.parameters() != null && m.parameters().approximate(),
                catalogLinks.model(m.slug()));
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
    public Optional<ModelView> model(String slug) {
        return models.findByIdOptional(slug);
    }

    /** The read model's entry named {@code name}: by its slug, else by its Chinese display name (盘古 for Pangu). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ModelView> modelNamed(String name) {
        Optional<ModelView> bySlug;
        try {
            bySlug = models.findByIdOptional(io.modelwatch.contract.Slugs.of(name));
        } catch (IllegalArgumentException e) {
            bySlug = Optional.empty(); // no letters or digits to make a slug of
        }
        return bySlug.isPresent() ? bySlug : models.byNameZh(name);
    }
}
