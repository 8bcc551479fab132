package io.modelwatch.catalog.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.modelwatch.catalog.service.Assertion;
import io.modelwatch.catalog.service.MatchKeys;
import io.modelwatch.catalog.service.OrganizationDirectory;
import io.modelwatch.catalog.telemetry.EventTraces;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.ReleaseAnnounced;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog's tables, through plain JDBC: the write path handles a whole batch of events with a few
 * set-based statements (arrays and JDBC batches) instead of one ORM round trip per row. Every method runs on
 * the connection of the caller's JTA transaction.
 */
@ApplicationScoped
public class CatalogStore {

    /** Advisory-lock namespace of catalog entries (pg_advisory_xact_lock(namespace, hashtext(slug))). */
    private static final int ENTRY_LOCKS = 0x4d57_0001;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final EventTraces traces;

    public CatalogStore(AgroalDataSource dataSource, ObjectMapper json, EventTraces traces) {
        this.dataSource = dataSource;
        this.json = json;
        this.traces = traces;
    }

    public record Revision(String slug, long revision, String cause, String eventId, String snapshotJson, Instant at) {
    }

    public record AliasRow(String nameKey, String slug, String name, String addedBy) {
    }

    // ---- the consumer's round trips: each method is one round trip to PostgreSQL (several statements in one
    // ---- prepared query), which is what decides throughput on a busy machine, more than the statements' cost.

    public record Fresh(Set<String> freshIds, Set<String> retracted) {
    }

    /** Records the events as processed and says which are new, and which announcements were retracted before. */
    public Fresh markProcessed(List<String> ids, List<String> types, Instant now, Collection<String> announcementIds) {
        return sql("insert into processed_event (event_id, event_type, processed_at) "
                + "select id, type, ? from unnest(?::text[], ?::text[]) as e(id, type) on conflict do nothing returning event_id; "
                + "select event_id from retracted_announcement where event_id = any(?)", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, texts(s.getConnection(), ids));
            s.setArray(3, texts(s.getConnection(), types));
            s.setArray(4, texts(s.getConnection(), announcementIds));
            Set<String> fresh = new HashSet<>();
            Set<String> retracted = new HashSet<>();
            s.execute();
            readAll(nextResultSet(s, true), r -> fresh.add(r.getString(1)));
            readAll(nextResultSet(s, false), r -> retracted.add(r.getString(1)));
            return new Fresh(fresh, retracted);
        });
    }

    /**
     * The slug of each match key: the one on file, or else the candidate (following a merge redirect), inserted
     * unless a concurrent replica inserted the key first; everyone reads the winner back.
     */
    public Map<String, String> resolveAliases(List<String> keys, List<String> candidateSlugs, List<String> names, Instant now) {
        return sql("insert into model_alias (name_key, slug, name, added_by, created_at) "
                + "select c.k, coalesce(r.target, c.s), c.n, 'announcement', ? from unnest(?::text[], ?::text[], ?::text[]) as c(k, s, n) "
                + "left join model_redirect r on r.slug = c.s on conflict do nothing; "
                + "select name_key, slug from model_alias where name_key = any(?)", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, texts(s.getConnection(), keys));
            s.setArray(3, texts(s.getConnection(), candidateSlugs));
            s.setArray(4, texts(s.getConnection(), names));
            s.setArray(5, texts(s.getConnection(), keys));
            Map<String, String> slugs = new HashMap<>();
            s.execute();
            readAll(nextResultSet(s, true), r -> slugs.put(r.getString(1), r.getString(2)));
            return slugs;
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
        return sql("select pg_advisory_xact_lock(?, hashtext(s)) from unnest(?::text[]) with ordinality as t(s, i) order by i; "
                + "select s, coalesce((select max(revision) from model_revision r where r.slug = s), "
                + "(select revision from model m where m.slug = s)) from unnest(?::text[]) as t(s); "
                + "select slug, event_id, facts from assertion where slug = any(?) order by event_id; "
                + "select slug, name from model_alias where added_by = 'admin' and slug = any(?)", s -> {
            Array array = texts(s.getConnection(), sorted);
            s.setInt(1, ENTRY_LOCKS);
            s.setArray(2, array);
            s.setArray(3, array);
            s.setArray(4, array);
            s.setArray(5, array);
            Map<String, Long> revisions = new HashMap<>();
            Map<String, LinkedHashMap<String, Assertion>> assertions = new HashMap<>();
            Map<String, List<String>> adminAliases = new HashMap<>();
            s.execute();
            readAll(nextResultSet(s, true), r -> { });
            readAll(nextResultSet(s, false), r -> {
                long revision = r.getLong(2);
                if (!r.wasNull()) {
                    revisions.put(r.getString(1), revision);
                }
            });
            readAll(nextResultSet(s, false), r -> assertions.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                    .put(r.getString(2), new Assertion(r.getString(2), read(r.getString(3), ReleaseAnnounced.class))));
            readAll(nextResultSet(s, false), r -> adminAliases.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2)));
            return new EntryState(revisions, assertions, adminAliases);
        });
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void readAll(ResultSet r, RowReader reader) throws SQLException {
        try (r) {
            while (r.next()) {
                reader.read(r);
            }
        }
    }

    /** The next result set of a multi-statement query, skipping update counts. */
    private static ResultSet nextResultSet(PreparedStatement s, boolean first) throws SQLException {
        boolean isResultSet = first ? s.getResultSet() != null : s.getMoreResults();
        while (!isResultSet) {
            if (s.getUpdateCount() == -1) {
                throw new SQLException("expected another result set");
            }
            isResultSet = s.getMoreResults();
        }
        return s.getResultSet();
    }

    // ---- idempotence

    /** Records the events as processed; returns the ids that were not processed before. */
    public Set<String> markProcessed(List<String> ids, List<String> types, Instant now) {
        Set<String> fresh = new HashSet<>();
        sql("insert into processed_event (event_id, event_type, processed_at) "
                + "select id, type, ? from unnest(?::text[], ?::text[]) as e(id, type) on conflict do nothing returning event_id", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, texts(s.getConnection(), ids));
            s.setArray(3, texts(s.getConnection(), types));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fresh.add(r.getString(1));
                }
            }
            return null;
        });
        return fresh;
    }

    // ---- entity resolution

    public Map<String, String> aliasSlugs(Collection<String> keys) {
        return pairs("select name_key, slug from model_alias where name_key = any(?)", keys);
    }

    public Map<String, String> redirects(Collection<String> slugs) {
        return pairs("select slug, target from model_redirect where slug = any(?)", slugs);
    }

    /** Inserts the aliases whose key is still free; a concurrent replica's insert of the same key wins. */
    public void insertAliases(Collection<AliasRow> aliases, Instant now) {
        batch("insert into model_alias (name_key, slug, name, added_by, created_at) values (?, ?, ?, ?, ?) on conflict do nothing",
                aliases, (s, a) -> {
                    s.setString(1, a.nameKey());
                    s.setString(2, a.slug());
                    s.setString(3, a.name());
                    s.setString(4, a.addedBy());
                    s.setTimestamp(5, Timestamp.from(now));
                });
    }

    public List<AliasRow> aliasesOf(String slug) {
        return sql("select name_key, slug, name, added_by from model_alias where slug = ? order by name", s -> {
            s.setString(1, slug);
            List<AliasRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new AliasRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return rows;
        });
    }

    public Map<String, List<String>> adminAliases(Collection<String> slugs) {
        Map<String, List<String>> bySlug = new HashMap<>();
        sql("select slug, name from model_alias where added_by = 'admin' and slug = any(?)", s -> {
            s.setArray(1, texts(s.getConnection(), slugs));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bySlug.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
            return null;
        });
        return bySlug;
    }

    /** Serialises writers of the same entries, across replicas; in slug order, so two batches never deadlock. */
    public void lock(Collection<String> slugs) {
        List<String> sorted = slugs.stream().distinct().sorted().toList();
        sql("select pg_advisory_xact_lock(?, hashtext(s)) from unnest(?::text[]) with ordinality as t(s, i) order by i", s -> {
            s.setInt(1, ENTRY_LOCKS);
            s.setArray(2, texts(s.getConnection(), sorted));
            s.executeQuery().close();
            return null;
        });
    }

    // ---- entries and provenance

    public Map<String, Long> currentRevisions(Collection<String> slugs) {
        Map<String, Long> revisions = new HashMap<>();
        sql("select slug, revision from model where slug = any(?)", s -> {
            s.setArray(1, texts(s.getConnection(), slugs));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    revisions.put(r.getString(1), r.getLong(2));
                }
            }
            return null;
        });
        return revisions;
    }

    /** The last revision ever given to each slug, including deleted entries (numbering never restarts). */
    public Map<String, Long> lastRevisions(Collection<String> slugs) {
        Map<String, Long> revisions = new HashMap<>();
        if (slugs.isEmpty()) {
            return revisions;
        }
        sql("select slug, max(revision) from model_revision where slug = any(?) group by slug", s -> {
            s.setArray(1, texts(s.getConnection(), slugs));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    revisions.put(r.getString(1), r.getLong(2));
                }
            }
            return null;
        });
        return revisions;
    }

    public Map<String, LinkedHashMap<String, Assertion>> assertions(Collection<String> slugs) {
        Map<String, LinkedHashMap<String, Assertion>> bySlug = new HashMap<>();
        sql("select slug, event_id, facts from assertion where slug = any(?) order by event_id", s -> {
            s.setArray(1, texts(s.getConnection(), slugs));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bySlug.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                            .put(r.getString(2), new Assertion(r.getString(2), read(r.getString(3), ReleaseAnnounced.class)));
                }
            }
            return null;
        });
        return bySlug;
    }

    /** The slug each stored announcement belongs to, by event id. */
    public Map<String, String> assertionSlugs(Collection<String> eventIds) {
        return pairs("select event_id, slug from assertion where event_id = any(?)", eventIds);
    }

    public Set<String> retracted(Collection<String> eventIds) {
        return new HashSet<>(pairs("select event_id, event_id from retracted_announcement where event_id = any(?)", eventIds).keySet());
    }

    public void insertAssertions(Collection<Assertion> assertions, Map<String, String> slugByEvent) {
        batch("insert into assertion (event_id, slug, publisher, confidence, stated_at, facts) values (?, ?, ?, ?, ?, ?::jsonb)",
                assertions, (s, a) -> {
                    s.setString(1, a.eventId());
                    s.setString(2, slugByEvent.get(a.eventId()));
                    s.setString(3, a.publisher());
                    s.setString(4, a.confidence() == null ? null : a.confidence().name().toLowerCase(Locale.ROOT));
                    s.setTimestamp(5, a.statedAt() == null ? null : Timestamp.from(a.statedAt()));
                    s.setString(6, write(a.facts()));
                });
    }

    public void deleteAssertions(Collection<String> eventIds) {
        if (!eventIds.isEmpty()) {
            sql("delete from assertion where event_id = any(?)", s -> {
                s.setArray(1, texts(s.getConnection(), eventIds));
                return s.executeUpdate();
            });
        }
    }

    public void moveAssertions(String from, String to) {
        update("update assertion set slug = ? where slug = ?", to, from);
    }

    public record Retraction(String announcementEventId, String retractionEventId, String reason, Instant at) {
    }

    public void insertRetractions(Collection<Retraction> retractions) {
        batch("insert into retracted_announcement (event_id, retraction_event_id, reason, retracted_at) values (?, ?, ?, ?) on conflict do nothing",
                retractions, (s, r) -> {
                    s.setString(1, r.announcementEventId());
                    s.setString(2, r.retractionEventId());
                    s.setString(3, r.reason());
                    s.setTimestamp(4, Timestamp.from(r.at()));
                });
    }

    private static final long DIRECTORY_TTL_NANOS = 5_000_000_000L;
    private volatile OrganizationDirectory cachedDirectory;
    private volatile long cachedAt;

    /**
     * The curated organisations, cached for a few seconds (the table changes only through the admin API, which
     * reads it fresh; another replica's admin change is seen within the TTL).
     */
    public OrganizationDirectory directory() {
        OrganizationDirectory cached = cachedDirectory;
        if (cached != null && System.nanoTime() - cachedAt < DIRECTORY_TTL_NANOS) {
            return cached;
        }
        return freshDirectory();
    }

    public OrganizationDirectory freshDirectory() {
        OrganizationDirectory directory = loadDirectory();
        cachedDirectory = directory;
        cachedAt = System.nanoTime();
        return directory;
    }

    private OrganizationDirectory loadDirectory() {
        return sql("select o.name, o.country, o.category, a.alias_key, a.alias from organization o "
                + "left join organization_alias a on a.organization = o.name", s -> {
            Map<String, OrganizationDirectory.Curated> byName = new HashMap<>();
            Map<String, List<String>> aliases = new HashMap<>();
            Map<String, String> keys = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String name = r.getString(1);
                    byName.putIfAbsent(name, null);
                    keys.put(MatchKeys.organization(name), name);
                    aliases.computeIfAbsent(name, k -> new ArrayList<>());
                    if (r.getString(4) != null) {
                        keys.put(r.getString(4), name);
                        aliases.get(name).add(r.getString(5));
                    }
                    byName.put(name, new OrganizationDirectory.Curated(name, r.getString(2), r.getString(3), null));
                }
            }
            Map<String, OrganizationDirectory.Curated> byKey = new HashMap<>();
            keys.forEach((key, name) -> {
                OrganizationDirectory.Curated c = byName.get(name);
                byKey.put(key, new OrganizationDirectory.Curated(c.name(), c.country(), c.category(), List.copyOf(aliases.get(name))));
            });
            return new OrganizationDirectory(byKey);
        });
    }

    // ---- writes of a batch's outcome

    public void insertRevisions(Collection<Revision> revisions) {
        batch("insert into model_revision (slug, revision, cause, event_id, snapshot, created_at) values (?, ?, ?, ?, ?::jsonb, ?)",
                revisions, (s, r) -> {
                    s.setString(1, r.slug());
                    s.setLong(2, r.revision());
                    s.setString(3, r.cause());
                    s.setString(4, r.eventId());
                    s.setString(5, r.snapshotJson());
                    s.setTimestamp(6, Timestamp.from(r.at()));
                });
    }

    /** One outbox row per revision, in revision order; a null snapshot is a tombstone. */
    public void insertOutbox(Collection<Revision> revisions, String eventType) {
        batch("insert into outbox_event (event_id, event_type, aggregate_id, payload, created_at, traceparent, tracestate)"
                        + " values (?, ?, ?, ?::json, ?, ?, ?)",
                revisions, (s, r) -> {
                    s.setObject(1, UUID.randomUUID());
                    s.setString(2, eventType);
                    s.setString(3, r.slug());
                    s.setString(4, r.snapshotJson());
                    s.setTimestamp(5, Timestamp.from(r.at()));
                    EventTraces.Stored trace = traces.forOutbox(r.eventId());
                    s.setString(6, trace.traceparent());
                    s.setString(7, trace.tracestate());
                });
    }

    public record Shown(ModelChanged snapshot, String snapshotJson, OrganizationDirectory directory) {
    }

    public void upsertModels(Collection<Shown> entries, Instant now) {
        batch("insert into model (slug, revision, kind, name, published_start, parameters, announcements, snapshot, updated_at, "
                + "accessibility, organizations, countries, modalities, tags, search) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) on conflict (slug) do update set "
                + "revision = excluded.revision, kind = excluded.kind, name = excluded.name, published_start = excluded.published_start, "
                + "parameters = excluded.parameters, announcements = excluded.announcements, snapshot = excluded.snapshot, "
                + "updated_at = excluded.updated_at, accessibility = excluded.accessibility, organizations = excluded.organizations, "
                + "countries = excluded.countries, modalities = excluded.modalities, tags = excluded.tags, search = excluded.search",
                entries, (s, e) -> {
                    ModelChanged m = e.snapshot();
                    Connection c = s.getConnection();
                    s.setString(1, m.slug());
                    s.setLong(2, m.revision());
                    s.setString(3, m.kind().name().toLowerCase(Locale.ROOT));
                    s.setString(4, m.name());
                    s.setObject(5, m.published() == null ? null : m.published().start(), Types.DATE);
                    if (m.parameters() == null) {
                        s.setNull(6, Types.BIGINT);
                    } else {
                        s.setLong(6, m.parameters().value());
                    }
                    s.setInt(7, m.announcements());
                    s.setString(8, e.snapshotJson());
                    s.setTimestamp(9, Timestamp.from(now));
                    s.setString(10, m.accessibility() == null ? null : json.convertValue(m.accessibility(), String.class));
                    s.setArray(11, texts(c, m.organizations().stream().map(o -> MatchKeys.organization(o.name())).distinct().toList()));
                    s.setArray(12, texts(c, m.organizations().stream().map(Organization::country).filter(x -> x != null).distinct().toList()));
                    s.setArray(13, texts(c, lower(m.modalities())));
                    s.setArray(14, texts(c, lower(m.tags())));
                    s.setString(15, searchText(m, e.directory()));
                });
    }

    public void deleteModels(Collection<String> slugs) {
        if (!slugs.isEmpty()) {
            sql("delete from model where slug = any(?)", s -> {
                s.setArray(1, texts(s.getConnection(), slugs));
                return s.executeUpdate();
            });
        }
    }

    /** What q searches: names, aliases, organisations (with their curated aliases) and both summaries, lower case. */
    static String searchText(ModelChanged m, OrganizationDirectory directory) {
        Set<String> parts = new LinkedHashSet<>();
        parts.add(m.slug());
        parts.add(m.name());
        if (m.aliases() != null) {
            parts.addAll(m.aliases());
        }
        for (Organization o : m.organizations()) {
            parts.add(o.name());
            OrganizationDirectory.Curated curated = directory.find(o.name());
            if (curated != null && curated.aliases() != null) {
                parts.addAll(curated.aliases());
            }
        }
        if (m.summary() != null) {
            if (m.summary().en() != null) {
                parts.add(m.summary().en());
            }
            if (m.summary().zh() != null) {
                parts.add(m.summary().zh());
            }
        }
        return String.join(" \u001f ", parts).toLowerCase(Locale.ROOT);
    }

    // ---- merges

    public void addRedirect(String from, String to, Instant now) {
        update("update model_redirect set target = ? where target = ?", to, from);
        sql("insert into model_redirect (slug, target, merged_at) values (?, ?, ?) on conflict (slug) do update set target = excluded.target", s -> {
            s.setString(1, from);
            s.setString(2, to);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate();
        });
    }

    public void moveAliases(String from, String to) {
        update("update model_alias set slug = ? where slug = ?", to, from);
    }

    // ---- plumbing

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    private Map<String, String> pairs(String query, Collection<String> keys) {
        Map<String, String> pairs = new HashMap<>();
        if (keys.isEmpty()) {
            return pairs;
        }
        sql(query, s -> {
            s.setArray(1, texts(s.getConnection(), keys));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pairs.put(r.getString(1), r.getString(2));
                }
            }
            return null;
        });
        return pairs;
    }

    private void update(String statement, String... parameters) {
        sql(statement, s -> {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        });
    }

    @FunctionalInterface
    public interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    public <T> T sql(String statement, StatementWork<T> work) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            return work.run(s);
        } catch (SQLException e) {
            throw new CatalogStoreException(e);
        }
    }

    private <T> void batch(String statement, Collection<T> rows, RowBinder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        sql(statement, s -> {
            for (T row : rows) {
                binder.bind(s, row);
                s.addBatch();
            }
            s.executeBatch();
            return null;
        });
    }

    /** A database failure; the cause is kept so callers can tell a transient failure from a permanent one. */
    public static class CatalogStoreException extends RuntimeException {
        public CatalogStoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }
}
