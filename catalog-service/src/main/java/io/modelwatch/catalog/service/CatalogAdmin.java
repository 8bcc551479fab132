package io.modelwatch.catalog.service;

import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.catalog.domain.ModelMerger;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.catalog.store.AliasStore;
import io.modelwatch.catalog.store.AliasStore.AliasRow;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.store.ChangeWriter;
import io.modelwatch.catalog.store.Changes;
import io.modelwatch.catalog.store.Changes.Revision;
import io.modelwatch.catalog.store.Changes.Shown;
import io.modelwatch.catalog.store.EntryStore;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.catalog.store.OrganizationStore;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin's changes to the catalog: aliases of entries and organisations, merges. Each one locks the entries it
 * touches and gives every entry it changes a new revision (model_revision and the outbox), like an event does.
 */
@ApplicationScoped
public class CatalogAdmin {

    private final EntryStore entries;
    private final AliasStore aliases;
    private final OrganizationStore organizationStore;
    private final CachedOrganizations organizations;
    private final ChangeWriter writer;
    private final JsonDocuments json;
    /** Bounds every snapshot before it is stored and published. */
    @jakarta.inject.Inject
    SnapshotLimits limits;
    private final Clock clock = Clock.systemUTC();

    public CatalogAdmin(EntryStore entries, AliasStore aliases, OrganizationStore organizationStore, CachedOrganizations organizations,
                        ChangeWriter writer, JsonDocuments json) {
        this.entries = entries;
        this.aliases = aliases;
        this.organizationStore = organizationStore;
        this.organizations = organizations;
        this.writer = writer;
        this.json = json;
    }

    /** Adds a model alias: its match key will resolve to {@code slug}. Returns the new revision, or 0 if already known. */
    @Transactional
    public long addModelAlias(String slug, String name) {
        Instant now = clock.instant();
        entries.lock(List.of(slug));
        if (entries.currentRevisions(List.of(slug)).isEmpty()) {
            throw new AdminConflict("No model with slug '" + slug + "' in the catalog.", true);
        }
        String key = ModelIdentity.key(name);
        if (key.isEmpty()) {
            throw new AdminConflict("'" + name + "' has no letters or digits to match on.", false);
        }
        String owner = aliases.aliasSlugs(List.of(key)).get(key);
        if (owner != null && !owner.equals(slug)) {
            throw new AdminConflict("'" + name + "' already names the entry '" + owner + "'; merge the two entries instead.", false);
        }
        if (owner != null && aliases.aliasesOf(slug).stream().anyMatch(a -> a.nameKey().equals(key) && a.addedBy().equals("admin"))) {
            return 0;
        }
        if (owner == null) {
            aliases.insertAliases(List.of(new AliasRow(key, slug, name.strip(), "admin")), now);
        } else {
            aliases.adopt(key, name.strip());
        }
        return recompute(List.of(slug), "alias-added", now);
    }

    /**
     * Adds an organisation alias (creating the curated organisation when it is new) and recomputes the entries
     * that show the alias as an organisation of its own. Returns how many entries changed.
     */
    @Transactional
    public int addOrganizationAlias(String alias, String organization, String country, String category) {
        Instant now = clock.instant();
        String key = ModelIdentity.organizationKey(alias);
        if (key.isEmpty()) {
            throw new AdminConflict("'" + alias + "' has no letters or digits to match on.", false);
        }
        OrganizationDirectory directory = organizations.freshDirectory();
        OrganizationDirectory.Curated existing = directory.find(organization);
        String canonical = existing != null ? existing.name() : organization.strip();
        OrganizationDirectory.Curated aliased = directory.find(alias);
        if (aliased != null && !aliased.name().equals(canonical)) {
            throw new AdminConflict("'" + alias + "' already stands for '" + aliased.name() + "'.", false);
        }
        organizationStore.curate(canonical, country, category);
        if (!key.equals(ModelIdentity.organizationKey(canonical))) {
            organizationStore.addAlias(key, alias.strip(), canonical);
        }
        List<String> affected = organizationStore.entriesShowing(List.of(key, ModelIdentity.organizationKey(canonical)));
        recompute(affected, "organization-alias-added", now);
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
        entries.lock(List.of(from, into));
        Map<String, Long> current = entries.currentRevisions(List.of(from, into));
        if (!current.containsKey(from)) {
            throw new AdminConflict("No model with slug '" + from + "' in the catalog.", true);
        }
        if (!current.containsKey(into)) {
            throw new AdminConflict("No model with slug '" + into + "' in the catalog to merge into.", true);
        }
        entries.moveAssertions(from, into);
        aliases.moveAliases(from, into);
        entries.addRedirect(from, into, now);
        Revision tombstone = new Revision(from, current.get(from) + 1, "merged-away", null, null, now);
        writer.write(new Changes().revision(tombstone).delete(from), EventTypes.MODEL_CHANGED, now);
        return recompute(List.of(into), "merged", now);
    }

    /** Recomputes entries from their assertions (after an admin change); each changed one gets a revision, caused by no event. */
    private long recompute(List<String> slugs, String cause, Instant now) {
        if (slugs.isEmpty()) {
            return 0;
        }
        entries.lock(slugs);
        Map<String, Long> revisions = entries.currentRevisions(slugs);
        Map<String, LinkedHashMap<String, Assertion>> assertions = entries.assertions(slugs);
        Map<String, List<String>> adminAliases = aliases.adminAliases(slugs);
        OrganizationDirectory directory = organizations.freshDirectory();
        Changes changes = new Changes();
        long last = 0;
        for (String slug : slugs) {
            long revision = revisions.getOrDefault(slug, 0L) + 1;
            ModelChanged entry = limits.bound(ModelMerger.recompute(slug, revision, assertions.getOrDefault(slug, new LinkedHashMap<>()).values(),
                    directory, adminAliases.getOrDefault(slug, List.of())));
            if (entry == null) {
                continue;
            }
            String snapshot = json.write(entry);
            changes.revision(new Revision(slug, revision, cause, null, snapshot, now)).show(new Shown(entry, snapshot, directory));
            last = revision;
        }
        writer.write(changes, EventTypes.MODEL_CHANGED, now);
        return last;
    }
}
