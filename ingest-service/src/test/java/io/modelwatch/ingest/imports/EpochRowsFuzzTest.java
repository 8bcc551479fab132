package io.modelwatch.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.validation.ContractValidator;
import io.modelwatch.ingest.service.AnnouncementNormalizer;
import io.modelwatch.ingest.service.Refusal;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Fuzzing the Epoch import's rows: real rows of the shipped file with some cells replaced by hostile or malformed values
 * (control and direction characters, huge and negative numbers, broken dates and URLs, long texts), written as CSV and
 * read back as the import reads them. Each row is mapped and normalised: it is refused with named fields or accepted, and
 * what is accepted passes the catalog's storage check. No other exception escapes. Seeded.
 */
class EpochRowsFuzzTest {

    private static final Path SHIPPED = Path.of("../demo/epoch/notable_ai_models.csv");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    private static final ObjectMapper JSON = Json.mapper();
    private static final AnnouncementNormalizer NORMALIZER = new AnnouncementNormalizer(JSON);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> HEADER;
    private static final List<List<String>> ROWS = new ArrayList<>();

    static {
        try (CSVParser parser = FORMAT.parse(Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8))) {
            HEADER = parser.getHeaderNames();
            for (CSVRecord r : parser) {
                ROWS.add(r.toList());
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A row of the shipped file with these cells replaced. */
    record Mutated(int row, Map<Integer, String> cells) {
    }

    @Property(tries = 1500, seed = "20261207")
    void everyRowIsRefusedWithNamedFieldsOrStorable(@ForAll("rows") Mutated mutated) throws Exception {
        List<String> cells = new ArrayList<>(ROWS.get(mutated.row()));
        mutated.cells().forEach(cells::set);
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get().print(csv)) {
            printer.printRecord(cells);
        }
        try (CSVParser parser = FORMAT.parse(new StringReader(csv.toString()))) {
            EpochRows rows = new EpochRows(EpochColumns.of(parser.getHeaderMap()), LocalDate.of(2025, 12, 1), JSON);
            for (CSVRecord record : parser) {
                EpochRows.Mapped mapped = rows.map(record);
                ReleaseAnnounced event;
                try {
                    if (!ContractValidator.violations(mapped.request()).isEmpty()) {
                        continue; // refused by the request check, each field named
                    }
                    event = NORMALIZER.normalize(mapped.request(), "epoch", AT);
                } catch (Refusal refusal) {
                    assertThat(refusal.errors()).isNotEmpty();
                    continue;
                }
                assertThat(ContractValidator.storageViolations(event)).as("the catalog's check of %s", cells).isEmpty();
                ACCEPTED.incrementAndGet();
            }
        }
    }

    /** Rows accepted over the run: the property means something only if many get that far. */
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    @AfterContainer
    static void manyRowsWereAccepted() {
        assertThat(ACCEPTED.get()).as("rows accepted of 1,500").isGreaterThan(150);
    }

    @Provide
    Arbitrary<Mutated> rows() {
        Arbitrary<Map<Integer, String>> cells = Arbitraries.maps(Arbitraries.integers().between(0, HEADER.size() - 1), cell())
                .ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(Arbitraries.integers().between(0, ROWS.size() - 1), cells).as(Mutated::new);
    }

    private static Arbitrary<String> cell() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("ab 中\u0000\u0007\r\n\u202e\u200b\",;=+-@").ofMaxLength(40),
                Arbitraries.strings().withChars("x ").ofMinLength(200).ofMaxLength(3000),
                Arbitraries.of("", "-1", "0", "1e400", "NaN", "1.5e12", "18446744073709551617", "2022-13-01", "0000-00-00",
                        "2031-01-01", "1899-12-31", "javascript:alert(1)", "http://", "https://example.org/a b", "United States of America,China",
                        "Open weights (unrestricted)", "Unknown", "=HYPERLINK(\"x\")", "Industry,Academia", "Likely", "Confident"),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf));
    }
}
