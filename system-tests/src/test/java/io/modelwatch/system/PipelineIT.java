package io.modelwatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PlatformEndpoints;
import io.modelwatch.platform.TopicRecords;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline as it runs in production: the three packaged services as separate JVMs, a real
 * Kafka broker and a real PostgreSQL. What a publisher posts must reach the catalog and the reviews.
 */
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "system-test-key-" + UUID.randomUUID();

    private static PlatformEndpoints platform;
    private static Pipeline services;
    private static Map<String, String> digestEnv;
    private static ServiceProcess ingest;
    private static ServiceProcess catalog;
    private static ServiceProcess digest;

    @BeforeAll
    static void startEverything() {
        platform = EmbeddedPlatformTestResource.platform();
        services = Pipeline.start(platform, KEY, "system-test", Map.of(), Map.of());
        ingest = services.ingest();
        catalog = services.catalog();
        digest = services.digest();
        digestEnv = services.digestEnv();
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
    }

    private static String announcement(String name, String published, String parameters) {
        return """
                {"kind": "model", "name": "%s", "organizations": [{"name": "IDEA Research", "country": "CN"}],
                 "published": "%s", "parameters": "%s", "modalities": ["text"], "accessibility": "open-weights-unrestricted",
                 "source": {"url": "https://example.org/system-test", "name": "system test"}, "confidence": "confident"}
                """.formatted(name, published, parameters);
    }

    private static JsonPath announce(String body) {
        return given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements")
                .then().statusCode(202).extract().jsonPath();
    }

    private static JsonPath review(int year, String language) {
        String id = given().baseUri(digest.url()).contentType(ContentType.JSON)
                .body("{\"from\": \"" + year + "-01-01\", \"to\": \"" + year + "-12-31\", \"language\": \"" + language + "\"}")
                .when().post("/api/v1/digests")
                .then().statusCode(anyOf(equalTo(200), equalTo(201))).extract().path("id"); // 200: unchanged since last asked
        return given().baseUri(digest.url()).when().get("/api/v1/digests/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** A year no other test uses, so each test's reviews hold only its own releases. */
    private static int freshYear() {
        return Years.unused();
    }

    @Test
    void anAnnouncementReachesTheCatalogAndAReview() {
        int year = freshYear();
        String name = "Erlangshen " + UUID.randomUUID();
        String slug = announce(announcement(name, year + "-11", "1.3B")).getString("slug");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri(catalog.url()).when().get("/api/v1/models/" + slug).then().statusCode(200)
                        .body("name", equalTo(name))
                        .body("published", equalTo(year + "-11"))
                        .body("parameters.value", equalTo(1_300_000_000))
                        .body("parameters.asWritten", equalTo("1.3B"))
                        .body("organizations[0].country", equalTo("CN")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath en = review(year, "en");
            assertThat(en.getList("releases.slug", String.class)).containsExactly(slug);
            // The reader's link: the model's page on the catalog's dashboard, not its JSON.
            assertThat(en.getString("releases[0].catalogUrl")).isEqualTo(catalog.url() + "/models/" + slug);
            assertThat(en.getString("text")).contains(name).contains("1.3B");
        });
        given().baseUri(catalog.url()).when().get("/models/" + slug).then().statusCode(200).contentType(ContentType.HTML);
        JsonPath zh = review(year, "zh-CN");
        assertThat(zh.getString("text")).contains(name).contains("13亿");
    }

    @Test
    void badInputIsRefusedAndNothingReachesTheBroker() {
        try (KafkaCompanion kafka = new KafkaCompanion(platform.bootstrapServers())) {
            long before = TopicRecords.endOffset(kafka, Topics.MODEL_RELEASES);
            given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body("{\"name\": ").when().post("/api/v1/announcements")
                    .then().statusCode(400).contentType("application/problem+json");
            given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body("{\"organizations\": [{\"name\": \"OpenAI\"}]}").when().post("/api/v1/announcements")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            given().baseUri(ingest.url()).contentType(ContentType.JSON)
                    .body(announcement("No key", "2022", "1B")).when().post("/api/v1/announcements")
                    .then().statusCode(401).contentType("application/problem+json");
            assertThat(TopicRecords.endOffset(kafka, Topics.MODEL_RELEASES)).isEqualTo(before);
        }
    }

    @Test
    void killingTheCatalogMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        int year = freshYear();
        String prefix = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        int total = 60;
        AtomicInteger sent = new AtomicInteger();
        List<String> slugs = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                slugs.add(announce(announcement(prefix + " " + i, year + "-05-" + String.format("%02d", 1 + i % 28), (i + 1) + "B"))
                        .getString("slug"));
                sent.incrementAndGet();
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= total / 3);
        catalog.kill();
        int sentWhileKilled = sent.get();
        stream.get();
        catalog.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> items = given().baseUri(catalog.url()).queryParam("after", prefix).queryParam("limit", 500)
                    .when().get("/api/v1/models").then().statusCode(200).extract().jsonPath().getList("items");
            List<Map<String, Object>> ours = items.stream().filter(m -> ((String) m.get("slug")).startsWith(prefix)).toList();
            assertThat(ours).hasSize(total);
            assertThat(ours).allSatisfy(m -> {
                assertThat(m.get("announcements")).as("announcements of " + m.get("slug")).isEqualTo(1);
                assertThat(m.get("revision")).as("revision of " + m.get("slug")).isEqualTo(1);
            });
        });
        assertThat(sentWhileKilled).as("the catalog was killed in the middle of the stream").isLessThan(total);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(review(year, "en").getList("releases.slug", String.class)).containsExactlyInAnyOrderElementsOf(slugs));

        try (KafkaCompanion kafka = new KafkaCompanion(platform.bootstrapServers())) {
            // The relay publishes at least once (a kill between the broker's ack and the outbox commit repeats
            // an event, harmlessly); every model must be there, each with its single revision.
            var changes = TopicRecords.readAll(kafka, Topics.MODEL_CHANGES).stream()
                    .filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
            assertThat(changes.stream().map(r -> r.key()).distinct()).hasSize(total);
            assertThat(changes).allSatisfy(r -> assertThat(JSON.readTree(r.value()).get("revision").asLong()).isEqualTo(1));
        }
    }

    /**
     * The mid-year review of the demo data (July to June) against the running catalog: every figure that carries a catalog
     * query lists exactly the models the figure counts, and every model the review links to exists in the catalog.
     */
    @Test
    void theMidYearReviewsFiguresAreReproducibleFromTheCatalogApi() throws Exception {
        int year = freshYear();
        String run = UUID.randomUUID().toString().substring(0, 8);
        var demo = JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("../demo/releases.json")));
        List<String> slugs = new ArrayList<>();
        for (var release : demo) {
            var copy = (com.fasterxml.jackson.databind.node.ObjectNode) release.deepCopy();
            // The demo under names and years of this test's own: 2022 becomes `year`, 2021 the year before.
            copy.put("name", release.get("name").asText() + " " + run);
            String published = release.path("published").asText("");
            if (!published.isEmpty()) {
                copy.put("published", (year + Integer.parseInt(published.substring(0, 4)) - 2022) + published.substring(4));
            }
            slugs.add(announce(JSON.writeValueAsString(copy)).getString("slug"));
        }
        String from = (year - 1) + "-07-01";
        String to = year + "-06-30";
        // The demo's entries dated inside July to June (GPT-3 and the year-only one are outside).
        long inPeriod = java.util.stream.StreamSupport.stream(demo.spliterator(), false).map(r -> r.path("published").asText(""))
                .filter(p -> p.length() >= 7 && p.compareTo("2021-07") >= 0 && p.compareTo("2022-07") < 0).count();

        for (String language : List.of("en", "zh-CN")) {
            JsonPath review = await().atMost(Duration.ofSeconds(90)).until(() -> review(from, to, language),
                    r -> r.getList("review.figures.releases.slugs").size() == inPeriod);
            Map<String, Map<String, Object>> figures = review.getMap("review.figures");
            int checked = 0;
            for (var figure : figures.values()) {
                String query = (String) figure.get("query");
                if (query == null) {
                    continue;
                }
                assertThat(query).as("figure %s", figure.get("key")).startsWith(catalog.url() + "/api/v1/models?");
                assertThat(catalogSlugs(query)).as("%s: the catalog's answer to %s", figure.get("key"), query)
                        .containsExactlyInAnyOrderElementsOf(stringList(figure.get("slugs")));
                checked++;
            }
            assertThat(checked).as("figures with a catalog query").isGreaterThanOrEqualTo(8);
            // Shares: the numerator over the denominator the figure names, as the review shows it (JsonPath reads floats).
            for (String share : List.of("open", "china")) {
                var figure = figures.get(share);
                double expected = (double) stringList(figure.get("slugs")).size() / stringList(figure.get("of")).size();
                assertThat(((Number) figure.get("value")).doubleValue()).as(share).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(figure.get("shown")).as(share).isEqualTo(Math.round(expected * 100) + "%");
            }
            // Every model the review names, links to or counts is a catalog entry.
            java.util.Set<String> linked = new java.util.TreeSet<>();
            figures.values().forEach(f -> {
                linked.addAll(stringList(f.get("slugs")));
                linked.addAll(stringList(f.get("of")));
                linked.addAll(stringList(f.get("excluded")));
            });
            linked.addAll(review.getList("review.sections.entries.flatten().slug", String.class));
            assertThat(linked).isNotEmpty().allSatisfy(slug -> assertThat(slugs).as("a demo entry of this test").contains(slug));
            for (String slug : linked) {
                given().baseUri(catalog.url()).when().get("/api/v1/models/" + slug).then().statusCode(200);
            }
        }
    }

    /**
     * Two more digest-service replicas on the same database, every review kind scheduled every second: each completed
     * period is published once per language, never twice, however often and however simultaneously both fire.
     */
    @Test
    void twoDigestReplicasPublishEachScheduledPeriodOnce() throws Exception {
        List<String> kinds = List.of("weekly", "monthly", "quarterly", "half-year", "yearly", "mid-year");
        Map<String, String> env = new java.util.HashMap<>(digestEnv);
        for (String kind : kinds) {
            env.put("MODELWATCH_DIGEST_SCHEDULE_" + kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), "* * * * * ?");
        }
        List<ServiceProcess> replicas = List.of(new ServiceProcess("digest-service", "digest-service-replica-a", env),
                new ServiceProcess("digest-service", "digest-service-replica-b", env));
        // A period in which nothing was released is not published: one release in the last completed period of each kind
        // (the last completed mid-year, July to June, holds the half-year's first day after June, else last year's 1 January).
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate quarter = today.withDayOfMonth(1).withMonth(today.getMonthValue() - (today.getMonthValue() - 1) % 3);
        java.time.LocalDate half = today.withDayOfMonth(1).withMonth(today.getMonthValue() <= 6 ? 1 : 7);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (var day : List.of(today.minusDays(7), today.withDayOfMonth(1).minusMonths(1), quarter.minusMonths(3),
                half.minusMonths(6), today.withDayOfYear(1).minusYears(1))) {
            announce(announcement("Scheduled " + run + " " + day, day.toString(), "2B"));
        }
        try {
            CompletableFuture.allOf(replicas.stream().map(r -> CompletableFuture.runAsync(r::start))
                    .toArray(CompletableFuture[]::new)).join();
            for (String language : List.of("en", "zh-CN")) {
                for (String kind : kinds) {
                    await().atMost(Duration.ofSeconds(90)).until(() -> !archive(replicas.get(0), kind, language).isEmpty());
                }
            }
            // Both replicas keep firing every second: the archive must hold each period once, at version 1, throughout
            // 5 s of further rounds. A second copy, once written, stays, so the await then fails at its deadline.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String language : List.of("en", "zh-CN")) {
                    for (String kind : kinds) {
                        List<Map<String, Object>> published = archive(replicas.get(1), kind, language);
                        assertThat(published).as("%s reviews in %s", kind, language).isNotEmpty();
                        assertThat(published.stream().map(d -> d.get("period")).distinct().count()).as("%s periods", kind)
                                .isEqualTo(published.size());
                        assertThat(published).as("%s reviews in %s", kind, language)
                                .allSatisfy(d -> assertThat(d.get("version")).as("version of %s", d.get("period")).isEqualTo(1));
                    }
                }
            });
        } finally {
            replicas.forEach(ServiceProcess::close);
        }
    }

    private static List<Map<String, Object>> archive(ServiceProcess digest, String kind, String language) {
        return given().baseUri(digest.url()).queryParam("kind", kind).queryParam("language", language)
                .when().get("/api/v1/digests").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static JsonPath review(String from, String to, String language) {
        String id = given().baseUri(digest.url()).contentType(ContentType.JSON)
                .body("{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"language\": \"" + language + "\"}")
                .when().post("/api/v1/digests")
                .then().statusCode(anyOf(equalTo(200), equalTo(201))).extract().path("id"); // 200: unchanged since last asked
        return given().baseUri(digest.url()).when().get("/api/v1/digests/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Every slug the catalog lists for a query, page by page. */
    private static List<String> catalogSlugs(String query) {
        List<String> found = new ArrayList<>();
        boolean limited = query.contains("limit=");
        String next = query;
        while (next != null) {
            JsonPath page = given().urlEncodingEnabled(false).when().get(next).then().statusCode(200).extract().jsonPath();
            found.addAll(page.getList("items.slug", String.class));
            String cursor = page.getString("next");
            next = cursor == null || limited ? null : query + "&after=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
