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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
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
    /**
     * Sends in flight per batch: all of them (at most 10,000 records of ~1 KiB); the producer's own buffer.memory bounds
     * what several batches hold together, and a send that cannot get buffer space within max.block.ms is that line's 503.
     */
    private static final int BATCH_CONCURRENCY = 10_000;

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
        List<Recorded> recorded = record(publisherName, idempotencyKey, SINGLE, sha256(body),
                List.of(new Numbered(0, event)));
        Recorded r = recorded.get(0);
        return send(r, publisher.publish(r.eventId(), r.event())).map(outcome -> {
            if (!outcome.accepted()) {
                throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE, outcome.detail()));
            }
            return outcome;
        });
    }

    /** A batch: every non-blank line gets an outcome, in line order. */
    public Uni<List<Outcome>> announceBatch(byte[] body, String publisherName, String idempotencyKey) {
        String text = new String(body, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        long nonBlank = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                nonBlank++;
            }
        }
        if (nonBlank > config.maxBatchLines()) {
            throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The batch has " + nonBlank + " announcements; send at most " + config.maxBatchLines() + " per request."));
        }
        if (nonBlank == 0) {
            throw new ProblemException(Problem.invalid("The batch is empty: send one announcement (JSON) per line.", null));
        }
        long started = System.nanoTime();
        List<Outcome> rejected = new ArrayList<>();
        List<Numbered> valid = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            try {
                AnnouncementRequest request = reader.readValue(lines[i]);
                valid.add(new Numbered(lineNumber, normalizer.normalize(request, publisherName)));
            } catch (ProblemException e) {
                rejected.add(new Outcome(lineNumber, 400, null, null, e.problem().detail(), e.problem().errors()));
            } catch (JsonProcessingException e) {
                rejected.add(unreadable(lineNumber, e));
            } catch (java.io.IOException e) {
                rejected.add(new Outcome(lineNumber, 400, null, null, e.getMessage(), null));
            }
        }
        long read = System.nanoTime();
        List<Recorded> recorded = valid.isEmpty() ? List.of()
                : record(publisherName, idempotencyKey, BATCH, sha256(body), valid);
        long stored = System.nanoTime();
        // Once the broker has refused a line, the rest are not tried: without metadata every send would block for
        // max.block.ms, line after line.
        java.util.concurrent.atomic.AtomicReference<Throwable> refused = new java.util.concurrent.atomic.AtomicReference<>();
        return Multi.createFrom().iterable(recorded)
                .onItem().transformToUni(r -> send(r, refused.get() != null ? Uni.createFrom().failure(refused.get())
                        : publisher.publishDirect(r.eventId(), r.event()).onFailure().invoke(f -> refused.compareAndSet(null, f))))
                .merge(BATCH_CONCURRENCY)
                .collect().asList()
                .map(sent -> {
                    List<Outcome> all = new ArrayList<>(sent.size() + rejected.size());
                    all.addAll(sent);
                    all.addAll(rejected);
                    all.sort(Comparator.comparingInt(Outcome::line));
                    LOG.debugf("Batch of %d lines: read and checked in %d ms, recorded in %d ms, sent in %d ms", all.size(),
                            (read - started) / 1_000_000, (stored - read) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
                    return all;
                });
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

    private List<Recorded> record(String publisherName, String idempotencyKey, String endpoint, String bodySha256,
                                  List<Numbered> valid) {
        try {
            return ledger.record(publisherName, idempotencyKey, endpoint, bodySha256, valid);
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
