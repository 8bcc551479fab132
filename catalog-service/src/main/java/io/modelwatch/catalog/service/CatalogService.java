package io.modelwatch.catalog.service;

import io.modelwatch.catalog.model.CatalogStore;
import io.modelwatch.catalog.model.CatalogStore.AliasRow;
import io.modelwatch.catalog.model.CatalogStore.Retraction;
import io.modelwatch.catalog.model.CatalogStore.Revision;
import io.modelwatch.catalog.model.CatalogStore.Shown;
import io.modelwatch.catalog.telemetry.CatalogMetrics;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Slugs;
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

    private final CatalogStore store;
    private final CatalogMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public CatalogService(CatalogStore store, CatalogMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Applies the events in order, in the caller's transaction (or a new one), in three round trips to the database
     * whatever the batch's size: {@link CatalogStore#prepare} (idempotence, earlier retractions, entity resolution),
     * {@link CatalogStore#lockAndLoad} (the entries' locks, revisions and assertions), {@link CatalogStore#write}
     * (assertions, retractions, revisions, outbox, entries). Every applied event is still its own revision.
     */
    @Transactional
    public void apply(List<ReleaseEvent> batch) {
        Instant now = clock.instant();
        long t0 = System.nanoTime();

        Map<String, ReleaseEvent> unique = new LinkedHashMap<>();
        batch.forEach(e -> unique.putIfAbsent(e.id(), e));
        List<String> announcementIds = new ArrayList<>();
        // Entity resolution: every announced name's match key -> the entry's slug (new keys get a new entry).
        Map<String, String> keyByEvent = new HashMap<>();
        Map<String, String> nameByKey = new TreeMap<>();
        Set<String> retractionTargets = new LinkedHashSet<>();
        for (ReleaseEvent e : unique.values()) {
            if (e instanceof ReleaseEvent.Announced a) {
                announcementIds.add(a.id());
                String key = MatchKeys.model(a.data().name());
                keyByEvent.put(a.id(), key);
                nameByKey.putIfAbsent(key, a.data().name());
            } else if (e instanceof ReleaseEvent.Retracted r) {
                retractionTargets.add(r.data().announcementEventId());
            }
        }
        List<String> keys = new ArrayList<>(nameByKey.keySet());
        List<String> candidates = new ArrayList<>(keys.size());
        List<String> names = new ArrayList<>(keys.size());
        for (String key : keys) {
            String name = nameByKey.get(key);
            candidates.add(Slugs.of(MatchKeys.modelNameForSlug(name)));
            names.add(name);
        }
        CatalogStore.Prepared prepared = store.prepare(List.copyOf(unique.keySet()),
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
        CatalogStore.EntryState state = store.lockAndLoad(slugs);
        Map<String, Long> revisions = new HashMap<>(state.revisions());
        Map<String, LinkedHashMap<String, Assertion>> assertions = state.assertions();
        Map<String, List<String>> adminAliases = state.adminAliases();
        OrganizationDirectory directory = store.directory();

        long t2 = System.nanoTime();
        Map<String, Assertion> added = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        List<Retraction> retractions = new ArrayList<>();
        CatalogStore.Changes changes = new CatalogStore.Changes();
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
            ModelChanged entry = ModelMerger.recompute(slug, revision, assertions.getOrDefault(slug, new LinkedHashMap<>()).values(),
                    directory, adminAliases.getOrDefault(slug, List.of()));
            String snapshotJson = entry == null ? null : store.write(entry);
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
        store.write(changes, EventTypes.MODEL_CHANGED, now);
        long t4 = System.nanoTime();
        LOG.debugf("batch of %d: prepare %d ms, lock+load %d ms, compute %d ms, write %d ms", events.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    /** Why an admin request cannot be done; the resource turns it into a problem. */
    public static class AdminConflict extends RuntimeException {
        public final boolean notFound;

        AdminConflict(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }
    }

    /** Adds a model alias: its match key will resolve to {@code slug}. Returns the new revision, or 0 if already known. */
    @Transactional
    public long addModelAlias(String slug, String name) {
        Instant now = clock.instant();
        store.lock(List.of(slug));
        if (store.currentRevisions(List.of(slug)).isEmpty()) {
            throw new AdminConflict("No model with slug '" + slug + "' in the catalog.", true);
        }
        String key = MatchKeys.model(name);
        if (key.isEmpty()) {
            throw new AdminConflict("'" + name + "' has no letters or digits to match on.", false);
        }
        String owner = store.aliasSlugs(List.of(key)).get(key);
        if (owner != null && !owner.equals(slug)) {
            throw new AdminConflict("'" + name + "' already names the entry '" + owner + "'; merge the two entries instead.", false);
        }
        if (owner != null && store.aliasesOf(slug).stream().anyMatch(a -> a.nameKey().equals(key) && a.addedBy().equals("admin"))) {
            return 0;
        }
        if (owner == null) {
            store.insertAliases(List.of(new AliasRow(key, slug, name.strip(), "admin")), now);
        } else {
            store.sql("update model_alias set added_by = 'admin', name = ? where name_key = ?", st -> {
                st.setString(1, name.strip());
                st.setString(2, key);
                return st.executeUpdate();
            });
        }
        return recompute(List.of(slug), "alias-added", null, now);
    }

    /**
     * Adds an organisation alias (creating the curated organisation when it is new) and recomputes the entries
     * that show the alias as an organisation of its own. Returns how many entries changed.
     */
    @Transactional
    public int addOrganizationAlias(String alias, String organization, String country, String category) {
        Instant now = clock.instant();
        String key = MatchKeys.organization(alias);
        if (key.isEmpty()) {
            throw new AdminConflict("'" + alias + "' has no letters or digits to match on.", false);
        }
        OrganizationDirectory directory = store.freshDirectory();
        OrganizationDirectory.Curated existing = directory.find(organization);
        String canonical = existing != null ? existing.name() : organization.strip();
        OrganizationDirectory.Curated aliased = directory.find(alias);
        if (aliased != null && !aliased.name().equals(canonical)) {
            throw new AdminConflict("'" + alias + "' already stands for '" + aliased.name() + "'.", false);
        }
        store.sql("insert into organization (name, country, category) values (?, ?, ?) on conflict (name) do update set "
                + "country = coalesce(excluded.country, organization.country), category = coalesce(excluded.category, organization.category)", st -> {
            st.setString(1, canonical);
            st.setString(2, country);
            st.setString(3, category);
            return st.executeUpdate();
        });
        if (!key.equals(MatchKeys.organization(canonical))) {
            store.sql("insert into organization_alias (alias_key, alias, organization) values (?, ?, ?) on conflict (alias_key) do nothing", st -> {
                st.setString(1, key);
                st.setString(2, alias.strip());
                st.setString(3, canonical);
                return st.executeUpdate();
            });
        }
        List<String> affected = store.sql("select slug from model where organizations && ?", st -> {
            st.setArray(1, st.getConnection().createArrayOf("text", new String[] {key, MatchKeys.organization(canonical)}));
            List<String> slugs = new ArrayList<>();
            try (var r = st.executeQuery()) {
                while (r.next()) {
                    slugs.add(r.getString(1));
                }
            }
            return slugs;
        });
        recompute(affected, "organization-alias-added", null, now);
        return affected.size();
    }

    /**
     * Merges entry {@code from} into {@code into}: its sources and aliases move over, {@code into} is recomputed
     * (a new revision), {@code from} gets a tombstone revision and redirects to {@code into} from now on.
     */
    @Transactional
    public long merge(String from, String into) {
        if (from.equals(into)) {
            throw new AdminConflict("An entry cannot be merged into itself.", false);
        }
        Instant now = clock.instant();
        store.lock(List.of(from, into));
        Map<String, Long> current = store.currentRevisions(List.of(from, into));
        if (!current.containsKey(from)) {
            throw new AdminConflict("No model with slug '" + from + "' in the catalog.", true);
        }
        if (!current.containsKey(into)) {
            throw new AdminConflict("No model with slug '" + into + "' in the catalog to merge into.", true);
        }
        store.moveAssertions(from, into);
        store.moveAliases(from, into);
        store.addRedirect(from, into, now);
        Revision tombstone = new Revision(from, current.get(from) + 1, "merged-away", null, null, now);
        store.write(new CatalogStore.Changes().revision(tombstone).delete(from), EventTypes.MODEL_CHANGED, now);
        return recompute(List.of(into), "merged", null, now);
    }

    /** Recomputes entries from their assertions (after a change of aliases); each changed one gets a revision. */
    private long recompute(List<String> slugs, String cause, String eventId, Instant now) {
        if (slugs.isEmpty()) {
            return 0;
        }
        store.lock(slugs);
        Map<String, Long> revisions = store.currentRevisions(slugs);
        Map<String, LinkedHashMap<String, Assertion>> assertions = store.assertions(slugs);
        Map<String, List<String>> adminAliases = store.adminAliases(slugs);
        OrganizationDirectory directory = store.freshDirectory();
        CatalogStore.Changes changes = new CatalogStore.Changes();
        long last = 0;
        for (String slug : slugs) {
            long revision = revisions.getOrDefault(slug, 0L) + 1;
            ModelChanged entry = ModelMerger.recompute(slug, revision, assertions.getOrDefault(slug, new LinkedHashMap<>()).values(),
                    directory, adminAliases.getOrDefault(slug, List.of()));
            if (entry == null) {
                continue;
            }
            String snapshot = store.write(entry);
            changes.revision(new Revision(slug, revision, cause, eventId, snapshot, now)).show(new Shown(entry, snapshot, directory));
            last = revision;
        }
        store.write(changes, EventTypes.MODEL_CHANGED, now);
        return last;
    }
}
