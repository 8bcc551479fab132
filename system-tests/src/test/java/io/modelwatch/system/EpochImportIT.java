package io.modelwatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.contract.Credits;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Epoch AI's notable-models file (CC BY 4.0: {@value Credits#EPOCH_AI}) through the whole pipeline, on a platform of its
 * own (its own failsafe run: the file's real dates, 1950 to 2025, would land in the reviews of the other ITs' years).
 * Imported, imported again, then a newer snapshot with three rows changed and one added: the catalog revises exactly
 * those three and adds that one, and the digest's read model follows.
 */
class EpochImportIT {

    private static final String KEY = "epoch-it-key-" + UUID.randomUUID();
    private static final Path SHIPPED = Path.of("../demo/epoch/notable_ai_models.csv");

    private static Pipeline services;

    @BeforeAll
    static void startEverything() {
        services = Pipeline.start(EmbeddedPlatformTestResource.platform(), KEY, "epoch-it", Map.of(), Map.of());
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
    }

    private static JsonPath importFile(String csv, String snapshot) {
        return given().baseUri(services.ingest().url()).header("Authorization", "Bearer " + KEY).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).queryParam("snapshot", snapshot)
                .when().post("/api/v1/imports/epoch").then().statusCode(200).extract().jsonPath();
    }

    /** Every catalog entry tagged as imported from Epoch AI: slug to the entry as the list gives it. */
    private static Map<String, Map<String, Object>> epochEntries() {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        String after = null;
        do {
            var request = given().baseUri(services.catalog().url()).queryParam("tag", Credits.EPOCH_AI_TAG).queryParam("limit", 500);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.forEach(item -> entries.put((String) item.get("slug"), item));
            after = page.getString("next");
        } while (after != null);
        return entries;
    }

    @Test
    void aNewerSnapshotRevisesExactlyTheRowsThatChangedAndTheDigestFollows() throws Exception {
        String original = Files.readString(SHIPPED, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<CSVRecord> rows;
        List<String> header;
        try (var parser = format.parse(new StringReader(original))) {
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(952);

        JsonPath first = importFile(original, "2025-12-01");
        assertThat(first.getInt("accepted")).as("refusals: %s", first.getList("refusals")).isEqualTo(952);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(epochEntries()).hasSize(952));
        Map<String, Map<String, Object>> imported = epochEntries();
        assertThat(imported.values()).allSatisfy(e -> {
            assertThat(e.get("revision")).as("revision of %s", e.get("slug")).isEqualTo(1);
            assertThat(e.get("announcements")).as("Epoch rows in %s", e.get("slug")).isEqualTo(1);
        });
        // Per year, the catalog's entries against the file's rows, counted straight from the CSV.
        assertThat(perYear(imported.values().stream().map(e -> (String) e.get("published"))))
                .isEqualTo(perYear(rows.stream().map(r -> r.get("Publication date"))));

        // Per country and per accessibility, the catalog's statistics against counts made from the CSV by this test's
        // own reading of Epoch's names (an entry counts once per country, as the statistics say). 70 rows name more
        // countries than organisations (Google DeepMind: the US and the UK); every one of them is kept.
        Map<String, Long> inFile = counts(rows.stream().map(r -> countries(r.get("Country (of organization)"))));
        assertThat(catalogCounts("country")).isEqualTo(inFile);
        assertThat(catalogCounts("accessibility"))
                .isEqualTo(counts(rows.stream().map(r -> ACCESSIBILITY.containsKey(r.get("Model accessibility"))
                        ? java.util.Set.of(ACCESSIBILITY.get(r.get("Model accessibility"))) : java.util.Set.<String>of())));

        JsonPath again = importFile(original, "2025-12-01");
        assertThat(again.getInt("unchanged")).isEqualTo(952);
        assertThat(again.getInt("imported")).isZero();

        // The newer snapshot: three dated rows with a parameter count get another one, and one model is added.
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < rows.size() && changed.size() < 3; i++) {
            CSVRecord r = rows.get(i);
            if (!r.get("Parameters").isBlank() && r.get("Publication date").length() == 10) {
                changed.add(i);
            }
        }
        Map<String, Long> newParameters = new HashMap<>();
        StringWriter newer = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(newer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < rows.size(); i++) {
                List<String> values = new ArrayList<>(rows.get(i).toList());
                if (changed.contains(i)) {
                    long more = Math.round(Double.parseDouble(values.get(header.indexOf("Parameters")))) * 2 + 7;
                    values.set(header.indexOf("Parameters"), Long.toString(more));
                    newParameters.put(values.get(header.indexOf("Model")), more);
                }
                printer.printRecord(values);
            }
            List<String> added = new ArrayList<>(rows.get(changed.get(0)).toList());
            String addedName = "Epoch IT addition " + UUID.randomUUID().toString().substring(0, 8);
            added.set(header.indexOf("Model"), addedName);
            printer.printRecord(added);
        }

        JsonPath revised = importFile(newer.toString(), "2026-01-01");
        assertThat(revised.getInt("rows")).isEqualTo(953);
        assertThat(revised.getInt("accepted")).isEqualTo(953);
        assertThat(revised.getInt("imported")).as("three changed rows and one new row").isEqualTo(4);
        assertThat(revised.getInt("unchanged")).isEqualTo(949);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Map<String, Map<String, Object>> entries = epochEntries();
            assertThat(entries).hasSize(953);
            assertThat(entries.values().stream().filter(e -> ((Number) e.get("revision")).intValue() == 2)
                    .map(e -> (String) e.get("name"))).containsExactlyInAnyOrderElementsOf(newParameters.keySet());
        });
        // Nothing else was revised, not by the second import of the same file nor by the newer snapshot's 949 unchanged rows.
        Map<String, Map<String, Object>> entries = epochEntries();
        assertThat(entries.values().stream().filter(e -> ((Number) e.get("revision")).intValue() != 1)).hasSize(3);
        for (var entry : entries.values()) {
            Long expected = newParameters.get((String) entry.get("name"));
            if (expected != null) {
                assertThat(((Number) ((Map<?, ?>) entry.get("parameters")).get("value")).longValue())
                        .as("parameters of %s", entry.get("name")).isEqualTo(expected);
            }
        }

        // The digest's read model follows: a review of each changed model's day states its new parameter count.
        for (int i : changed) {
            String name = rows.get(i).get("Model");
            String day = rows.get(i).get("Publication date");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath review = review(day);
                List<Map<String, Object>> releases = review.getList("releases");
                assertThat(releases).filteredOn(r -> name.equals(r.get("name"))).singleElement()
                        .satisfies(r -> assertThat(((Number) r.get("parameters")).longValue()).isEqualTo(newParameters.get(name)));
            });
        }

        // Issue 18's invariants over reviews of the real field: the mid-year reviews of 2016 to 2025 (the twelve months
        // to each 30 June), checked against the digest's own lists and the catalog's entries.
        Map<String, Map<String, Object>> catalog = epochEntries();
        int relativeSizes = 0;
        int releases = 0;
        for (int year = 2016; year <= 2025; year++) {
            JsonPath review = review("mid-year", Integer.toString(year));
            releases += review.getList("releases").size();
            relativeSizes += ReviewInvariants.check("mid-year " + year, review, catalog);
        }
        assertThat(releases).as("releases over the ten reviews").isGreaterThan(300);
        assertThat(relativeSizes).as("relative sizes checked").isGreaterThan(10);
    }

    /** Epoch's accessibility values as the v1 contract names them (blank: not stated). */
    private static final Map<String, String> ACCESSIBILITY = Map.of("Open weights (unrestricted)", "open-weights-unrestricted",
            "Open weights (restricted use)", "open-weights-restricted", "Open weights (non-commercial)", "open-weights-noncommercial",
            "API access", "api", "Hosted access (no API)", "hosted", "Unreleased", "unreleased");

    /** Epoch's country names that are not the JDK's English display name of their ISO code; "Multinational" is none. */
    private static final Map<String, String> COUNTRY_NAMES = Map.of("United States of America", "US",
            "United Kingdom of Great Britain and Northern Ireland", "GB", "Korea (Republic of)", "KR", "Hong Kong", "HK",
            "Iran (Islamic Republic of)", "IR", "Russia", "RU", "Taiwan", "TW");

    /** The ISO codes of a row's comma-separated country names. */
    private static java.util.Set<String> countries(String names) {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (String name : names.split(",")) {
            String n = name.strip();
            String code = COUNTRY_NAMES.get(n);
            if (code == null) {
                code = java.util.Arrays.stream(java.util.Locale.getISOCountries())
                        .filter(c -> new java.util.Locale("", c).getDisplayCountry(java.util.Locale.ENGLISH).equals(n))
                        .findFirst().orElse(null);
            }
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    private static Map<String, Long> counts(java.util.stream.Stream<java.util.Set<String>> keys) {
        return keys.flatMap(java.util.Set::stream).collect(java.util.stream.Collectors.groupingBy(k -> k, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    /** The catalog's statistics of the Epoch entries by {@code by}, the stated keys only. */
    private static Map<String, Long> catalogCounts(String by) {
        List<Map<String, Object>> groups = given().baseUri(services.catalog().url()).queryParam("tag", Credits.EPOCH_AI_TAG)
                .when().get("/api/v1/stats/releases/" + by).then().statusCode(200).extract().jsonPath().getList("groups");
        Map<String, Long> counts = new java.util.TreeMap<>();
        groups.stream().filter(g -> g.get("key") != null)
                .forEach(g -> counts.put((String) g.get("key"), ((Number) g.get("count")).longValue()));
        return counts;
    }

    private static Map<String, Long> perYear(java.util.stream.Stream<String> dates) {
        return dates.collect(java.util.stream.Collectors.groupingBy(d -> d.substring(0, 4), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    private static JsonPath review(String day) {
        return reviewOf("{\"from\": \"" + day + "\", \"to\": \"" + day + "\", \"language\": \"en\"}");
    }

    private static JsonPath review(String kind, String period) {
        return reviewOf("{\"kind\": \"" + kind + "\", \"period\": \"" + period + "\", \"language\": \"en\"}");
    }

    private static JsonPath reviewOf(String body) {
        String id = given().baseUri(services.digest().url()).contentType("application/json")
                .body(body)
                .when().post("/api/v1/digests").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.equalTo(200), org.hamcrest.Matchers.equalTo(201)))
                .extract().path("id");
        return given().baseUri(services.digest().url()).when().get("/api/v1/digests/" + id).then().statusCode(200).extract().jsonPath();
    }
}
