package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.contract.ModelChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a batch (or an admin change) writes, in one round trip ({@link ChangeWriter}): each table's rows go in
 * as arrays, one statement per table, all sent together. Empty parts are left out.
 */
public final class Changes {

    /** A revision of an entry; a null snapshot is a tombstone. */
    public record Revision(String slug, long revision, String cause, String eventId, String snapshotJson, Instant at) {
    }

    public record Retraction(String announcementEventId, String retractionEventId, String reason, Instant at) {
    }

    /** An entry as the catalog shows it: its snapshot, and the directory its search text is made with. */
    public record Shown(ModelChanged snapshot, String snapshotJson, OrganizationDirectory directory) {
    }

    final List<Assertion> addedAssertions = new ArrayList<>();
    final Map<String, String> slugByEvent = new HashMap<>();
    final List<String> removedAssertions = new ArrayList<>();
    final List<Retraction> retractions = new ArrayList<>();
    final List<Revision> revisions = new ArrayList<>();
    final List<Shown> shown = new ArrayList<>();
    final List<String> deletedModels = new ArrayList<>();

    public Changes addAssertion(Assertion assertion, String slug) {
        addedAssertions.add(assertion);
        slugByEvent.put(assertion.eventId(), slug);
        return this;
    }

    public Changes removeAssertions(Collection<String> eventIds) {
        removedAssertions.addAll(eventIds);
        return this;
    }

    public Changes retractions(Collection<Retraction> rows) {
        retractions.addAll(rows);
        return this;
    }

    /** A revision, and its outbox row: the outbox keeps the order in which revisions are added. */
    public Changes revision(Revision revision) {
        revisions.add(revision);
        return this;
    }

    public Changes show(Shown entry) {
        shown.add(entry);
        return this;
    }

    public Changes delete(String slug) {
        deletedModels.add(slug);
        return this;
    }
}
