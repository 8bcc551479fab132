package io.modelwatch.ingest.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.messaging.ReleasePublisher;
import io.modelwatch.ingest.rest.AnnouncementRequest;
import io.modelwatch.ingest.service.AnnouncementLedger.Numbered;
import io.modelwatch.ingest.service.AnnouncementLedger.Recorded;
import io.modelwatch.ingest.service.AnnouncementLedger.RecordedRetraction;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The path of an announcement through ingest: read, validate and normalise, record (ledger, committed), then
 * send and wait for the broker's acknowledgement. Nothing is sent for a request that fails before the send.
 */
@ApplicationScoped
public class AnnouncementIntake {

    public static final String SINGLE = "announcement";
    public static final String BATCH = "batch";

    private static final Logger LOG = Logger.getLogger(AnnouncementIntake.class);

    /** The outcome of one announcement: sent (eventId) or not (status, detail, errors). */
    public record Outcome(int line, int status, UUID eventId, String slug, String detail, List<Problem.FieldError> errors) {
        public boolean accepted() {
            return status == 202;
        }
    }

    private final ObjectReader reader;
    private final AnnouncementNormalizer normalizer;
    private final AnnouncementLedger ledger;
    private final ReleasePublisher publisher;
    private final IngestConfig config;

    public AnnouncementIntake(ObjectMapper json, AnnouncementNormalizer normalizer, AnnouncementLedger ledger,
                              ReleasePublisher publisher, IngestConfig config) {
        this.reader = json.readerFor(AnnouncementRequest.class);
        this.normalizer = normalizer;
        this.ledger = ledger;
        this.publisher = publisher;
        this.config = config;
    }

    /** One announcement; the Uni fails with a ProblemException (400, 409, 503) when it is not accepted. */
    public Uni<Outcome> announce(byte[] body, String publisherName, String idempotencyKey) throws java.io.IOException {
        AnnouncementRequest request = body.length == 0 ? null : reader.readValue(body);
        ReleaseAnnounced event = normalizer.normalize(request, publisherName);
        List<Recorded> recorded = record(publisherName, idempotencyKey, SINGLE, body, List.of(new Numbered(0, event)));
        Recorded r = recorded.get(0);
        return send(r, publisher.publish(r.eventId(), r.event())).map(outcome -> {
            if (!outcome.accepted()) {
                throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE, outcome.detail()));
            }
            return outcome;
        });
    }

    /**
     * A batch: reads and checks every line, records the valid ones and hands them all to the producer before this
     * returns (so 400, 409 and 413 come before anything is answered, and a broker that takes nothing at hand-off
     * is known). The outcomes of the sent lines then arrive in {@link Batch} as the broker acknowledges them.
     */
    public Batch announceBatch(byte[] body, String publisherName, String idempotencyKey) throws java.io.IOException {
        // Lines are parsed in the body's bytes (decoding a 5 MB body to text and splitting it cost more than parsing).
        // Their ends are found by String.indexOf on a Latin-1 copy of the bytes (a byte per char, copied, not decoded;
        // in UTF-8 no byte of another character is '\n'): vectorised, where a loop over the bytes was 4% of the path.
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        List<int[]> lines = new ArrayList<>();
        int lineNumber = 0;
        for (int start = 0; start <= body.length; ) {
            int end = bytes.indexOf('\n', start);
            if (end < 0) {
                end = body.length;
            }
            lineNumber++;
            int last = end;
            if (last > start && body[last - 1] == '\r') {
                last--;
            }
            if (!blank(body, start, last)) {
                lines.add(new int[] {lineNumber, start, last - start});
            }
            start = end + 1;
        }
        if (lines.size() > config.maxBatchLines()) {
            throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The batch has " + lines.size() + " announcements; send at most " + config.maxBatchLines() + " per request."));
        }
        if (lines.isEmpty()) {
            throw new ProblemException(Problem.invalid("The batch is empty: send one announcement (JSON) per line.", null));
        }
        int nonBlank = lines.size();
        long started = System.nanoTime();
        Instant announcedAt = normalizer.now(); // one instant for the request: the ledger keeps one row per request
        List<Outcome> rejected = new ArrayList<>();
        List<Numbered> valid = new ArrayList<>(nonBlank);
        // Each event is written as JSON as soon as it is normalised, while its objects are still in the processor's
        // caches (written in a pass of its own over thousands of events, it cost ~0.6 us more per line).
        List<byte[]> values = new ArrayList<>(nonBlank);
        List<Recorded> recorded;
        long read;
        long stored;
        try (ReleasePublisher.EventJson json = publisher.eventJson(); Lines reading = new Lines(body)) {
            for (int[] line : lines) {
                ReleaseAnnounced event;
                try {
                    event = normalizer.normalize(reading.read(line[1], line[2]), publisherName, announcedAt);
                } catch (ProblemException e) {
                    rejected.add(new Outcome(line[0], 400, null, null, e.problem().detail(), e.problem().errors()));
                    continue;
                } catch (JsonProcessingException e) {
                    rejected.add(unreadable(line[0], e));
                    continue;
                } catch (java.io.IOException e) {
                    rejected.add(new Outcome(line[0], 400, null, null, e.getMessage(), null));
                    continue;
                }
                valid.add(new Numbered(line[0], event));
                values.add(json.write(event)); // our own types: a failure here is a bug, a 500 with nothing recorded
            }
            read = System.nanoTime();
            recorded = valid.isEmpty() ? List.of() : record(publisherName, idempotencyKey, BATCH, body, valid);
            stored = System.nanoTime();
            // recorded is in the order of valid (and of values); a replay comes back with its first request's announcedAt
            for (int p = 0; p < recorded.size(); p++) {
                if (recorded.get(p).event() != valid.get(p).event()) {
                    values.set(p, json.write(recorded.get(p).event()));
                }
            }
        }
        Batch batch = new Batch(nonBlank, rejected, recorded, config.publishTimeout());
        if (!recorded.isEmpty()) {
            publisher.publishAll(recorded.stream().map(Recorded::eventId).toList(),
                    recorded.stream().map(Recorded::event).toList(), values, batch::acknowledged);
        }
        batch.handedOver();
        LOG.debugf("Batch of %d lines: read and checked in %d ms, recorded in %d ms, handed to the producer in %d ms",
                nonBlank, (read - started) / 1_000_000, (stored - read) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
        return batch;
    }

    /**
     * Reads the lines of a batch with one parser over the body (a parser per line cost ~0.3 us more per line). A line
     * the shared parser does not read as exactly one value within the line (bad JSON, a value running over the line's
     * end, something after it) is read again on its own, so its outcome and error are those of a parser per line, and
     * the shared parser starts anew at the next line.
     */
    private final class Lines implements AutoCloseable {

        private final byte[] body;
        private com.fasterxml.jackson.core.JsonParser shared;
        private int sharedFrom;

        Lines(byte[] body) {
            this.body = body;
        }

        AnnouncementRequest read(int from, int length) throws java.io.IOException {
            int end = from + length;
            if (shared == null) {
                shared = reader.createParser(body, from, body.length - from);
                sharedFrom = from;
            }
            try {
                // The value must start within this line (a parser on a slice counts offsets from the slice's start):
                // what the parser skipped to it is white space between the lines, or at the line's start.
                if (shared.nextToken() != null && within(sharedFrom + shared.currentTokenLocation().getByteOffset(), from, end)) {
                    AnnouncementRequest request = reader.readValue(shared);
                    long valueEnd = sharedFrom + shared.currentLocation().getByteOffset();
                    if (valueEnd <= end && blank(body, (int) valueEnd, end)) {
                        return request;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // read again on its own below
            }
            close();
            return reader.readValue(body, from, length);
        }

        private static boolean within(long offset, int from, int end) {
            return offset >= from && offset < end;
        }

        @Override
        public void close() {
            if (shared != null) {
                try {
                    shared.close();
                } catch (java.io.IOException e) {
                    // a parser on a byte array: nothing to release but its buffers
                }
                shared = null;
            }
        }
    }

    /** Only ASCII white space, as String.isBlank would see it in a line of UTF-8. */
    private static boolean blank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != 0x0b && b != '\f') {
                return false;
            }
        }
        return true;
    }

    /**
     * The lines of a batch: those rejected at once (400) and those sent, whose outcomes arrive as the broker
     * acknowledges them (202) or refuses them (503). A sent line not acknowledged within the publish timeout after the
     * hand-off is reported 503 (a late acknowledgement is then ignored: a retry with the Idempotency-Key resends it under
     * the same event id). Read by one thread: {@link #next()} until null, or {@link #all()}.
     *
     * <p>The acknowledgements are written in the order they come into an array of slots, without a lock; the reader
     * parks only when it finds no new slot, and is woken only then: no lock and no wake-up per record (a blocking
     * queue's per-record lock and signal showed in the batch path's profile).
     */
    public static final class Batch {

        private final int lines;
        private final List<Outcome> rejected;
        private final List<Recorded> sent;
        private final java.time.Duration timeout;
        // slot i: 1 + the index of the i-th record told, 0 until written
        private final java.util.concurrent.atomic.AtomicIntegerArray told;
        private final java.util.concurrent.atomic.AtomicInteger slots = new java.util.concurrent.atomic.AtomicInteger();
        private volatile Thread parked;
        private final Throwable[] failures;
        private final boolean[] reported;
        private int read;
        private int pending;
        private int nextRejected;
        private long deadline;
        private int accepted;
        private final java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();

        Batch(int lines, List<Outcome> rejected, List<Recorded> sent, java.time.Duration timeout) {
            this.lines = lines;
            this.rejected = rejected;
            this.sent = sent;
            this.timeout = timeout;
            this.told = new java.util.concurrent.atomic.AtomicIntegerArray(sent.size());
            this.failures = new Throwable[sent.size()];
            this.reported = new boolean[sent.size()];
            this.pending = sent.size();
        }

        /** On the producer's I/O thread (or the sending thread, for a refusal at hand-off); once per record. */
        void acknowledged(int index, Throwable failure) {
            failures[index] = failure; // published to the reader by the slot's volatile write
            if (failure != null) {
                failed.incrementAndGet();
            }
            int slot = slots.getAndIncrement();
            if (slot < told.length()) {
                told.set(slot, index + 1);
            }
            Thread reader = parked;
            if (reader != null) {
                java.util.concurrent.locks.LockSupport.unpark(reader);
            }
        }

        /** Whether there were lines to send and the broker has refused every one of them already. */
        public boolean noneTaken() {
            return !sent.isEmpty() && failed.get() == sent.size();
        }

        /** Whether {@link #next()} has an outcome at hand (or is done), so it will not wait. */
        public boolean ready() {
            return nextRejected < rejected.size() || pending == 0 || read < told.length() && told.get(read) != 0;
        }

        void handedOver() {
            deadline = System.nanoTime() + timeout.toNanos();
        }

        /** Non-blank lines in the request. */
        public int lines() {
            return lines;
        }

        /** Lines the broker acknowledged so far. */
        public int accepted() {
            return accepted;
        }

        /** Lines sent to the broker (valid ones). */
        public int sent() {
            return sent.size();
        }

        /**
         * The next outcome: first the rejected lines, then each sent line as its acknowledgement (or refusal) arrives;
         * null when every line has been reported.
         */
        public Outcome next() throws InterruptedException {
            if (nextRejected < rejected.size()) {
                return rejected.get(nextRejected++);
            }
            while (pending > 0) {
                int index = take();
                if (index < 0) {
                    // Timed out: the first line not yet reported is a 503.
                    for (int i = 0; i < reported.length; i++) {
                        if (!reported[i]) {
                            return report(i, new io.smallrye.mutiny.TimeoutException());
                        }
                    }
                    break;
                }
                if (!reported[index]) {
                    return report(index, failures[index]);
                }
            }
            return null;
        }

        /** The index of the next record told, waiting for it until the deadline; -1 when none came by then. */
        private int take() throws InterruptedException {
            if (read >= told.length()) {
                return -1;
            }
            int slot = told.get(read);
            if (slot == 0) {
                parked = Thread.currentThread();
                try {
                    // checked again after announcing the park, so an acknowledgement written meanwhile is not missed
                    while ((slot = told.get(read)) == 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return -1;
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(this, left);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    }
                } finally {
                    parked = null;
                }
            }
            read++;
            return slot - 1;
        }

        private Outcome report(int index, Throwable failure) {
            reported[index] = true;
            pending--;
            Recorded r = sent.get(index);
            if (failure == null) {
                accepted++;
                return new Outcome(r.line(), 202, r.eventId(), r.event().slug(), null, null);
            }
            LOG.debugf(failure, "Announcement %s was not acknowledged by the broker", r.eventId());
            return new Outcome(r.line(), 503, null, null, brokerDetail(failure), null);
        }

        /** Every outcome, in line order (waits for the broker's acknowledgements). */
        public List<Outcome> all() throws InterruptedException {
            List<Outcome> all = new ArrayList<>(rejected.size() + sent.size());
            for (Outcome o = next(); o != null; o = next()) {
                all.add(o);
            }
            all.sort(Comparator.comparingInt(Outcome::line));
            return all;
        }
    }

    /** Records the retraction (only by the publisher of the announcement or an admin) and sends it. */
    public Uni<RecordedRetraction> retract(UUID announcementId, String caller, boolean admin, String reason) {
        RecordedRetraction retraction = ledger.retract(announcementId, caller, admin, reason);
        return publisher.publish(retraction.eventId(), retraction.event())
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf(failure, "Retraction %s was not acknowledged by the broker", retraction.eventId());
                    return new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE,
                            brokerDetail(failure)));
                })
                .replaceWith(retraction);
    }

    /** Records the valid announcements of a request; the body's hash is only needed (and computed) with a key. */
    private List<Recorded> record(String publisherName, String idempotencyKey, String endpoint, byte[] body,
                                  List<Numbered> valid) {
        try {
            return ledger.record(publisherName, idempotencyKey, endpoint, idempotencyKey == null ? null : sha256(body), valid);
        } catch (RuntimeException e) {
            // Two requests with one Idempotency-Key at the same time: the second one's insert waits for the first
            // and then violates the primary key.
            for (Throwable t = e; t != null; t = t.getCause()) {
                boolean duplicate = t instanceof org.hibernate.exception.ConstraintViolationException
                        || t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState());
                if (duplicate && idempotencyKey != null) {
                    throw new ProblemException(new Problem(java.net.URI.create(
                            "https://modelwatch.io/problems/idempotency-key-in-use"), "Idempotency-Key in use", 409,
                            "Another request with the Idempotency-Key '" + idempotencyKey
                                    + "' was being processed at the same time; retry this one.", null, null));
                }
            }
            throw e;
        }
    }

    private Uni<Outcome> send(Recorded r, Uni<Void> sending) {
        return sending
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(ignored -> new Outcome(r.line(), 202, r.eventId(), r.event().slug(), null, null))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Announcement %s was not acknowledged by the broker", r.eventId());
                    return new Outcome(r.line(), 503, null, null, brokerDetail(failure), null);
                });
    }

    private static String brokerDetail(Throwable failure) {
        return failure instanceof io.smallrye.mutiny.TimeoutException
                ? "The event broker did not acknowledge the event in time; nothing was accepted. Retry later."
                : "The event broker refused the event; nothing was accepted. Retry later.";
    }

    private static Outcome unreadable(int line, JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            return new Outcome(line, 400, null, null, "The line does not match the expected shape.",
                    List.of(new Problem.FieldError(field.isEmpty() ? "$" : field, mapping.getOriginalMessage())));
        }
        return new Outcome(line, 400, null, null, "The line is not valid JSON: " + e.getOriginalMessage(), null);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
