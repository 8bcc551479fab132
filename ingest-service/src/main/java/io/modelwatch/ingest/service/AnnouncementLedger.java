package io.modelwatch.ingest.service;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.ingest.model.Announcement;
import io.modelwatch.ingest.model.IdempotencyKey;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What ingest remembers of what it accepted, written (and committed) before the events are sent:
 * the announcement rows that retractions need, and the Idempotency-Key of the request.
 *
 * <p>Idempotency: the event ids of a request with an Idempotency-Key are derived from (API key name,
 * idempotency key, endpoint, line), so a retry with the same body finds the same rows and the events are
 * sent again under the same CloudEvent ids (and the same announcedAt); the catalog is idempotent by event id,
 * so it counts them once. Sending again rather than not at all means that a request whose first attempt got a
 * 503 (recorded here, but never acknowledged by the broker) is delivered by its retry.
 */
@ApplicationScoped
public class AnnouncementLedger {

    /** An announcement that passed validation, with its line in the request (0 for a single announcement). */
    public record Numbered(int line, ReleaseAnnounced event) {
    }

    /** An announcement recorded under the event id it is to be sent with. */
    public record Recorded(int line, UUID eventId, ReleaseAnnounced event) {
    }

    /** A retraction recorded under its own event id. */
    public record RecordedRetraction(UUID eventId, ReleaseRetracted event) {
    }

    private final Clock clock = Clock.systemUTC();
    private final io.modelwatch.ingest.config.IngestConfig config;

    public AnnouncementLedger(io.modelwatch.ingest.config.IngestConfig config) {
        this.config = config;
    }

    @Transactional
    public List<Recorded> record(String keyName, String idempotencyKey, String endpoint, String bodySha256,
                                 List<Numbered> accepted) {
        if (idempotencyKey == null) {
            return java.util.Objects.requireNonNull(persist(keyName, accepted, line -> UUID.randomUUID(), false), "random event id taken");
        }
        Function<Integer, UUID> ids = line -> UUID.nameUUIDFromBytes(
                String.join("\n", keyName, idempotencyKey, endpoint, Integer.toString(line)).getBytes(StandardCharsets.UTF_8));
        IdempotencyKey previous = IdempotencyKey.findById(new IdempotencyKey.Id(keyName, idempotencyKey));
        if (previous != null) {
            if (!previous.endpoint.equals(endpoint) || !previous.bodySha256.equals(bodySha256)) {
                throw new ProblemException(new Problem(java.net.URI.create("https://modelwatch.io/problems/idempotency-key-reused"),
                        "Idempotency-Key reused", 409,
                        "The Idempotency-Key '" + idempotencyKey + "' was already used with another request body"
                                + (previous.endpoint.equals(endpoint) ? "" : " on " + previous.endpoint)
                                + "; use a new key for a new request.", null, null));
            }
            List<UUID> eventIds = accepted.stream().map(n -> ids.apply(n.line())).toList();
            Map<UUID, Announcement> rows = Announcement.<Announcement>list("eventId in ?1", eventIds).stream()
                    .collect(Collectors.toMap(a -> a.eventId, a -> a));
            List<Recorded> replay = new ArrayList<>(accepted.size());
            for (Numbered n : accepted) {
                Announcement row = rows.get(ids.apply(n.line()));
                if (row != null) {
                    replay.add(new Recorded(n.line(), row.eventId, withAnnouncedAt(n.event(), row.announcedAt)));
                }
            }
            return replay;
        }
        IdempotencyKey key = new IdempotencyKey();
        key.id = new IdempotencyKey.Id(keyName, idempotencyKey);
        key.endpoint = endpoint;
        key.bodySha256 = bodySha256;
        key.createdAt = Instant.now(clock);
        key.persist();
        // Written now, so that a concurrent request with the same key waits here and then fails on the key's primary key.
        IdempotencyKey.flush();
        List<Recorded> recorded = persist(keyName, accepted, ids, true);
        if (recorded == null) {
            // The derived event ids exist already: the key was used before and forgotten since (retention).
            throw new ProblemException(new Problem(java.net.URI.create("https://modelwatch.io/problems/idempotency-key-reused"),
                    "Idempotency-Key reused", 409,
                    "The Idempotency-Key '" + idempotencyKey + "' was used more than " + retentionText()
                            + " ago and is no longer remembered; use a new key for a new request.", null, null));
        }
        return recorded;
    }

    /**
     * Forgets the Idempotency-Keys recorded before {@code cutoff} (the announcements stay).
     *
     * @return how many were deleted
     */
    @Transactional
    public int forgetIdempotencyKeys(Instant cutoff) {
        return (int) IdempotencyKey.delete("createdAt < ?1", cutoff);
    }

    private String retentionText() {
        java.time.Duration retention = config.idempotency().retention();
        return retention.toHours() >= 1 && retention.toMinutesPart() == 0 ? retention.toHours() + " h" : retention.toMinutes() + " min";
    }

    /**
     * The rows written, or null when an event id existed already (nothing written). {@code derived}: the ids are derived
     * from an Idempotency-Key and may exist from a forgotten key; random ids are inserted without the conflict check
     * (a clash of random UUIDs would be a primary-key violation, an error, rather than a silent null).
     */
    private static List<Recorded> persist(String keyName, List<Numbered> accepted, Function<Integer, UUID> ids, boolean derived) {
        List<Recorded> recorded = new ArrayList<>(accepted.size());
        String[] eventIds = new String[accepted.size()];
        String[] slugs = new String[accepted.size()];
        String[] times = new String[accepted.size()];
        io.modelwatch.ingest.messaging.IsoTimes isoTimes = new io.modelwatch.ingest.messaging.IsoTimes();
        for (int i = 0; i < accepted.size(); i++) {
            Numbered n = accepted.get(i);
            // PostgreSQL keeps microseconds: the event carries the stored instant, so a replay sends the same data.
            Instant at = n.event().announcedAt();
            ReleaseAnnounced event = at.getNano() % 1_000 == 0 ? n.event() : withAnnouncedAt(n.event(), at.truncatedTo(ChronoUnit.MICROS));
            UUID eventId = ids.apply(n.line());
            eventIds[i] = eventId.toString();
            slugs[i] = event.slug();
            times[i] = isoTimes.format(event.announcedAt());
            recorded.add(new Recorded(n.line(), eventId, event));
        }
        // One statement for the whole batch (rows as arrays), in the transaction: entity by entity, a batch of
        // 5,000 spent more time in Hibernate than in PostgreSQL. (COPY was tried for the keyless case: no measurable gain.)
        int written = Announcement.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into announcement"
                    + " (event_id, slug, publisher, announced_at)"
                    + " select e, s, ?, t from unnest(?::uuid[], ?::text[], ?::timestamptz[]) as rows (e, s, t)"
                    + (derived ? " on conflict (event_id) do nothing" : ""))) {
                insert.setString(1, keyName);
                insert.setArray(2, connection.createArrayOf("text", eventIds));
                insert.setArray(3, connection.createArrayOf("text", slugs));
                insert.setArray(4, connection.createArrayOf("text", times));
                return insert.executeUpdate();
            }
        });
        return written == recorded.size() ? recorded : null;
    }

    /**
     * Records the retraction of an announcement by {@code caller}: only its publisher or an admin may. A second
     * retraction of the same announcement gives the first one's event (same id), so it is sent again, not twice.
     */
    @Transactional
    public RecordedRetraction retract(UUID announcementId, String caller, boolean admin, String reason) {
        Announcement row = Announcement.findById(announcementId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                    "No announcement was accepted here with the event id " + announcementId + "."));
        }
        if (!admin && !caller.equals(row.publisher)) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN,
                    "Only the publisher of an announcement ('" + row.publisher + "') or an admin may retract it."));
        }
        if (row.retractionEventId == null) {
            row.retractionEventId = UUID.randomUUID();
            row.retractionReason = reason;
            row.retractedBy = caller;
            row.retractedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        }
        return new RecordedRetraction(row.retractionEventId, new ReleaseRetracted(row.slug, row.eventId.toString(),
                row.retractionReason, row.retractedBy, row.retractedAt));
    }

    private static ReleaseAnnounced withAnnouncedAt(ReleaseAnnounced e, Instant announcedAt) {
        return new ReleaseAnnounced(e.slug(), e.kind(), e.name(), e.organizations(), e.published(), e.parameters(),
                e.modalities(), e.tasks(), e.accessibility(), e.architecture(), e.baseModel(), e.tags(), e.links(),
                e.summary(), e.source(), e.confidence(), e.publisher(), announcedAt);
    }
}
