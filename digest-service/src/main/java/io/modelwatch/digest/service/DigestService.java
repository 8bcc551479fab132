package io.modelwatch.digest.service;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.config.DigestConfig;
import io.modelwatch.digest.model.DigestRecord;
import io.modelwatch.digest.model.DigestRecordRepository;
import io.modelwatch.digest.model.ModelView;
import io.modelwatch.digest.model.ModelViewRepository;
import io.modelwatch.digest.model.ProcessedEvent;
import io.modelwatch.digest.model.ProcessedEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DigestService {

    private final ModelViewRepository models;
    private final ProcessedEventRepository processed;
    private final DigestRecordRepository digests;
    private final DigestComposer composer;
    private final Clock clock = Clock.systemUTC();

    public DigestService(ModelViewRepository models, ProcessedEventRepository processed, DigestRecordRepository digests,
                         DigestConfig config) {
        this.models = models;
        this.processed = processed;
        this.digests = digests;
        this.composer = new DigestComposer(config.catalogUrl());
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

    @Transactional
    public Digest generate(LocalDate from, LocalDate to, Language language) {
        Instant now = clock.instant();
        var inPeriod = models.publishedBetween(from, to).stream().map(m -> m.snapshot).toList();
        Digest digest = composer.compose(UUID.randomUUID(), from, to, language, inPeriod, now);
        DigestRecord record = new DigestRecord();
        record.id = digest.id();
        record.from = from;
        record.to = to;
        record.language = language.tag();
        record.content = digest;
        record.createdAt = now;
        digests.persist(record);
        return digest;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Digest> find(UUID id) {
        return digests.findByIdOptional(id).map(r -> r.content);
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
