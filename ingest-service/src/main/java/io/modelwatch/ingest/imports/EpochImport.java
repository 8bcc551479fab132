package io.modelwatch.ingest.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.ingest.service.AnnouncementIntake;
import io.modelwatch.ingest.store.ImportedRows;
import io.modelwatch.ingest.service.AnnouncementIntake.ImportOutcomes;
import io.modelwatch.ingest.service.AnnouncementIntake.ImportRow;
import io.modelwatch.ingest.service.AnnouncementNormalizer;
import io.modelwatch.ingest.service.Outcome;
import io.modelwatch.ingest.service.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jboss.logging.Logger;

/**
 * Imports Epoch AI's notable-models CSV as it is published, read as it streams in: each row becomes an announcement
 * (source: Epoch AI, with the snapshot's date) through the same intake as a batch, {@value #CHUNK} rows at a time. The
 * identity of a row's announcement is its content, so importing the same file again changes nothing and a newer
 * snapshot makes new announcements only of the rows whose values changed. A row that cannot be read or is invalid is
 * refused and named by its line; the others go on.
 */
@ApplicationScoped
public class EpochImport {

    /** Rows handed to the intake at once: one ledger statement and one wait for the broker per chunk. */
    static final int CHUNK = 1000;
    private static final Logger LOG = Logger.getLogger(EpochImport.class);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setAllowMissingColumnNames(true).setIgnoreEmptyLines(true)
            .get();

    /** The source whose rows {@code imported_row} keeps. */
    static final String SOURCE = "epoch-ai";

    private final AnnouncementIntake intake;
    private final AnnouncementNormalizer normalizer;
    private final ObjectMapper json;
    private final ImportedRows held;

    public EpochImport(AnnouncementIntake intake, AnnouncementNormalizer normalizer, ObjectMapper json, ImportedRows held) {
        this.intake = intake;
        this.normalizer = normalizer;
        this.json = json;
        this.held = held;
    }

    /**
     * Imports the CSV read from {@code body} for {@code publisher}; {@code snapshot} is the date the file was retrieved.
     *
     * @throws Refusal (invalid) when the body has no header or is not Epoch's file
     */
    public ImportReport run(InputStream body, String publisher, LocalDate snapshot) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Instant announcedAt = normalizer.now(); // one instant for the import
        UUID importId = UUID.randomUUID();
        java.util.Set<String> inFile = new java.util.HashSet<>(); // the models the file's rows name, read or not
        Tally tally = new Tally();
        try (CSVParser parser = FORMAT.parse(withoutBom(new InputStreamReader(body, StandardCharsets.UTF_8)))) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                throw new Refusal(Refusal.Reason.INVALID, "The body is empty: send Epoch AI's notable-models CSV, header first.");
            }
            EpochColumns columns;
            try {
                columns = EpochColumns.of(header);
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Reason.INVALID, e.getMessage());
            }
            EpochRows rows = new EpochRows(columns, snapshot, json);
            List<ImportRow> chunk = new ArrayList<>(CHUNK);
            Map<Integer, String> names = new HashMap<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    // a quote never closed, or a broken byte sequence: nothing after it can be read in step
                    tally.rows++;
                    tally.refuse(line, null, 400, "The row cannot be read as CSV: " + e.getCause().getMessage()
                            + ". Nothing after it was read.", null);
                    break;
                }
                tally.rows++;
                String model = record.isSet(columns.name()) ? record.get(columns.name()) : null;
                // Names the contract could hold only (a longer one is refused below): imported_row indexes the name
                if (model != null && !model.isBlank() && model.strip().length() <= Limits.NAME) {
                    inFile.add(model.strip());
                }
                if (!record.isConsistent()) {
                    tally.refuse(line, model, 400, "The row has " + record.size() + " fields; the header has " + header.size() + ".", null);
                    continue;
                }
                EpochRows.Mapped mapped = rows.map(record);
                mapped.warnings().forEach(w -> tally.warnings.add(new ImportReport.Line(line, model, null, w, null)));
                chunk.add(new ImportRow((int) line, mapped.request(), mapped.content()));
                names.put((int) line, model);
                if (chunk.size() == CHUNK) {
                    send(chunk, names, publisher, announcedAt, tally);
                    LOG.infof("Epoch import by %s: %d rows read, %d accepted (%d unchanged), %d refused so far",
                            publisher, tally.rows, tally.accepted, tally.unchanged, tally.refusals.size());
                }
            }
            send(chunk, names, publisher, announcedAt, tally);
        }
        held.held(SOURCE, importId, snapshot, inFile);
        // Rows of earlier files that this one does not hold: said, not deleted (a model leaves Epoch's list; a file cut short)
        List<String> missing = held.missing(SOURCE, importId);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("Epoch import (snapshot %s) by %s: %d rows read, %d accepted (%d unchanged), %d refused, %d not taken by the"
                + " broker, in %d ms", snapshot, publisher, tally.rows, tally.accepted, tally.unchanged, tally.refused,
                tally.unavailable, millis);
        tally.refusals.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportReport("Epoch AI, 'Data on AI Models' (snapshot " + snapshot + "), " + Credits.EPOCH_AI_URL,
                Credits.EPOCH_AI, tally.rows, tally.accepted, tally.accepted - tally.unchanged, tally.unchanged, tally.refused,
                tally.unavailable, tally.refusals, tally.warnings, missing.size(),
                missing.subList(0, Math.min(missing.size(), ImportReport.MISSING_NAMED)), millis);
    }

    private void send(List<ImportRow> chunk, Map<Integer, String> names, String publisher, Instant announcedAt, Tally tally)
            throws IOException, InterruptedException {
        if (chunk.isEmpty()) {
            return;
        }
        ImportOutcomes sent = intake.announceImport(chunk, publisher, announcedAt);
        for (Outcome o : sent.outcomes().all()) {
            if (o.accepted()) {
                tally.accepted++;
                if (sent.unchangedLines().contains(o.line())) {
                    tally.unchanged++;
                }
            } else {
                tally.refuse(o.line(), names.get(o.line()), o.status(), o.detail(), o.errors());
            }
        }
        chunk.clear();
        names.clear();
    }

    /** The reader without a leading UTF-8 byte order mark (older snapshots start with one). */
    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** The counts and lines of one import, as it goes. */
    private static final class Tally {
        int rows;
        int accepted;
        int unchanged;
        int refused;
        int unavailable;
        final List<ImportReport.Line> refusals = new ArrayList<>();
        final List<ImportReport.Line> warnings = new ArrayList<>();

        void refuse(long line, String model, int status, String detail, List<io.modelwatch.ingest.service.FieldError> errors) {
            if (status == 503) {
                unavailable++;
            } else {
                refused++;
            }
            refusals.add(new ImportReport.Line(line, model, status, detail, errors));
        }
    }
}
