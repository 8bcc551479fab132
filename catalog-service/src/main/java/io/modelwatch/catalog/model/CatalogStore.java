package io.modelwatch.catalog.model;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.IOException;
import java.io.StringWriter;
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
import java.util.function.Function;

/**
 * The catalog's tables, through plain JDBC: the write path handles a whole batch of events with a few
 * set-based statements (arrays and JDBC batches) instead of one ORM round trip per row. Every method runs on
 * the connection of the caller's JTA transaction.
 */
@ApplicationScoped
public class CatalogStore {

    /** Advisory-lock namespace of catalog entries (pg_advisory_xact_lock(namespace, hashtext(slug))). */
    private static final int ENTRY_LOCKS = 0x4d57_0001;

    /**
     * Locks the entries of a batch (first parameter: the namespace, second: the slugs). An entry's lock is one of
     * 1024 buckets (hashtext(slug) & 1023), taken in ascending order: a batch of thousands of entries takes at most
     * 1024 advisory locks (PostgreSQL's shared lock table holds max_locks_per_transaction x max_connections, 6,400 by
     * default), and two writers always lock in the same order, so they never deadlock. Two entries sharing a bucket
     * only means their writers wait for each other.
     */
    private static final String LOCK_BUCKETS = "select count(pg_advisory_xact_lock(?, b)) from "
            + "(select distinct hashtext(s) & 1023 as b from unnest(?::text[]) as t(s) order by b) as buckets";

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
        return sql("insert into processed_event (event_id, event_type, processed_at) "
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
            s.setArray(2, texts(c, ids));
            s.setArray(3, texts(c, types));
            s.setArray(4, texts(c, announcementIds));
            s.setTimestamp(5, at);
            s.setArray(6, texts(c, keys));
            s.setArray(7, texts(c, candidateSlugs));
            s.setArray(8, texts(c, names));
            s.setArray(9, texts(c, keys));
            s.setArray(10, texts(c, retractionTargets));
            Set<String> fresh = new HashSet<>();
            Set<String> retracted = new HashSet<>();
            Map<String, String> slugByKey = new HashMap<>();
            Map<String, String> assertionSlugs = new HashMap<>();
            s.execute();
            readAll(nextResultSet(s, true), r -> fresh.add(r.getString(1)));
            readAll(nextResultSet(s, false), r -> retracted.add(r.getString(1)));
            readAll(nextResultSet(s, false), r -> slugByKey.put(r.getString(1), r.getString(2)));
            readAll(nextResultSet(s, false), r -> assertionSlugs.put(r.getString(1), r.getString(2)));
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
        return sql(LOCK_BUCKETS + "; "
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
        sql(LOCK_BUCKETS, s -> {
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

    public Set<String> retracted(Collection<String> eventIds) {
        return new HashSet<>(pairs("select event_id, event_id from retracted_announcement where event_id = any(?)", eventIds).keySet());
    }



    public void moveAssertions(String from, String to) {
        update("update assertion set slug = ? where slug = ?", to, from);
    }

    public record Retraction(String announcementEventId, String retractionEventId, String reason, Instant at) {
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


    public record Shown(ModelChanged snapshot, String snapshotJson, OrganizationDirectory directory) {
    }


    /**
     * Everything a batch (or an admin change) writes, in one round trip: each table's rows go in as arrays
     * (unnest), one statement per table, all sent together. Empty parts are left out.
     */
    public static final class Changes {
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

    public void write(Changes changes, String outboxEventType, Instant now) {
        statements(changes, outboxEventType, now).execute();
    }

    /**
     * The statements that write {@code changes}, not yet executed: {@link Statements#execute()} sends them in one
     * round trip on the transaction's connection; the benchmark times them one by one on a connection of its own.
     */
    public Statements statements(Changes changes, String outboxEventType, Instant now) {
        Statements m = new Statements();
        // The rows of each table go in as one JSON array (json_to_recordset): the documents (facts, snapshots)
        // are copied into it as they are, with no escaping, and PostgreSQL parses the whole array once.
        if (!changes.addedAssertions.isEmpty()) {
            m.add("insert into assertion (event_id, slug, publisher, confidence, stated_at, facts) select * from json_to_recordset(?::json) "
                    + "as t(event_id text, slug text, publisher text, confidence text, stated_at timestamptz, facts json)",
                    jsonRows(changes.addedAssertions, (g, a) -> {
                        g.writeStringField("event_id", a.eventId());
                        g.writeStringField("slug", changes.slugByEvent.get(a.eventId()));
                        g.writeStringField("publisher", a.publisher());
                        g.writeStringField("confidence", a.confidence() == null ? null : a.confidence().name().toLowerCase(Locale.ROOT));
                        g.writeStringField("stated_at", a.statedAt() == null ? null : a.statedAt().toString());
                        g.writeFieldName("facts");
                        json.writeValue(g, a.facts());
                    }));
        }
        if (!changes.removedAssertions.isEmpty()) {
            m.add("delete from assertion where event_id = any(?)", texts(changes.removedAssertions, x -> x));
        }
        if (!changes.retractions.isEmpty()) {
            List<Retraction> rows = changes.retractions;
            m.add("insert into retracted_announcement (event_id, retraction_event_id, reason, retracted_at) "
                    + "select * from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) on conflict do nothing",
                    texts(rows, Retraction::announcementEventId), texts(rows, Retraction::retractionEventId), texts(rows, Retraction::reason),
                    typed("timestamptz", rows, Retraction::at));
        }
        if (!changes.revisions.isEmpty()) {
            // One outbox row per revision, ordered: the relay publishes by id, so ids follow the revisions' order.
            // The row names its revision; the relay reads the snapshot from model_revision (a null snapshot, JSON null
            // or SQL null, is a tombstone).
            int[] order = {0};
            m.add("with r as (select * from json_to_recordset(?::json) as t(i int, slug text, revision bigint, cause text, event_id text, "
                    + "snapshot json, at timestamptz, traceparent text, tracestate text)), "
                    + "revisions as (insert into model_revision (slug, revision, cause, event_id, snapshot, created_at) "
                    + "select slug, revision, cause, event_id, snapshot, at from r) "
                    + "insert into outbox_event (event_id, event_type, aggregate_id, revision, created_at, traceparent, tracestate) "
                    + "select gen_random_uuid(), ?, slug, revision, at, traceparent, tracestate from r order by i",
                    jsonRows(changes.revisions, (g, r) -> {
                        g.writeNumberField("i", order[0]++);
                        g.writeStringField("slug", r.slug());
                        g.writeNumberField("revision", r.revision());
                        g.writeStringField("cause", r.cause());
                        g.writeStringField("event_id", r.eventId());
                        g.writeFieldName("snapshot");
                        if (r.snapshotJson() == null) {
                            g.writeNull();
                        } else {
                            g.writeRawValue(r.snapshotJson());
                        }
                        g.writeStringField("at", r.at().toString());
                        EventTraces.Stored trace = traces.forOutbox(r.eventId());
                        g.writeStringField("traceparent", trace.traceparent());
                        g.writeStringField("tracestate", trace.tracestate());
                    }), outboxEventType);
        }
        if (!changes.shown.isEmpty()) {
            m.add("insert into model (slug, revision, kind, name, published_start, parameters, announcements, snapshot, updated_at, "
                    + "accessibility, organizations, countries, modalities, tags, search) "
                    + "select slug, revision, kind, name, published_start, parameters, announcements, snapshot, ?, "
                    + "accessibility, organizations, countries, modalities, tags, search "
                    + "from json_to_recordset(?::json) as t(slug text, revision bigint, kind text, name text, published_start date, "
                    + "parameters bigint, announcements int, snapshot jsonb, accessibility text, organizations text[], countries text[], "
                    + "modalities text[], tags text[], search text) "
                    + "on conflict (slug) do update set "
                    + "revision = excluded.revision, kind = excluded.kind, name = excluded.name, published_start = excluded.published_start, "
                    + "parameters = excluded.parameters, announcements = excluded.announcements, snapshot = excluded.snapshot, "
                    + "updated_at = excluded.updated_at, accessibility = excluded.accessibility, organizations = excluded.organizations, "
                    + "countries = excluded.countries, modalities = excluded.modalities, tags = excluded.tags, search = excluded.search",
                    Timestamp.from(now),
                    jsonRows(changes.shown, (g, e) -> {
                        ModelChanged m2 = e.snapshot();
                        g.writeStringField("slug", m2.slug());
                        g.writeNumberField("revision", m2.revision());
                        g.writeStringField("kind", m2.kind().name().toLowerCase(Locale.ROOT));
                        g.writeStringField("name", m2.name());
                        g.writeStringField("published_start", m2.published() == null ? null : m2.published().start().toString());
                        if (m2.parameters() == null) {
                            g.writeNullField("parameters");
                        } else {
                            g.writeNumberField("parameters", m2.parameters().value());
                        }
                        g.writeNumberField("announcements", m2.announcements());
                        g.writeFieldName("snapshot");
                        g.writeRawValue(e.snapshotJson());
                        g.writeStringField("accessibility", m2.accessibility() == null ? null : accessibilityName(m2.accessibility()));
                        writeStrings(g, "organizations", m2.organizations().stream().map(o -> MatchKeys.organization(o.name())).distinct().toList());
                        writeStrings(g, "countries", m2.organizations().stream().map(Organization::country).filter(x -> x != null).distinct().toList());
                        writeStrings(g, "modalities", lower(m2.modalities()));
                        writeStrings(g, "tags", lower(m2.tags()));
                        g.writeStringField("search", searchText(m2, e.directory()));
                    }));
        }
        if (!changes.deletedModels.isEmpty()) {
            m.add("delete from model where slug = any(?)", texts(changes.deletedModels, x -> x));
        }
        return m;
    }

    private final Map<Object, String> accessibilityNames = new java.util.concurrent.ConcurrentHashMap<>();

    /** The accessibility's JSON name (as the contract writes it), memoised: convertValue is costly per row. */
    private String accessibilityName(Object accessibility) {
        return accessibilityNames.computeIfAbsent(accessibility, a -> json.convertValue(a, String.class));
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    @FunctionalInterface
    private interface JsonRowWriter<T> {
        void write(JsonGenerator generator, T row) throws IOException;
    }

    /** The rows as one JSON array of objects, for json_to_recordset. */
    private <T> String jsonRows(Collection<T> rows, JsonRowWriter<T> writer) {
        StringWriter out = new StringWriter(rows.size() * 1024);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (T row : rows) {
                g.writeStartObject();
                writer.write(g, row);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An array parameter, made once a connection is at hand. */
    private record ArrayParameter(String type, String[] values) {
    }

    private static <T> ArrayParameter texts(Collection<T> rows, Function<T, String> f) {
        return typed("text", rows, f);
    }

    /** Elements go as text and are parsed by the server as {@code type} (timestamps as ISO instants). */
    private static <T> ArrayParameter typed(String type, Collection<T> rows, Function<T, ?> f) {
        String[] values = new String[rows.size()];
        int i = 0;
        for (T row : rows) {
            Object v = f.apply(row);
            values[i++] = v == null ? null : v instanceof Instant instant ? instant.toString() : v.toString();
        }
        return new ArrayParameter(type, values);
    }

    /** Several statements, sent in one round trip (PgJDBC sends a multi-statement query as one pipeline). */
    public final class Statements {
        private final List<String> statements = new ArrayList<>();
        private final List<Object[]> parameters = new ArrayList<>();

        void add(String statement, Object... values) {
            statements.add(statement);
            parameters.add(values);
        }

        /** All of them in one round trip, on the connection of the caller's transaction. */
        public void execute() {
            if (statements.isEmpty()) {
                return;
            }
            sql(String.join("; ", statements), s -> {
                int n = 1;
                for (Object[] values : parameters) {
                    for (Object p : values) {
                        bind(s, n++, p);
                    }
                }
                s.execute();
                while (s.getMoreResults() || s.getUpdateCount() != -1) {
                    // every statement's outcome read; a failure has already been thrown by execute
                }
                return null;
            });
        }

        /**
         * One by one on {@code connection} (the benchmark's own), reporting each statement's wall time: its first
         * words name the table it writes.
         */
        public void executeEach(Connection connection, java.util.function.ObjLongConsumer<String> timing) throws SQLException {
            for (int i = 0; i < statements.size(); i++) {
                long start = System.nanoTime();
                try (PreparedStatement s = connection.prepareStatement(statements.get(i))) {
                    int n = 1;
                    for (Object p : parameters.get(i)) {
                        bind(s, n++, p);
                    }
                    s.execute();
                }
                timing.accept(statements.get(i), System.nanoTime() - start);
            }
        }

        private static void bind(PreparedStatement s, int index, Object p) throws SQLException {
            if (p instanceof ArrayParameter a) {
                s.setArray(index, s.getConnection().createArrayOf(a.type(), a.values()));
            } else if (p instanceof Timestamp t) {
                s.setTimestamp(index, t);
            } else {
                s.setString(index, (String) p);
            }
        }
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
    public static String searchText(ModelChanged m, OrganizationDirectory directory) {
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
