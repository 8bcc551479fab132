package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.Assertion;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first two round trips of the consumer's write path (the third is {@link ChangeWriter#write}). Each method is
 * one round trip to PostgreSQL (several statements in one prepared query), which is what decides throughput on a
 * busy machine, more than the statements' cost. Every method runs on the connection of the caller's JTA transaction.
 */
@ApplicationScoped
public class BatchStore {

    private final Jdbc jdbc;
    private final EntryStore entries;

    public BatchStore(Jdbc jdbc, EntryStore entries) {
        this.jdbc = jdbc;
        this.entries = entries;
    }

    public record Prepared(Set<String> freshIds, Set<String> retracted, Map<String, String> slugByKey,
                           Map<String, String> assertionSlugs) {
    }

    /**
     * The first round trip of a batch: records the events as processed (which ones are new), which of its
     * announcements were retracted before, the slug of each match key (inserting the new keys with their candidate
     * slug, following a merge redirect; a concurrent replica's insert of the same key wins and everyone reads the
     * winner back), and the slug of each announcement a retraction names.
     */
    public Prepared prepare(List<String> ids, List<String> types, Instant now, Collection<String> announcementIds,
                            List<String> keys, List<String> candidateSlugs, List<String> names, Collection<String> retractionTargets) {
        return jdbc.sql("insert into processed_event (event_id, event_type, processed_at) "
                + "select id, type, ? from unnest(?::text[], ?::text[]) as e(id, type) on conflict do nothing returning event_id; "
                + "select event_id from retracted_announcement where event_id = any(?); "
                + "insert into model_alias (name_key, slug, name, added_by, created_at) "
                + "select c.k, coalesce(r.target, c.s), c.n, 'announcement', ? from unnest(?::text[], ?::text[], ?::text[]) as c(k, s, n) "
                + "left join model_redirect r on r.slug = c.s order by c.k on conflict do nothing; "
                + "select name_key, slug from model_alias where name_key = any(?); "
                + "select event_id, slug from assertion where event_id = any(?)", s -> {
            Connection c = s.getConnection();
            Timestamp at = Timestamp.from(now);
            s.setTimestamp(1, at);
            s.setArray(2, Jdbc.texts(c, ids));
            s.setArray(3, Jdbc.texts(c, types));
            s.setArray(4, Jdbc.texts(c, announcementIds));
            s.setTimestamp(5, at);
            s.setArray(6, Jdbc.texts(c, keys));
            s.setArray(7, Jdbc.texts(c, candidateSlugs));
            s.setArray(8, Jdbc.texts(c, names));
            s.setArray(9, Jdbc.texts(c, keys));
            s.setArray(10, Jdbc.texts(c, retractionTargets));
            Set<String> fresh = new HashSet<>();
            Set<String> retracted = new HashSet<>();
            Map<String, String> slugByKey = new HashMap<>();
            Map<String, String> assertionSlugs = new HashMap<>();
            s.execute();
            Jdbc.readAll(Jdbc.nextResultSet(s, true), r -> fresh.add(r.getString(1)));
            Jdbc.readAll(Jdbc.nextResultSet(s, false), r -> retracted.add(r.getString(1)));
            Jdbc.readAll(Jdbc.nextResultSet(s, false), r -> slugByKey.put(r.getString(1), r.getString(2)));
            Jdbc.readAll(Jdbc.nextResultSet(s, false), r -> assertionSlugs.put(r.getString(1), r.getString(2)));
            return new Prepared(fresh, retracted, slugByKey, assertionSlugs);
        });
    }

    public record EntryState(Map<String, Long> revisions, Map<String, LinkedHashMap<String, Assertion>> assertions,
                             Map<String, List<String>> adminAliases) {
    }

    /**
     * Locks the entries (serialising writers across replicas, in slug order so two batches never deadlock) and
     * reads them: the last revision ever given (numbering never restarts, even after a deletion), the assertions,
     * the admin aliases.
     */
    public EntryState lockAndLoad(Collection<String> slugs) {
        List<String> sorted = slugs.stream().distinct().sorted().toList();
        return jdbc.sql(EntryStore.LOCK_BUCKETS + "; "
                + "select s, coalesce((select max(revision) from model_revision r where r.slug = s), "
                + "(select revision from model m where m.slug = s)) from unnest(?::text[]) as t(s); "
                + "select slug, event_id, facts from assertion where slug = any(?) order by event_id; "
                + "select slug, name from model_alias where added_by = 'admin' and slug = any(?)", s -> {
            Array array = Jdbc.texts(s.getConnection(), sorted);
            s.setInt(1, EntryStore.ENTRY_LOCKS);
            s.setArray(2, array);
            s.setArray(3, array);
            s.setArray(4, array);
            s.setArray(5, array);
            Map<String, Long> revisions = new HashMap<>();
            Map<String, LinkedHashMap<String, Assertion>> assertions = new HashMap<>();
            Map<String, List<String>> adminAliases = new HashMap<>();
            s.execute();
            Jdbc.readAll(Jdbc.nextResultSet(s, true), r -> { });
            Jdbc.readAll(Jdbc.nextResultSet(s, false), r -> {
                long revision = r.getLong(2);
                if (!r.wasNull()) {
                    revisions.put(r.getString(1), revision);
                }
            });
            Jdbc.readAll(Jdbc.nextResultSet(s, false), r -> assertions.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                    .put(r.getString(2), entries.assertion(r)));
            Jdbc.readAll(Jdbc.nextResultSet(s, false), r -> adminAliases.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2)));
            return new EntryState(revisions, assertions, adminAliases);
        });
    }
}
