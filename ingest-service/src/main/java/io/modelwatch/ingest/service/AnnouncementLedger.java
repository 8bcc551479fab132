package io.modelwatch.ingest.service;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.service.Refusal.Reason;
import io.modelwatch.ingest.store.IdempotencyKey;
import io.modelwatch.ingest.store.LedgerStore;
import io.modelwatch.ingest.store.Retraction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What ingest remembers of what it accepted, written (and committed) before the events are sent: one row per
 * accepted request (a single announcement, a batch, a feed entry) with its publisher, its announcedAt and the slug
 * of each announcement, which retractions need; the Idempotency-Key of the request; and the retractions.
 *
 * <p>Event ids: the announcement at position p of a request (0, 1, ... in the order of its accepted lines) gets the
 * request's id with its last 16 bits set to p, so a batch is one row, and a retraction finds the request from the
 * event id alone. Request ids are random, or derived from (API key name, Idempotency-Key, endpoint).
 *
 * <p>Idempotency: a retry with the same Idempotency-Key and body finds the same request and gets the same event ids
 * and the same announcedAt; the events are sent again under the same CloudEvent ids, and the catalog, idempotent by
 * event id, counts them once. Sending again rather than not at all means that a request whose first attempt got a 503
 * (recorded here, but never acknowledged by the broker) is delivered by its retry.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // created at start, so a max-batch-lines its event ids cannot number stops the start
public class AnnouncementLedger {

    /** The most announcements one request can hold: their positions are the last 16 bits of their event ids. */
    public static final int MAX_PER_REQUEST = 1 << 16;
    private static final long POSITION = 0xFFFFL;

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
    private final IngestConfig config;
    private final LedgerStore store;

    public AnnouncementLedger(IngestConfig config, LedgerStore store) {
        if (config.maxBatchLines() > MAX_PER_REQUEST) {
            throw new IllegalArgumentException("modelwatch.ingest.max-batch-lines is " + config.maxBatchLines()
                    + "; at most " + MAX_PER_REQUEST + " announcements fit in one request's event ids");
        }
        this.config = config;
        this.store = store;
    }

    /** The event id of the announcement at {@code position} of request {@code request}. */
    static UUID eventId(UUID request, int position) {
        return new UUID(request.getMostSignificantBits(), request.getLeastSignificantBits() & ~POSITION | position);
    }

    /** The request id an event id belongs to (its last 16 bits cleared); also how a request id is made from a UUID. */
    static UUID requestOf(UUID eventId) {
        return new UUID(eventId.getMostSignificantBits(), eventId.getLeastSignificantBits() & ~POSITION);
    }

    /** The request id derived from {@code parts} (joined by line breaks): the same parts, the same request. */
    private static UUID derived(String... parts) {
        return requestOf(UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Records the accepted announcements of one request, which share their announcedAt (the intake stamps them once),
     * and returns them under their event ids, in the order given; for a retry with the same Idempotency-Key and body, the
     * recorded ones (with the first request's announcedAt).
     * {@code bodySha256} is only read with an Idempotency-Key (it may be null without one).
     */
    @Transactional
    public List<Recorded> record(String keyName, String idempotencyKey, String endpoint, String bodySha256,
                                 List<Numbered> accepted) {
        if (accepted.isEmpty() || accepted.size() > MAX_PER_REQUEST) {
            throw new IllegalArgumentException("a request records 1 to " + MAX_PER_REQUEST + " announcements, not " + accepted.size());
        }
        Instant announcedAt = accepted.get(0).event().announcedAt();
        for (Numbered n : accepted) {
            if (!announcedAt.equals(n.event().announcedAt())) {
                throw new IllegalArgumentException("the announcements of one request share their announcedAt");
            }
        }
        if (idempotencyKey == null) {
            return Objects.requireNonNull(persist(requestOf(UUID.randomUUID()), keyName, announcedAt, accepted, false),
                    "random request id taken");
        }
        UUID request = derived(keyName, idempotencyKey, endpoint);
        IdempotencyKey previous = IdempotencyKey.findById(new IdempotencyKey.Id(keyName, idempotencyKey));
        if (previous != null) {
            if (!previous.endpoint.equals(endpoint) || !previous.bodySha256.equals(bodySha256)) {
                throw new Refusal(Reason.IDEMPOTENCY_KEY_REUSED,
                        "The Idempotency-Key '" + idempotencyKey + "' was already used with another request body"
                                + (previous.endpoint.equals(endpoint) ? "" : " on " + previous.endpoint)
                                + "; use a new key for a new request.");
            }
            // The key and its request (under the id derived from the key) were written in one transaction.
            return replay(request, accepted, store.announcedAt(request));
        }
        IdempotencyKey key = new IdempotencyKey();
        key.id = new IdempotencyKey.Id(keyName, idempotencyKey);
        key.endpoint = endpoint;
        key.bodySha256 = bodySha256;
        key.createdAt = Instant.now(clock);
        key.persist();
        // Written now, so that a concurrent request with the same key waits here and then fails on the key's primary key.
        IdempotencyKey.flush();
        List<Recorded> recorded = persist(request, keyName, announcedAt, accepted, true);
        if (recorded == null) {
            // The request exists already: the key was used before and forgotten since (retention).
            throw forgotten(idempotencyKey);
        }
        return recorded;
    }

    /** A single announcement without an Idempotency-Key, and who sent it. */
    public record Single(String publisher, ReleaseAnnounced event) {
    }

    /**
     * Records single announcements without Idempotency-Keys, each a request of its own under a random id, in one
     * statement (the group commit of concurrent single requests; atomic by itself, so without a transaction around it),
     * and returns them in the order given.
     */
    public List<Recorded> recordSingles(List<Single> singles) {
        int n = singles.size();
        UUID[] ids = new UUID[n];
        String[] publishers = new String[n];
        Instant[] announcedAt = new Instant[n];
        String[] slugs = new String[n];
        List<Recorded> recorded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Single s = singles.get(i);
            ids[i] = requestOf(UUID.randomUUID());
            publishers[i] = s.publisher();
            announcedAt[i] = s.event().announcedAt();
            slugs[i] = s.event().slug();
            recorded.add(new Recorded(0, eventId(ids[i], 0), s.event()));
        }
        store.insertRequests(ids, publishers, announcedAt, slugs);
        return recorded;
    }

    private static List<Recorded> replay(UUID request, List<Numbered> accepted, Instant recordedAt) {
        List<Recorded> replay = new ArrayList<>(accepted.size());
        for (int p = 0; p < accepted.size(); p++) {
            Numbered n = accepted.get(p);
            replay.add(new Recorded(n.line(), eventId(request, p), n.event().withAnnouncedAt(recordedAt)));
        }
        return replay;
    }

    /**
     * As {@link #record}, for a caller whose keys never expire (a feed entry's key is the entry itself): once the
     * request derived from the key exists, it is replayed under its event ids even after the Idempotency-Key was
     * forgotten (the 24 h clean-up), so an entry recorded but never sent is sent then, under the same event id.
     */
    @Transactional
    public List<Recorded> recordOrReplay(String keyName, String idempotencyKey, String endpoint, String bodySha256,
                                         List<Numbered> accepted) {
        UUID request = derived(keyName, idempotencyKey, endpoint);
        Instant recordedAt = store.announcedAt(request);
        return recordedAt != null ? replay(request, accepted, recordedAt) : record(keyName, idempotencyKey, endpoint, bodySha256, accepted);
    }

    /**
     * Records announcements each of which is a request of its own whose id is derived from {@code keys[p]} (for an
     * import: the content of the row), so that recording the same content again finds the same request: the event id
     * and the announcedAt of the first time, the event sent again under that id (the catalog counts it once).
     * Unlike Idempotency-Keys these ids are not forgotten.
     *
     * @param existed set to true at each position whose request existed already
     */
    @Transactional
    public List<Recorded> recordEach(String keyName, String endpoint, List<Numbered> accepted, List<String> keys, boolean[] existed) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        Instant announcedAt = accepted.get(0).event().announcedAt();
        UUID[] ids = new UUID[accepted.size()];
        String[] slugs = new String[accepted.size()];
        for (int p = 0; p < accepted.size(); p++) {
            ids[p] = derived(endpoint, keys.get(p));
            slugs[p] = accepted.get(p).event().slug();
        }
        java.util.Map<UUID, Instant> before = store.insertRequestsOfOne(ids, keyName, announcedAt, slugs);
        List<Recorded> recorded = new ArrayList<>(accepted.size());
        for (int p = 0; p < accepted.size(); p++) {
            Numbered n = accepted.get(p);
            Instant first = before.get(ids[p]);
            existed[p] = first != null;
            recorded.add(new Recorded(n.line(), eventId(ids[p], 0), first == null ? n.event() : n.event().withAnnouncedAt(first)));
        }
        return recorded;
    }

    private Refusal forgotten(String idempotencyKey) {
        return new Refusal(Reason.IDEMPOTENCY_KEY_REUSED,
                "The Idempotency-Key '" + idempotencyKey + "' was used more than " + retentionText()
                        + " ago and is no longer remembered; use a new key for a new request.");
    }

    /**
     * Forgets the Idempotency-Keys recorded before {@code cutoff} (the requests stay).
     *
     * @return how many were deleted
     */
    @Transactional
    public int forgetIdempotencyKeys(Instant cutoff) {
        return (int) IdempotencyKey.delete("createdAt < ?1", cutoff);
    }

    private String retentionText() {
        Duration retention = config.idempotency().retention();
        return retention.toHours() >= 1 && retention.toMinutesPart() == 0 ? retention.toHours() + " h" : retention.toMinutes() + " min";
    }

    /**
     * The announcements under their event ids, or null when the request existed already (nothing written). {@code derived}:
     * the request id is derived from an Idempotency-Key and may exist from a forgotten key; a random one is inserted
     * without the conflict check (a clash of random ids would be a primary-key violation, an error, not a silent null).
     */
    private List<Recorded> persist(UUID request, String publisher, Instant announcedAt, List<Numbered> accepted, boolean derived) {
        List<Recorded> recorded = new ArrayList<>(accepted.size());
        String[] slugs = new String[accepted.size()];
        for (int p = 0; p < accepted.size(); p++) {
            Numbered n = accepted.get(p);
            slugs[p] = n.event().slug();
            recorded.add(new Recorded(n.line(), eventId(request, p), n.event()));
        }
        return store.insertRequest(request, publisher, announcedAt, slugs, derived) ? recorded : null;
    }

    /**
     * Records the retraction of an announcement by {@code caller}: only its publisher or an admin may. A second
     * retraction of the same announcement gives the first one's event (same id), so it is sent again, not twice.
     */
    @Transactional
    public RecordedRetraction retract(UUID announcementId, String caller, boolean admin, String reason) {
        LedgerStore.Announcement found = store.announcement(requestOf(announcementId),
                (int) (announcementId.getLeastSignificantBits() & POSITION));
        if (found == null) {
            throw new Refusal(Reason.NOT_FOUND, "No announcement was accepted here with the event id " + announcementId + ".");
        }
        if (!admin && !caller.equals(found.publisher())) {
            throw new Refusal(Reason.FORBIDDEN,
                    "Only the publisher of an announcement ('" + found.publisher() + "') or an admin may retract it.");
        }
        // The first retraction is kept; a concurrent one waits for it here and then reads it.
        store.insertRetraction(announcementId, UUID.randomUUID(), found.slug(), reason, caller,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        Retraction r = Retraction.findById(announcementId);
        return new RecordedRetraction(r.eventId, new ReleaseRetracted(r.slug, announcementId.toString(), r.reason,
                r.retractedBy, r.retractedAt));
    }
}
