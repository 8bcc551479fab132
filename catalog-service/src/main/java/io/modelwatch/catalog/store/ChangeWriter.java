package io.modelwatch.catalog.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.catalog.domain.SearchText;
import io.modelwatch.catalog.telemetry.EventTraces;
import io.modelwatch.catalog.store.Changes.Retraction;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last round trip of the write path, shared by the consumer and the admin changes: everything a batch changes,
 * as one statement per table, sent together on the connection of the caller's transaction.
 */
@ApplicationScoped
public class ChangeWriter {

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final EventTraces traces;

    public ChangeWriter(Jdbc jdbc, ObjectMapper json, EventTraces traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
    }

    public void write(Changes changes, String outboxEventType, Instant now) {
        statements(changes, outboxEventType, now).execute();
    }

    /**
     * The statements that write {@code changes}, not yet executed: {@link Statements#execute()} sends them in one
     * round trip on the transaction's connection.
     */
    public Statements statements(Changes changes, String outboxEventType, Instant now) {
        Statements m = new Statements(jdbc);
        // The rows of each table go in as JSON arrays (json_to_recordset), one statement per chunk of about 64 K
        // characters: the documents (facts, snapshots) are copied into them as they are, with no escaping.
        if (!changes.addedAssertions.isEmpty()) {
            for (String rows : jsonRows(changes.addedAssertions, (g, a) -> {
                    g.writeStringField("event_id", a.eventId());
                    g.writeStringField("slug", changes.slugByEvent.get(a.eventId()));
                    g.writeStringField("publisher", a.publisher());
                    g.writeStringField("confidence", a.confidence() == null ? null : a.confidence().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("stated_at", a.statedAt() == null ? null : a.statedAt().toString());
                    g.writeFieldName("facts");
                    json.writeValue(g, a.facts());
                })) {
                m.add("insert into assertion (event_id, slug, publisher, confidence, stated_at, facts) select * from json_to_recordset(?::json) "
                        + "as t(event_id text, slug text, publisher text, confidence text, stated_at timestamptz, facts json)", rows);
            }
        }
        if (!changes.removedAssertions.isEmpty()) {
            m.add("delete from assertion where event_id = any(?)", Statements.texts(changes.removedAssertions, x -> x));
        }
        if (!changes.retractions.isEmpty()) {
            List<Retraction> rows = changes.retractions;
            m.add("insert into retracted_announcement (event_id, retraction_event_id, reason, retracted_at) "
                    + "select * from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) on conflict do nothing",
                    Statements.texts(rows, Retraction::announcementEventId), Statements.texts(rows, Retraction::retractionEventId), Statements.texts(rows, Retraction::reason),
                    Statements.typed("timestamptz", rows, Retraction::at));
        }
        if (!changes.revisions.isEmpty()) {
            // One outbox row per revision, ordered: the relay publishes by id, so ids follow the revisions' order.
            // The row names its revision; the relay reads the snapshot from model_revision (a null snapshot, JSON null
            // or SQL null, is a tombstone).
            int[] order = {0}; // across the chunks too: each chunk's statement runs after the one before
            String sql = "with r as (select * from json_to_recordset(?::json) as t(i int, slug text, revision bigint, cause text, event_id text, "
                    + "snapshot json, at timestamptz, traceparent text, tracestate text)), "
                    + "revisions as (insert into model_revision (slug, revision, cause, event_id, snapshot, created_at) "
                    + "select slug, revision, cause, event_id, snapshot, at from r) "
                    + "insert into outbox_event (event_id, event_type, aggregate_id, revision, created_at, traceparent, tracestate) "
                    + "select gen_random_uuid(), ?, slug, revision, at, traceparent, tracestate from r order by i";
            for (String rows : jsonRows(changes.revisions, (g, r) -> {
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
                })) {
                m.add(sql, rows, outboxEventType);
            }
        }
        if (!changes.shown.isEmpty()) {
            String sql = "insert into model (slug, revision, kind, name, published_start, parameters, training_compute, announcements, snapshot, "
                    + "updated_at, accessibility, organizations, countries, modalities, tags, search, organization_names, published_key) "
                    + "select slug, revision, kind, name, published_start, parameters, training_compute, announcements, snapshot, ?, "
                    + "accessibility, organizations, countries, modalities, tags, search, organization_names, published_key "
                    + "from json_to_recordset(?::json) as t(slug text, revision bigint, kind text, name text, published_start date, "
                    + "parameters bigint, training_compute double precision, announcements int, snapshot jsonb, accessibility text, "
                    + "organizations text[], countries text[], modalities text[], tags text[], search text, "
                    + "organization_names text[], published_key text) "
                    + "on conflict (slug) do update set "
                    + "revision = excluded.revision, kind = excluded.kind, name = excluded.name, published_start = excluded.published_start, "
                    + "parameters = excluded.parameters, training_compute = excluded.training_compute, announcements = excluded.announcements, snapshot = excluded.snapshot, "
                    + "updated_at = excluded.updated_at, accessibility = excluded.accessibility, organizations = excluded.organizations, "
                    + "countries = excluded.countries, modalities = excluded.modalities, tags = excluded.tags, search = excluded.search, "
                    + "organization_names = excluded.organization_names, published_key = excluded.published_key";
            Timestamp updatedAt = Timestamp.from(now);
            for (String rows : jsonRows(changes.shown, (g, e) -> {
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
                    if (m2.trainingCompute() == null) {
                        g.writeNullField("training_compute");
                    } else {
                        g.writeNumberField("training_compute", m2.trainingCompute().value());
                    }
                    g.writeNumberField("announcements", m2.announcements());
                    g.writeFieldName("snapshot");
                    g.writeRawValue(e.snapshotJson());
                    g.writeStringField("accessibility", m2.accessibility() == null ? null : accessibilityName(m2.accessibility()));
                    writeStrings(g, "organizations", m2.organizations().stream().map(o -> ModelIdentity.organizationKey(o.name())).distinct().toList());
                    writeStrings(g, "countries", m2.organizations().stream().flatMap(o -> o.countries().stream()).filter(x -> x != null).distinct().toList());
                    writeStrings(g, "modalities", lower(m2.modalities()));
                    writeStrings(g, "tags", lower(m2.tags()));
                    g.writeStringField("search", SearchText.of(m2, e.directory()));
                    // the overview's columns (V10): no statistic reads the snapshot's JSON
                    writeStrings(g, "organization_names", m2.organizations().stream().map(o -> o.name()).filter(x -> x != null).distinct().toList());
                    String published = m2.published() == null ? null : m2.published().value();
                    g.writeStringField("published_key", published == null ? null : published.substring(0, Math.min(7, published.length())));
                })) {
                m.add(sql, updatedAt, rows);
            }
        }
        if (!changes.deletedModels.isEmpty()) {
            m.add("delete from model where slug = any(?)", Statements.texts(changes.deletedModels, x -> x));
        }
        return m;
    }

    private final Map<Object, String> accessibilityNames = new ConcurrentHashMap<>();

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

    /** The rows as JSON arrays of objects for json_to_recordset, one statement each (see {@link JsonChunks}). */
    private <T> List<String> jsonRows(Collection<T> rows, JsonChunks.RowWriter<T> writer) {
        return JsonChunks.of(json.getFactory(), rows, writer);
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
