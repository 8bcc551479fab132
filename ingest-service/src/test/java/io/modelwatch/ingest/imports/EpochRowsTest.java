package io.modelwatch.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.ingest.api.AnnouncementRequest;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping of Epoch's rows, without a broker: every country name of the shipped file is known. */
class EpochRowsTest {

    private static List<EpochRows.Mapped> map(Reader csv) throws Exception {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            EpochRows rows = new EpochRows(EpochColumns.of(parser.getHeaderMap()), LocalDate.of(2025, 12, 1), new ObjectMapper());
            List<EpochRows.Mapped> mapped = new ArrayList<>();
            for (CSVRecord r : parser) {
                mapped.add(rows.map(r));
            }
            return mapped;
        }
    }

    @Test
    void everyCountryOfTheShippedFileHasItsCode() throws Exception {
        List<EpochRows.Mapped> rows = map(Files.newBufferedReader(Path.of("../demo/epoch/notable_ai_models.csv"), StandardCharsets.UTF_8));
        assertThat(rows).hasSize(952);
        assertThat(rows.stream().flatMap(r -> r.warnings().stream()).filter(w -> w.startsWith("Unknown"))).isEmpty();
        assertThat(rows.stream().map(EpochRows.Mapped::content).distinct()).as("one identity per row").hasSize(952);
        AnnouncementRequest veo = rows.stream().map(EpochRows.Mapped::request).filter(r -> r.name().equals("Veo 3")).findFirst()
                .orElseThrow();
        assertThat(veo.organizations()).extracting(AnnouncementRequest.OrganizationInput::country).containsExactly("US");
        assertThat(veo.source().name()).isEqualTo("Epoch AI, 'Data on AI Models' (snapshot 2025-12-01)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "United States of America|US", "United Kingdom of Great Britain and Northern Ireland|GB", "Korea (Republic of)|KR",
            "Hong Kong|HK", "Iran (Islamic Republic of)|IR", "Czechia|CZ", "Taiwan|TW", "Russia|RU", "china|CN"})
    void countryNamesAsDatasetsWriteThem(String name, String code) {
        assertThat(CountryNames.code(name)).isEqualTo(code);
    }

    @Test
    void unknownCountriesAreReportedNotGuessed() throws Exception {
        List<EpochRows.Mapped> rows = map(new StringReader(
                "System,Organization,Country (from Organization),Open-source\nX,\"A,B\",\"Atlantis,Multinational\",Open source\n"));
        assertThat(rows.get(0).request().organizations()).extracting(AnnouncementRequest.OrganizationInput::country)
                .containsExactly(null, null);
        assertThat(rows.get(0).warnings()).containsExactly("Unknown country 'Atlantis' (of A): left out");
        assertThat(rows.get(0).request().accessibility()).isEqualTo("open-weights-unrestricted");
        assertThat(CountryNames.code("Atlantis")).isNull();
    }

    /** Epoch lists each organisation's countries together, in order; a multinational one takes all of its own. */
    @Test
    void aMultinationalOrganisationKeepsEveryCountryAndTheOthersKeepTheirOwn() throws Exception {
        List<EpochRows.Mapped> rows = map(new StringReader("""
                Model,Organization,Country (of organization)
                A,Google DeepMind,"United States of America,United Kingdom of Great Britain and Northern Ireland"
                B,"Facebook AI Research,New York University (NYU)","United States of America,France,United States of America"
                C,"New York University (NYU),Facebook AI Research","United States of America,United States of America,France"
                D,"ETH Zurich,Some Lab","Switzerland,United States of America,Canada"
                E,"Google DeepMind,Some Lab",United States of America
                """));
        record Org(String name, String country, List<String> others) {
        }
        java.util.function.Function<EpochRows.Mapped, List<Org>> orgs = m -> m.request().organizations().stream()
                .map(o -> new Org(o.name(), o.country(), o.otherCountries() == null ? List.of() : o.otherCountries())).toList();
        assertThat(orgs.apply(rows.get(0))).containsExactly(new Org("Google DeepMind", "US", List.of("GB")));
        assertThat(orgs.apply(rows.get(1))).containsExactly(new Org("Facebook AI Research", "US", List.of("FR")),
                new Org("New York University (NYU)", "US", List.of()));
        assertThat(orgs.apply(rows.get(2))).containsExactly(new Org("New York University (NYU)", "US", List.of()),
                new Org("Facebook AI Research", "US", List.of("FR")));
        assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat(r.warnings()).isEmpty());
        // More countries than the organisations are known to have: none is lost, the last organisation takes the rest.
        assertThat(orgs.apply(rows.get(3))).containsExactly(new Org("ETH Zurich", "CH", List.of()),
                new Org("Some Lab", "US", List.of("CA")));
        assertThat(rows.get(3).warnings()).containsExactly("3 countries for 2 organisation(s): paired in order, the last one given "
                + "United States of America, Canada");
        // Fewer: each takes one in order, a multinational too, and the last ones go without.
        assertThat(orgs.apply(rows.get(4))).containsExactly(new Org("Google DeepMind", "US", List.of()), new Org("Some Lab", null, List.of()));
        assertThat(rows.get(4).warnings()).containsExactly("1 countries for 2 organisation(s): paired in order, no country for the last 1");
    }

    @Test
    void aFileWithoutAModelColumnIsNotEpochs() {
        assertThatThrownBy(() -> EpochColumns.of(Map.of("Name", 0))).hasMessageContaining("'Model'");
    }

    /** Every abstract of the shipped file becomes a summary the validation contract takes: one line, within the limit. */
    @Test
    void abstractsBecomeOneLineSummariesWithinTheLimit() throws Exception {
        String twoLines = "First sentence.\nSecond\tsentence.";
        assertThat(EpochRows.abstractText(twoLines).en()).isEqualTo("First sentence. Second sentence.");
        String longText = "A sentence of some length that goes on. ".repeat(80);
        String cut = EpochRows.abstractText(longText).en();
        assertThat(cut).hasSizeLessThanOrEqualTo(io.modelwatch.contract.validation.Limits.TEXT).endsWith("on.…");

        int abstracts = 0;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(Path.of("../demo/epoch/notable_ai_models.csv"), StandardCharsets.UTF_8))) {
            for (CSVRecord r : parser) {
                String text = r.get("Abstract");
                if (text.isBlank()) {
                    continue;
                }
                abstracts++;
                String summary = EpochRows.abstractText(text).en();
                assertThat(io.modelwatch.contract.validation.PlainTextValidator.firstBad(summary)).as(r.get("Model")).isNegative();
                assertThat(summary).as(r.get("Model")).hasSizeLessThanOrEqualTo(io.modelwatch.contract.validation.Limits.TEXT);
            }
        }
        assertThat(abstracts).isGreaterThan(100);
    }
}
