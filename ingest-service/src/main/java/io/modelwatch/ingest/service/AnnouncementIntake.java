package io.modelwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.ingest.api.AnnouncementRequest;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.messaging.ReleasePublisher;
import io.modelwatch.ingest.service.AnnouncementLedger.Numbered;
import io.modelwatch.ingest.service.AnnouncementLedger.Recorded;
import io.modelwatch.ingest.service.AnnouncementLedger.RecordedRetraction;
import io.modelwatch.ingest.service.Refusal.Reason;
import io.modelwatch.ingest.store.LedgerStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The path of an announcement through ingest: read, validate and normalise, record (ledger, committed), then
 * send and wait for the broker's acknowledgement. Nothing is sent for a request that fails before the send.
 */
@ApplicationScoped
public class AnnouncementIntake {

    /** The ledger's names of the endpoints, part of what an Idempotency-Key is recorded with. */
    public static final String SINGLE = "announcement";
    public static final String BATCH = "batch";
    /** The ledger's name of imports: with the content of a row, what its request id is derived from. */
    public static final String IMPORT = "import";

    private static final Logger LOG = Logger.getLogger(AnnouncementIntake.class);
    /** The most single announcements recorded in one insert. */
    private static final int MAX_GROUP = 1_000;

    private final ObjectReader reader;
    private final AnnouncementNormalizer normalizer;
    private final AnnouncementLedger ledger;
    private final ReleasePublisher publisher;
    private final IngestConfig config;
    private GroupCommit<Traced, Sent> singles;

    public AnnouncementIntake(ObjectMapper json, AnnouncementNormalizer normalizer, AnnouncementLedger ledger,
                              ReleasePublisher publisher, IngestConfig config) {
        // Unknown fields are refused and named: "paramters" is a typo, not an undisclosed size.
        this.reader = json.readerFor(AnnouncementRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.normalizer = normalizer;
        this.ledger = ledger;
        this.publisher = publisher;
        this.config = config;
    }

    /** A single announcement without an Idempotency-Key, and the trace context of its request. */
    private record Traced(AnnouncementLedger.Single single, List<Header> trace) {
    }

    /** An announcement recorded and handed to the producer: {@code acknowledged} completes with the broker's answer. */
    private record Sent(Recorded recorded, CompletableFuture<Void> acknowledged) {
    }

    /**
     * Single announcements without an Idempotency-Key that arrive together are recorded together, one ledger insert for
     * all of them instead of a transaction each (the single endpoint's largest cost per request under load), and handed
     * to the producer together, on the group commit's thread: no request waits on a thread of its own.
     */
    @PostConstruct
    void startGroupCommit() {
        singles = new GroupCommit<>("ledger-group-commit", MAX_GROUP, group -> {
            List<Recorded> recorded = ledger.recordSingles(group.stream().map(Traced::single).toList());
            return publishEach(recorded, i -> group.get(i).trace());
        });
    }

    @PreDestroy
    void stopGroupCommit() {
        singles.close();
    }

    /**
     * One announcement, without blocking the calling thread (an HTTP event loop). Throws a {@link Refusal} when it is
     * not valid or its Idempotency-Key is refused; the Uni fails with a {@link Refusal} (broker unavailable) when the
     * broker does not take it within the publish timeout, and with the ledger's exception when it could not be recorded.
     * It completes on the producer's I/O thread.
     */
    public Uni<Outcome> announce(byte[] body, String publisherName, String idempotencyKey) throws IOException {
        AnnouncementRequest request = body.length == 0 ? null : reader.readValue(body);
        ReleaseAnnounced event = normalizer.normalize(request, publisherName);
        List<Header> trace = publisher.traceHeaders();
        Uni<Sent> sent = idempotencyKey == null
                ? Uni.createFrom().completionStage(singles.submit(new Traced(new AnnouncementLedger.Single(publisherName, event), trace)))
                // with a key, the ledger looks the key up in a transaction of its own: on a worker thread
                : Uni.createFrom().item(() -> publishEach(record(publisherName, idempotencyKey, SINGLE, body, List.of(new Numbered(0, event))),
                        i -> trace).get(0)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return sent.chain(s -> Uni.createFrom().completionStage(s.acknowledged())
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(ignored -> Outcome.accepted(s.recorded().line(), s.recorded().eventId(), s.recorded().event().slug()))
                .onFailure().transform(failure -> {
                    LOG.warnf(failure, "Announcement %s was not acknowledged by the broker", s.recorded().eventId());
                    return new Refusal(Reason.BROKER_UNAVAILABLE, Outcome.brokerDetail(failure));
                }));
    }

    /**
     * Hands recorded single announcements to the producer, each with its trace; each one's future completes with the
     * broker's answer (a batch's lines go through {@link #send}, whose answers a request thread reads in turn).
     */
    private List<Sent> publishEach(List<Recorded> recorded, IntFunction<List<Header>> traces) {
        List<Sent> sent = new ArrayList<>(recorded.size());
        List<byte[]> values = new ArrayList<>(recorded.size());
        try (ReleasePublisher.EventJson json = publisher.eventJson()) {
            for (Recorded r : recorded) {
                values.add(json.write(r.event())); // our own types: a failure here is a bug
                sent.add(new Sent(r, new CompletableFuture<>()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publisher.publishAll(recorded.stream().map(Recorded::eventId).toList(), recorded.stream().map(Recorded::event).toList(),
                values, traces, (index, failure) -> {
                    if (failure == null) {
                        sent.get(index).acknowledged().complete(null);
                    } else {
                        sent.get(index).acknowledged().completeExceptionally(failure);
                    }
                });
        return sent;
    }

    /**
     * A batch: reads and checks every line, records the valid ones and hands them all to the producer before this
     * returns (so a refusal of the whole batch comes before anything is answered, and a broker that takes nothing at
     * hand-off is known). The outcomes of the sent lines then arrive in the {@link BatchOutcomes} as the broker
     * acknowledges them.
     */
    public BatchOutcomes announceBatch(byte[] body, String publisherName, String idempotencyKey) throws IOException {
        List<NdjsonReader.Line> lines = NdjsonReader.lines(body);
        if (lines.size() > config.maxBatchLines()) {
            throw new Refusal(Reason.TOO_LARGE,
                    "The batch has " + lines.size() + " announcements; send at most " + config.maxBatchLines() + " per request.");
        }
        if (lines.isEmpty()) {
            throw new Refusal(Reason.INVALID, "The batch is empty: send one announcement (JSON) per line.");
        }
        long started = System.nanoTime();
        Instant announcedAt = normalizer.now(); // one instant for the request: the ledger keeps one row per request
        List<Outcome> rejected = new ArrayList<>();
        List<Numbered> valid = new ArrayList<>(lines.size());
        // Each event is written as JSON right after it is normalised, while its objects are in the processor's caches.
        List<byte[]> values = new ArrayList<>(lines.size());
        List<Recorded> recorded;
        long read;
        long stored;
        try (ReleasePublisher.EventJson json = publisher.eventJson(); NdjsonReader reading = new NdjsonReader(reader, body)) {
            for (NdjsonReader.Line line : lines) {
                ReleaseAnnounced event;
                try {
                    event = normalizer.normalize(reading.read(line), publisherName, announcedAt);
                } catch (Refusal e) {
                    rejected.add(Outcome.invalid(line.number(), e.detail(), e.errors()));
                    continue;
                } catch (JsonProcessingException e) {
                    rejected.add(NdjsonReader.unreadable(line.number(), e));
                    continue;
                } catch (IOException e) {
                    rejected.add(Outcome.invalid(line.number(), e.getMessage(), null));
                    continue;
                }
                valid.add(new Numbered(line.number(), event));
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
        BatchOutcomes outcomes = send(lines.size(), rejected, recorded, values, publisher.traceHeaders());
        LOG.debugf("Batch of %d lines: read and checked in %d ms, recorded in %d ms, handed to the producer in %d ms",
                lines.size(), (read - started) / 1_000_000, (stored - read) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
        return outcomes;
    }

    /** Hands the recorded announcements (and their JSON) to the producer; their outcomes arrive in the answer. */
    private BatchOutcomes send(int lines, List<Outcome> rejected, List<Recorded> recorded, List<byte[]> values, List<Header> trace) {
        BatchOutcomes outcomes = new BatchOutcomes(lines, rejected, recorded, config.publishTimeout());
        if (!recorded.isEmpty()) {
            publisher.publishAll(recorded.stream().map(Recorded::eventId).toList(),
                    recorded.stream().map(Recorded::event).toList(), values, i -> trace, outcomes::acknowledged);
        }
        outcomes.handedOver();
        return outcomes;
    }

    /** One row of an import: its line in the file, the announcement it states, and the text its identity is derived from. */
    public record ImportRow(int line, AnnouncementRequest request, String content) {
    }

    /** The outcomes of a part of an import, and which of its lines had been imported before with the same content. */
    public record ImportOutcomes(BatchOutcomes outcomes, java.util.Set<Integer> unchangedLines) {
    }

    /**
     * Rows of an import, through the same checks, ledger and producer as a batch. Each row is a request of its own whose
     * id is derived from its content: a row imported again unchanged keeps its event id and announcedAt (it is sent again,
     * and the catalog, idempotent by event id, counts it once); a changed row is a new announcement.
     */
    public ImportOutcomes announceImport(List<ImportRow> rows, String publisherName, Instant announcedAt) throws IOException {
        List<Outcome> rejected = new ArrayList<>();
        List<Numbered> valid = new ArrayList<>(rows.size());
        List<String> keys = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            try {
                valid.add(new Numbered(row.line(), normalizer.normalize(row.request(), publisherName, announcedAt)));
                keys.add(row.content());
            } catch (Refusal e) {
                rejected.add(Outcome.invalid(row.line(), e.detail(), e.errors()));
            }
        }
        boolean[] existed = new boolean[valid.size()];
        List<Recorded> recorded = ledger.recordEach(publisherName, IMPORT, valid, keys, existed);
        java.util.Set<Integer> unchanged = new java.util.HashSet<>();
        List<byte[]> values = new ArrayList<>(recorded.size());
        try (ReleasePublisher.EventJson json = publisher.eventJson()) {
            for (int p = 0; p < recorded.size(); p++) {
                values.add(json.write(recorded.get(p).event())); // our own types: a failure is a bug
                if (existed[p]) {
                    unchanged.add(recorded.get(p).line());
                }
            }
        }
        return new ImportOutcomes(send(rows.size(), rejected, recorded, values, publisher.traceHeaders()), unchanged);
    }

    /**
     * Records the retraction (only by the publisher of the announcement or an admin) and sends it; the Uni fails with a
     * {@link Refusal} (broker unavailable) when the broker does not take it within the publish timeout.
     */
    public Uni<RecordedRetraction> retract(UUID announcementId, String caller, boolean admin, String reason) {
        RecordedRetraction retraction = ledger.retract(announcementId, caller, admin, reason);
        return publisher.publish(retraction.eventId(), retraction.event())
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf(failure, "Retraction %s was not acknowledged by the broker", retraction.eventId());
                    return new Refusal(Reason.BROKER_UNAVAILABLE, Outcome.brokerDetail(failure));
                })
                .replaceWith(retraction);
    }

    /** Records the valid announcements of a request; the body's hash is only needed (and computed) with a key. */
    private List<Recorded> record(String publisherName, String idempotencyKey, String endpoint, byte[] body,
                                  List<Numbered> valid) {
        try {
            return ledger.record(publisherName, idempotencyKey, endpoint, idempotencyKey == null ? null : Sha256.hex(body), valid);
        } catch (RuntimeException e) {
            // Two requests with one Idempotency-Key at the same time: the second one's insert waits for the first
            // and then violates the primary key.
            if (idempotencyKey != null && LedgerStore.isKeyViolation(e)) {
                throw new Refusal(Reason.IDEMPOTENCY_KEY_IN_USE, "Another request with the Idempotency-Key '"
                        + idempotencyKey + "' was being processed at the same time; retry this one.");
            }
            throw e;
        }
    }
}
