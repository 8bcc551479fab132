package io.modelwatch.catalog.service;

import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.catalog.domain.ModelMerger;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.catalog.domain.ReleaseEvent;
import io.modelwatch.catalog.store.BatchStore;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.store.ChangeWriter;
import io.modelwatch.catalog.store.Changes;
import io.modelwatch.catalog.store.Changes.Retraction;
import io.modelwatch.catalog.store.Changes.Revision;
import io.modelwatch.catalog.store.Changes.Shown;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.catalog.telemetry.CatalogMetrics;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Applies release events to the catalog, a batch per transaction. Each event is applied at most once (its id is
 * recorded in processed_event in the same transaction as its effect); each applied event is one revision of the
 * entry it touches, recorded in model_revision and written to the outbox; the entry itself is recomputed from
 * its assertions (ModelMerger), so the result does not depend on arrival order.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    private final BatchStore store;
    private final ChangeWriter writer;
    private final CachedOrganizations organizations;
    private final JsonDocuments json;
    /** Bounds every snapshot before it is stored and published. */
    @jakarta.inject.Inject
    SnapshotLimits limits;
    private final CatalogMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public CatalogService(BatchStore store, ChangeWriter writer, CachedOrganizations organizations, JsonDocuments json,
                          CatalogMetrics metrics) {
        this.store = store;
        this.writer = writer;
        this.organizations = organizations;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Applies the events in order, in the caller's transaction (or a new one), in three round trips to the database
     * whatever the batch's size: {@link BatchStore#prepare} (idempotence, earlier retractions, entity resolution),
     * {@link BatchStore#lockAndLoad} (the entries' locks, revisions and assertions), {@link ChangeWriter#write}
     * (assertions, retractions, revisions, outbox, entries). Every applied event is still its own revision.
     */
    @Transactional
    public void apply(List<ReleaseEvent> batch) {
        Instant now = clock.instant();
        long t0 = System.nanoTime();

        Map<String, ReleaseEvent> unique = new LinkedHashMap<>();
        batch.forEach(e -> unique.putIfAbsent(e.id(), e));
        List<String> announcementIds = new ArrayList<>();
        // Entity resolution (ModelIdentity): every announced name's match key -> the entry's slug (a new key gets a new
        // entry whose slug is the name's slug: the slug ingest answered, and never another key's slug).
        Map<String, String> keyByEvent = new HashMap<>();
        Map<String, String> nameByKey = new TreeMap<>();
        Map<String, String> slugByKey = new HashMap<>();
        Set<String> retractionTargets = new LinkedHashSet<>();
        for (ReleaseEvent e : unique.values()) {
            if (e instanceof ReleaseEvent.Announced a) {
                announcementIds.add(a.id());
                ModelIdentity.Names identity = ModelIdentity.of(a.data().name());
                keyByEvent.put(a.id(), identity.key());
                nameByKey.putIfAbsent(identity.key(), a.data().name());
                slugByKey.putIfAbsent(identity.key(), identity.slug());
            } else if (e instanceof ReleaseEvent.Retracted r) {
                retractionTargets.add(r.data().announcementEventId());
            }
        }
        List<String> keys = new ArrayList<>(nameByKey.keySet());
        List<String> candidates = new ArrayList<>(keys.size());
        List<String> names = new ArrayList<>(keys.size());
        for (String key : keys) {
            String name = nameByKey.get(key);
            candidates.add(slugByKey.get(key));
            names.add(name);
        }
        BatchStore.Prepared prepared = store.prepare(List.copyOf(unique.keySet()),
                unique.values().stream().map(ReleaseEvent::type).toList(), now, announcementIds, keys, candidates, names, retractionTargets);
        List<ReleaseEvent> events = unique.values().stream().filter(e -> prepared.freshIds().contains(e.id())).toList();
        metrics.applying(events, batch.size() - events.size());
        if (events.size() < batch.size()) {
            LOG.debugf("%d of %d events already applied; skipped", batch.size() - events.size(), batch.size());
        }
        if (events.isEmpty()) {
            return;
        }
        long t1 = System.nanoTime();
        Map<String, String> slugByEvent = new HashMap<>();
        Map<String, String> storedSlugs = prepared.assertionSlugs();
        Set<String> retracted = new HashSet<>(prepared.retracted());
        Set<String> slugs = new TreeSet<>(storedSlugs.values());
        for (ReleaseEvent e : events) {
            if (e instanceof ReleaseEvent.Announced a) {
                String slug = prepared.slugByKey().get(keyByEvent.get(a.id()));
                slugByEvent.put(a.id(), slug);
                slugs.add(slug);
            }
        }
        // Read only after the locks: another replica may have just committed a change to these entries.
        BatchStore.EntryState state = store.lockAndLoad(slugs);
        Map<String, Long> revisions = new HashMap<>(state.revisions());
        Map<String, LinkedHashMap<String, Assertion>> assertions = state.assertions();
        Map<String, List<String>> adminAliases = state.adminAliases();
        OrganizationDirectory directory = organizations.directory();

        long t2 = System.nanoTime();
        Map<String, Assertion> added = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        List<Retraction> retractions = new ArrayList<>();
        Changes changes = new Changes();
        Map<String, ModelChanged> latest = new LinkedHashMap<>();
        Map<String, String> latestJson = new HashMap<>();
        for (ReleaseEvent e : events) {
            String slug;
            String cause;
            if (e instanceof ReleaseEvent.Announced a) {
                if (retracted.contains(a.id())) {
                    LOG.infof("Announcement %s arrived after its retraction; not applied", a.id());
                    continue;
                }
                slug = slugByEvent.get(a.id());
                Assertion assertion = new Assertion(a.id(), a.data());
                assertions.computeIfAbsent(slug, s -> new LinkedHashMap<>()).put(a.id(), assertion);
                added.put(a.id(), assertion);
                cause = "announced";
            } else {
                ReleaseEvent.Retracted r = (ReleaseEvent.Retracted) e;
                String target = r.data().announcementEventId();
                retractions.add(new Retraction(target, r.id(), r.data().reason(),
                        r.data().retractedAt() == null ? now : r.data().retractedAt()));
                retracted.add(target);
                slug = added.containsKey(target) ? slugByEvent.get(target) : storedSlugs.get(target);
                if (slug == null || assertions.getOrDefault(slug, new LinkedHashMap<>()).remove(target) == null) {
                    LOG.infof("Retraction %s names announcement %s, which is not in the catalog; recorded", r.id(), target);
                    continue;
                }
                if (added.remove(target) == null) {
                    removed.add(target);
                }
                cause = "retracted";
            }
            long revision = revisions.merge(slug, 1L, Long::sum);
            ModelChanged entry = limits.bound(ModelMerger.recompute(slug, revision, assertions.getOrDefault(slug, new LinkedHashMap<>()).values(),
                    directory, adminAliases.getOrDefault(slug, List.of())));
            String snapshotJson = entry == null ? null : json.write(entry);
            changes.revision(new Revision(slug, revision, entry == null ? "deleted" : cause, e.id(), snapshotJson, now));
            latest.put(slug, entry);
            latestJson.put(slug, snapshotJson);
        }
        added.values().forEach(a -> changes.addAssertion(a, slugByEvent.get(a.eventId())));
        changes.removeAssertions(removed).retractions(retractions);
        latest.forEach((slug, entry) -> {
            if (entry == null) {
                changes.delete(slug);
            } else {
                changes.show(new Shown(entry, latestJson.get(slug), directory));
            }
        });

        long t3 = System.nanoTime();
        writer.write(changes, EventTypes.MODEL_CHANGED, now);
        long t4 = System.nanoTime();
        LOG.debugf("batch of %d: prepare %d ms, lock+load %d ms, compute %d ms, write %d ms", events.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }
}
