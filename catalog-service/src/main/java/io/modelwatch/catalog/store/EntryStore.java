package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.contract.ReleaseAnnounced;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The entries as the admin changes see them: their locks, current revisions, assertions, merges. */
@ApplicationScoped
public class EntryStore {

    /** Advisory-lock namespace of catalog entries (pg_advisory_xact_lock(namespace, hashtext(slug))). */
    static final int ENTRY_LOCKS = 0x4d57_0001;

    /**
     * Locks the entries of a batch (first parameter: the namespace, second: the slugs). An entry's lock is one of
     * 1024 buckets (hashtext(slug) & 1023), taken in ascending order: a batch of thousands of entries takes at most
     * 1024 advisory locks (PostgreSQL's shared lock table holds max_locks_per_transaction x max_connections, 6,400 by
     * default), and two writers always lock in the same order, so they never deadlock. Two entries sharing a bucket
     * only means their writers wait for each other.
     */
    static final String LOCK_BUCKETS = "select count(pg_advisory_xact_lock(?, b)) from "
            + "(select distinct hashtext(s) & 1023 as b from unnest(?::text[]) as t(s) order by b) as buckets";

    private final Jdbc jdbc;
    private final JsonDocuments json;

    public EntryStore(Jdbc jdbc, JsonDocuments json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Serialises writers of the same entries, across replicas; in slug order, so two batches never deadlock. */
    public void lock(Collection<String> slugs) {
        List<String> sorted = slugs.stream().distinct().sorted().toList();
        jdbc.sql(LOCK_BUCKETS, s -> {
            s.setInt(1, ENTRY_LOCKS);
            s.setArray(2, Jdbc.texts(s.getConnection(), sorted));
            s.executeQuery().close();
            return null;
        });
    }

    public Map<String, Long> currentRevisions(Collection<String> slugs) {
        Map<String, Long> revisions = new HashMap<>();
        jdbc.sql("select slug, revision from model where slug = any(?)", s -> {
            s.setArray(1, Jdbc.texts(s.getConnection(), slugs));
            Jdbc.readAll(s.executeQuery(), r -> revisions.put(r.getString(1), r.getLong(2)));
            return null;
        });
        return revisions;
    }

    public Map<String, LinkedHashMap<String, Assertion>> assertions(Collection<String> slugs) {
        Map<String, LinkedHashMap<String, Assertion>> bySlug = new HashMap<>();
        jdbc.sql("select slug, event_id, facts from assertion where slug = any(?) order by event_id", s -> {
            s.setArray(1, Jdbc.texts(s.getConnection(), slugs));
            Jdbc.readAll(s.executeQuery(), r -> bySlug.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                    .put(r.getString(2), assertion(r)));
            return null;
        });
        return bySlug;
    }

    /** An assertion from a row whose second and third columns are its event id and facts. */
    Assertion assertion(ResultSet r) throws java.sql.SQLException {
        return new Assertion(r.getString(2), json.read(r.getString(3), ReleaseAnnounced.class));
    }

    public void moveAssertions(String from, String to) {
        jdbc.update("update assertion set slug = ? where slug = ?", to, from);
    }

    /** {@code from} redirects to {@code to} from now on, and so does every slug that redirected to {@code from}. */
    public void addRedirect(String from, String to, Instant now) {
        jdbc.update("update model_redirect set target = ? where target = ?", to, from);
        jdbc.sql("insert into model_redirect (slug, target, merged_at) values (?, ?, ?) on conflict (slug) do update set target = excluded.target", s -> {
            s.setString(1, from);
            s.setString(2, to);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate();
        });
    }
}
