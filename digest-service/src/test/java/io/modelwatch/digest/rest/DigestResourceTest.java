package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Topics;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DigestResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private static String snapshot(String slug, String name, long revision, String published, Long parameters) {
        return """
                {"slug": "%s", "revision": %d, "kind": "model", "name": "%s",
                 "organizations": [{"name": "Langboat", "country": "CN"}], "published": "%s",
                 "parameters": %s, "modalities": ["text"], "tags": [], "accessibility": "open-weights-unrestricted",
                 "confidence": "confident", "announcements": 1}
                """.formatted(slug, revision, name, published,
                parameters == null ? "null" : "{\"value\": " + parameters + ", \"asWritten\": \"x\", \"approximate\": false}");
    }

    private void change(String slug, String json) {
        TopicRecords.send(kafka, TopicRecords.cloudEvent(Topics.MODEL_CHANGES, slug, UUID.randomUUID().toString(),
                EventTypes.MODEL_CHANGED, json));
    }

    /** A year of its own per test, so reviews of other tests' data never interfere. */
    private static int year() {
        return UniqueYears.next();
    }

    private static String review(int year, String language) {
        return given().contentType(ContentType.JSON)
                .body("{\"from\": \"" + year + "-01-01\", \"to\": \"" + year + "-06-30\", \"language\": \"" + language + "\"}")
                .when().post("/api/v1/digests")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
    }

    @Test
    void aReviewListsTheReleasesOfItsPeriodInDateOrderWithLinksToTheCatalog() {
        int year = year();
        String mengzi = "mengzi-" + UUID.randomUUID();
        String erlangshen = "erlangshen-" + UUID.randomUUID();
        String later = "later-" + UUID.randomUUID();
        change(mengzi, snapshot(mengzi, "Mengzi", 1, year + "-03", 1_000_000_000L));
        change(erlangshen, snapshot(erlangshen, "Erlangshen", 1, year + "-01-20", null));
        change(later, snapshot(later, "Later", 1, year + "-07-02", 5L));

        // The first test of the JVM also waits for the consumer's first partition assignment (slow on a loaded machine).
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String id = review(year, "en");
            given().when().get("/api/v1/digests/" + id).then().statusCode(200)
                    .body("releases.slug", contains(erlangshen, mengzi))
                    .body("releases[0].parametersShown", equalTo("undisclosed"))
                    .body("releases[0].parameters", equalTo(null))
                    .body("releases[1].published", equalTo(year + "-03"))
                    .body("releases[1].catalogUrl", equalTo("http://localhost:8082/models/" + mengzi))
                    .body("summary", equalTo("2 releases in this period."))
                    .body("text", containsString("Mengzi")).body("text", containsString("Langboat"))
                    .body("kind", equalTo("on-demand")).body("period", equalTo(year + "-01-01.." + year + "-06-30"));
        });

        String zh = review(year, "zh-CN");
        given().when().get("/api/v1/digests/" + zh).then()
                .body("language", equalTo("zh-CN"))
                .body("releases[0].parametersShown", equalTo("未公开"))
                .body("summary", equalTo("本期共收录 2 项发布。"));
    }

    @Test
    void anOlderRevisionNeverOverwritesANewerOneAndATombstoneRemovesTheEntry() {
        int year = year();
        String slug = "opt-" + UUID.randomUUID();
        change(slug, snapshot(slug, "OPT new", 2, year + "-05-03", 175_000_000_000L));
        change(slug, snapshot(slug, "OPT old", 1, year + "-05-03", null));
        String marker = "marker-" + UUID.randomUUID();
        change(marker, snapshot(marker, "Marker", 1, year + "-05-04", null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/digests/" + review(year, "en"))
                .then().body("releases.name", contains("OPT new", "Marker")));

        TopicRecords.send(kafka, TopicRecords.record(Topics.MODEL_CHANGES, slug, null, Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/digests/" + review(year, "en"))
                .then().body("releases.slug", not(hasItem(slug))).body("releases.slug", hasItems(marker)));
    }

    @Test
    void badRequestsAreProblemsNamingTheFields() {
        given().contentType(ContentType.JSON).body("{\"from\": \"2022-02-30\", \"to\": \"2021-01-01\", \"language\": \"fr\"}")
                .when().post("/api/v1/digests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("from", "language"));
        given().contentType(ContentType.JSON).body("{\"from\": \"2022-06-30\", \"to\": \"2022-01-01\"}")
                .when().post("/api/v1/digests")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().when().get("/api/v1/digests/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
