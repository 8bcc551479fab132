package io.modelwatch.ingest.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The import of Epoch AI's notable-models file through the real intake, ledger and broker: every row arrives, the counts
 * per year, country and accessibility equal those the test reads from the CSV itself (with a reader and tables of its
 * own), and importing the same file again sends nothing new.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class EpochImportTest {

    private static final String ADMIN = "Bearer test-key";
    private static final Path SHIPPED = Path.of("../demo/epoch/notable_ai_models.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static JsonPath importFile(byte[] csv, String snapshot) {
        return given().header("Authorization", ADMIN).contentType("text/csv").body(csv).queryParam("snapshot", snapshot)
                .when().post("/api/v1/imports/epoch").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    /** The events on model-releases whose source is Epoch AI with this snapshot date, one per event id. */
    private Map<String, JsonNode> epochEvents(String snapshot) throws Exception {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            for (ConsumerRecord<String, String> r : TopicRecords.readAll(kafka, Topics.MODEL_RELEASES)) {
                JsonNode data = JSON.readTree(r.value());
                if (data.path("source").path("name").asText().contains("snapshot " + snapshot)) {
                    events.put(TopicRecords.header(r, "ce_id"), data);
                }
            }
        }
        return events;
    }

    @Test
    void theShippedFileArrivesWholeAndAgainChangesNothing() throws Exception {
        byte[] csv = Files.readAllBytes(SHIPPED);
        String snapshot = "2025-12-01";

        JsonPath first = importFile(csv, snapshot);
        assertThat(first.getInt("rows")).isEqualTo(952);
        assertThat(first.getInt("refused")).as("refusals: %s", first.getList("refusals")).isZero();
        assertThat(first.getInt("accepted")).isEqualTo(952);
        assertThat(first.getString("credit")).isEqualTo(Credits.EPOCH_AI);
        System.out.printf("Epoch import of 952 rows: %d ms (imported %d, unchanged %d, %d warnings)%n", first.getLong("millis"),
                first.getInt("imported"), first.getInt("unchanged"), first.getList("warnings").size());

        JsonPath again = importFile(csv, snapshot);
        assertThat(again.getInt("accepted")).isEqualTo(952);
        assertThat(again.getInt("unchanged")).isEqualTo(952);
        assertThat(again.getInt("imported")).isZero();

        Map<String, JsonNode> events = epochEvents(snapshot);
        assertThat(events).as("both imports together: one event id per row, the second sent under the first's ids").hasSize(952);
        List<Map<String, String>> rows = Csv.read(Files.readString(SHIPPED, StandardCharsets.UTF_8));
        assertThat(rows).hasSize(952);

        List<JsonNode> arrived = new ArrayList<>(events.values());
        assertThat(count(arrived, e -> e.path("published").asText().substring(0, 4)))
                .as("per year").isEqualTo(countRows(rows, r -> r.get("Publication date").substring(0, 4)));
        assertThat(count(arrived, e -> e.path("organizations").path(0).path("country").asText("none")))
                .as("per country of the first organisation").isEqualTo(countRows(rows, r -> firstCountry(r.get("Country (of organization)"))));
        assertThat(count(arrived, e -> e.path("accessibility").asText("none")))
                .as("per accessibility").isEqualTo(countRows(rows, r -> ACCESSIBILITY.getOrDefault(r.get("Model accessibility"), "?")));
        assertThat(count(arrived, e -> e.path("name").asText())).as("every model once").hasSize(952);
        assertThat(arrived.stream().filter(e -> e.has("trainingCompute")).count())
                .isEqualTo(rows.stream().filter(r -> !r.get("Training compute (FLOP)").isBlank()).count());
        assertThat(arrived.stream().filter(e -> e.has("parameters")).count())
                .isEqualTo(rows.stream().filter(r -> !r.get("Parameters").isBlank()).count());

        JsonNode s4 = arrived.stream().filter(e -> e.path("name").asText().equals("S4")).findFirst().orElseThrow();
        assertThat(s4.path("parameters").path("value").asLong()).as("249000000.00000003 in the file").isEqualTo(249_000_000L);

        JsonNode gpt4 = arrived.stream().filter(e -> e.path("name").asText().equals("GPT-4")).findFirst().orElseThrow();
        Map<String, String> gpt4Row = rows.stream().filter(r -> r.get("Model").equals("GPT-4")).findFirst().orElseThrow();
        assertThat(gpt4.path("trainingCompute").path("value").asDouble())
                .isEqualTo(Double.parseDouble(gpt4Row.get("Training compute (FLOP)")));
        assertThat(gpt4.path("trainingCompute").path("note").asText()).isEqualTo(gpt4Row.get("Training compute notes").strip());
        assertThat(gpt4.path("source").path("url").asText()).isEqualTo(Credits.EPOCH_AI_URL);
        assertThat(gpt4.path("published").asText()).isEqualTo(gpt4Row.get("Publication date"));
    }

    @Test
    void aRowMissingFromANewerFileIsReportedAndNotDeleted() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String header = "Model,Organization,Country (of organization),Publication date,Domain,Model accessibility\r\n";
        String kept = "Kept " + id + ",Baidu,China,2021-07,Language,API access\r\n";
        String dropped = "Dropped " + id + ",Tencent,China,2022-01,Language,Unreleased\r\n";
        String added = "Added " + id + ",Zhipu AI,China,2023-03,Language,API access\r\n";
        JsonPath older = importFile((header + kept + dropped).getBytes(StandardCharsets.UTF_8), "2024-01-01");
        assertThat(older.getInt("accepted")).isEqualTo(2);
        assertThat(older.getList("missingModels", String.class)).doesNotContain("Kept " + id, "Dropped " + id);

        JsonPath newer = importFile((header + kept + added).getBytes(StandardCharsets.UTF_8), "2024-02-01");
        assertThat(newer.getInt("accepted")).isEqualTo(2);
        assertThat(newer.getList("missingModels", String.class)).contains("Dropped " + id).doesNotContain("Kept " + id, "Added " + id);
        assertThat(newer.getInt("missing")).isGreaterThanOrEqualTo(1);
        // A row whose name no entry could hold is refused, and the import still answers (its name is not kept either).
        // (20,000 letters that do not compress: PostgreSQL's index on the name holds at most about 2,700 bytes)
        String noise = new java.util.Random(15).ints(20_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        JsonPath longName = importFile((header + kept + noise + ",Baidu,China,2021-07,Language,API access\r\n")
                .getBytes(StandardCharsets.UTF_8), "2024-02-01");
        assertThat(longName.getInt("accepted")).isEqualTo(1);
        assertThat(longName.getInt("refused")).isEqualTo(1);
        assertThat(longName.getList("missingModels", String.class)).contains("Dropped " + id).doesNotContain("Kept " + id);
        // Reported, not deleted: when a file holds it again it is unchanged (its announcement stands as it was).
        JsonPath again = importFile((header + kept + dropped).getBytes(StandardCharsets.UTF_8), "2024-01-01");
        assertThat(again.getInt("unchanged")).as("the dropped row's announcement, sent before, is the same one").isEqualTo(2);
        assertThat(again.getList("missingModels", String.class)).contains("Added " + id).doesNotContain("Dropped " + id, "Kept " + id);
    }

    @Test
    void olderSnapshotShapesAreReadAndBadRowsAreNamedWhileTheOthersGoOn() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String csv = "\uFEFFSystem,Organization,Country (from Organization),Publication date,Domain,Task,Parameters,"
                + "Training compute (FLOP),Training compute notes,Open-source,Confidence\r\n"
                + "Old A " + id + ",\"DeepMind,University of Oxford\",\"United Kingdom of Great Britain and Northern Ireland,Atlantis\","
                + "2016-01-27,Games,\"Go\",,3.8×10^23,\"Estimated, from\nhardware\",Open source,Confident\r\n"
                + "Old B " + id + ",Baidu,China,2019-07,Language,Language modeling,1.5e9,-1,,Unreleased,Likely\r\n"
                + "Old C " + id + ",Tencent,China\r\n"
                + "Old D " + id + ",Multinational lab,Multinational,2020,Vision,,,,,API access,Unknown\r\n";
        JsonPath report = importFile(csv.getBytes(StandardCharsets.UTF_8), "2023-05-01");
        assertThat(report.getInt("rows")).isEqualTo(4);
        assertThat(report.getInt("accepted")).isEqualTo(2);
        assertThat(report.getInt("refused")).isEqualTo(2);
        assertThat(report.getList("refusals.line", Integer.class)).containsExactly(4, 5);
        assertThat(report.getList("refusals[0].errors.field", String.class)).containsExactly("trainingCompute");
        assertThat(report.getString("refusals[1].detail")).contains("fields");
        assertThat(report.getList("warnings.detail", String.class)).anySatisfy(w -> assertThat(w).contains("Atlantis"));
    }

    @Test
    void onlyAdminsImportAndNotEpochsFileIsAProblem() {
        given().header("Authorization", "Bearer publisher-a-key").contentType("text/csv").body("Model\nX\n")
                .when().post("/api/v1/imports/epoch").then().statusCode(403);
        given().header("Authorization", ADMIN).contentType("text/csv").body("Name,Maker\nX,Y\n")
                .when().post("/api/v1/imports/epoch").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'Model'"));
        given().header("Authorization", ADMIN).contentType("text/csv").body("Model\nX\n").queryParam("snapshot", "last week")
                .when().post("/api/v1/imports/epoch").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("snapshot"));
        byte[] tooLarge = new byte[50 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tooLarge, (byte) 'a');
        given().header("Authorization", ADMIN).contentType("text/csv").body(tooLarge)
                .when().post("/api/v1/imports/epoch").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    private static final Map<String, String> ACCESSIBILITY = Map.of(
            "", "none", "Open weights (unrestricted)", "open-weights-unrestricted", "Open weights (restricted use)",
            "open-weights-restricted", "Open weights (non-commercial)", "open-weights-noncommercial", "API access", "api",
            "Hosted access (no API)", "hosted", "Unreleased", "unreleased");

    /** The test's own table of the country names in the shipped file. */
    private static final Map<String, String> COUNTRIES = Map.ofEntries(
            Map.entry("United States of America", "US"), Map.entry("China", "CN"),
            Map.entry("United Kingdom of Great Britain and Northern Ireland", "GB"), Map.entry("Canada", "CA"),
            Map.entry("France", "FR"), Map.entry("Germany", "DE"), Map.entry("Korea (Republic of)", "KR"),
            Map.entry("Hong Kong", "HK"), Map.entry("Singapore", "SG"), Map.entry("Switzerland", "CH"), Map.entry("Israel", "IL"),
            Map.entry("Japan", "JP"), Map.entry("Australia", "AU"), Map.entry("Saudi Arabia", "SA"), Map.entry("Finland", "FI"),
            Map.entry("Netherlands", "NL"), Map.entry("United Arab Emirates", "AE"), Map.entry("Denmark", "DK"),
            Map.entry("Czechia", "CZ"), Map.entry("India", "IN"), Map.entry("Belgium", "BE"), Map.entry("Italy", "IT"),
            Map.entry("Sweden", "SE"), Map.entry("Spain", "ES"), Map.entry("Taiwan", "TW"), Map.entry("Austria", "AT"),
            Map.entry("Poland", "PL"), Map.entry("Iran (Islamic Republic of)", "IR"), Map.entry("Norway", "NO"),
            Map.entry("Russia", "RU"), Map.entry("Argentina", "AR"), Map.entry("Malaysia", "MY"), Map.entry("Ireland", "IE"),
            Map.entry("Croatia", "HR"), Map.entry("Multinational", "none"));

    private static String firstCountry(String cell) {
        String first = cell.split(",")[0].strip();
        return first.isEmpty() ? "none" : COUNTRIES.getOrDefault(first, "unknown " + first);
    }

    private static Map<String, Long> count(List<JsonNode> events, Function<JsonNode, String> key) {
        return events.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> countRows(List<Map<String, String>> rows, Function<Map<String, String>, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** A reader of RFC 4180 of the test's own (quoted fields with commas, quotes and line breaks), not the import's. */
    static final class Csv {
        static List<Map<String, String>> read(String text) {
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            List<String> header = records.get(0);
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> r : records.subList(1, records.size())) {
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < r.size() ? r.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
