package io.modelwatch.catalog.messaging;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class ReleaseConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static final ObjectMapper JSON = new ObjectMapper();

    TopicClient topics;

    @BeforeEach
    void connect() {
        topics = new TopicClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    private static String announced(String slug, String name, String published, Long parameters) {
        return """
                {"slug": "%s", "kind": "model", "name": "%s", "organizations": [{"name": "DeepMind", "country": "GB"}],
                 "published": "%s", %s "modalities": ["text"], "tags": ["retrieval-augmented"],
                 "accessibility": "unreleased", "confidence": "confident", "publisher": "test",
                 "announcedAt": "2022-01-01T00:00:00Z"}
                """.formatted(slug, name, published,
                parameters == null ? "" : "\"parameters\": {\"value\": " + parameters + ", \"asWritten\": \"" + parameters + "\", \"approximate\": false},");
    }

    private void announce(String eventId, String slug, String body) {
        topics.sendCloudEvent(Topics.MODEL_RELEASES, slug, eventId, EventTypes.RELEASE_ANNOUNCED, body);
    }

    private static void awaitModel(String slug, int announcements) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/api/v1/models/" + slug)
                .then().statusCode(200).body("announcements", equalTo(announcements)));
    }

    @Test
    void anAnnouncementBecomesACatalogEntry() {
        String slug = "retro-" + UUID.randomUUID();
        announce(UUID.randomUUID().toString(), slug, announced(slug, "RETRO", "2021-12-08", 7_000_000_000L));
        awaitModel(slug, 1);
        when().get("/api/v1/models/" + slug).then()
                .body("name", equalTo("RETRO"))
                .body("published", equalTo("2021-12-08"))
                .body("parameters.value", equalTo(7_000_000_000L))
                .body("organizations[0].country", equalTo("GB"))
                .body("revision", equalTo(1));
    }

    @Test
    void aRedeliveredEventIsCountedOnceAndADistinctOneTwice() {
        String slug = "gato-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        announce(first, slug, announced(slug, "Gato", "2022-05", null));
        announce(first, slug, announced(slug, "Gato", "2022-05", null));
        String second = UUID.randomUUID().toString();
        announce(second, slug, announced(slug, "Gato", "2022-05-12", 1_200_000_000L));
        awaitModel(slug, 2);
        when().get("/api/v1/models/" + slug).then()
                .body("revision", equalTo(2))
                .body("published", equalTo("2022-05-12"))
                .body("parameters.value", equalTo(1_200_000_000));
    }

    @Test
    void undisclosedParametersStayNullNeverZero() {
        String slug = "imagen-" + UUID.randomUUID();
        announce(UUID.randomUUID().toString(), slug, announced(slug, "Imagen", "2022-05-23", null));
        awaitModel(slug, 1);
        when().get("/api/v1/models/" + slug).then().body("parameters", nullValue());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheStreamMovesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        topics.sendCloudEvent(Topics.MODEL_RELEASES, poisonKey, UUID.randomUUID().toString(), EventTypes.RELEASE_ANNOUNCED, "{not json");
        String unknownKey = "unknown-" + UUID.randomUUID();
        topics.sendCloudEvent(Topics.MODEL_RELEASES, unknownKey, UUID.randomUUID().toString(), "io.example.other", "{}");
        String slug = "after-poison-" + UUID.randomUUID();
        announce(UUID.randomUUID().toString(), slug, announced(slug, "After", "2022", null));
        awaitModel(slug, 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = topics.readAll(Topics.MODEL_RELEASES_DLQ);
            assertThat(dead).filteredOn(r -> poisonKey.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(TopicClient.header(r, "dead-letter-reason")).contains("not a valid ReleaseAnnounced"));
            assertThat(dead).filteredOn(r -> unknownKey.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(TopicClient.header(r, "dead-letter-reason")).contains("unknown event type"));
        });
        when().get("/api/v1/models/" + poisonKey).then().statusCode(404);
    }

    @Test
    void everyChangeIsPublishedAsASnapshotThroughTheOutbox() {
        String slug = "flan-" + UUID.randomUUID();
        announce(UUID.randomUUID().toString(), slug, announced(slug, "FLAN", "2021-09", null));
        announce(UUID.randomUUID().toString(), slug, announced(slug, "FLAN", "2021-09-03", 137_000_000_000L));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> changes = topics.readAll(Topics.MODEL_CHANGES).stream()
                    .filter(r -> slug.equals(r.key())).toList();
            assertThat(changes).hasSize(2);
            assertThat(JSON.readTree(changes.get(0).value()).get("revision").asLong()).isEqualTo(1);
            JsonNode latest = JSON.readTree(changes.get(1).value());
            assertThat(latest.get("revision").asLong()).isEqualTo(2);
            assertThat(latest.get("parameters").get("value").asLong()).isEqualTo(137_000_000_000L);
            assertThat(TopicClient.header(changes.get(1), "ce_type")).isEqualTo(EventTypes.MODEL_CHANGED);
            assertThat(TopicClient.header(changes.get(0), "ce_id")).isNotEqualTo(TopicClient.header(changes.get(1), "ce_id"));
        });
    }

    @Test
    void unknownSlugIsANotFoundProblem() {
        when().get("/api/v1/models/no-such-model-" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void listIsPagedWithACursor() {
        String prefix = "page-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            String slug = prefix + "-" + i;
            announce(UUID.randomUUID().toString(), slug, announced(slug, "Page " + i, "2022", null));
        }
        awaitModel(prefix + "-2", 1);
        String next = given().queryParam("after", prefix).queryParam("limit", 2).when().get("/api/v1/models")
                .then().statusCode(200).body("items.slug", org.hamcrest.Matchers.contains(prefix + "-0", prefix + "-1"))
                .extract().path("next");
        assertThat(next).isEqualTo(prefix + "-1");
        given().queryParam("after", next).queryParam("limit", 1).when().get("/api/v1/models")
                .then().body("items[0].slug", equalTo(prefix + "-2"));
        given().queryParam("limit", 0).when().get("/api/v1/models")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }
}
