package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class RetractionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static JsonPath announce(String key, String name) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Topic.announcement(name, "\"7B\""))
                .when().post("/api/v1/announcements").then().statusCode(202).extract().jsonPath();
    }

    @Test
    void thePublisherRetractsItsAnnouncementAsARetractedCloudEventKeyedBySlug() throws Exception {
        JsonPath announced = announce("publisher-a-key", "RETRO " + UUID.randomUUID());
        String announcementId = announced.getString("eventId");
        String slug = announced.getString("slug");

        JsonPath retracted = given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body("{\"reason\": \"announced by mistake\"}")
                .when().post("/api/v1/announcements/{id}/retraction", announcementId)
                .then().statusCode(202).body("slug", equalTo(slug)).body("retracts", equalTo(announcementId))
                .extract().jsonPath();

        var records = Topic.withId(bootstrapServers, retracted.getString("eventId"));
        assertThat(records).hasSize(1);
        var record = records.get(0);
        assertThat(record.key()).isEqualTo(slug);
        assertThat(TopicRecords.header(record, "ce_type")).isEqualTo("io.modelwatch.release.retracted.v1");
        assertThat(TopicRecords.header(record, "ce_source")).isEqualTo("/modelwatch/ingest");
        assertThat(TopicRecords.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicRecords.header(record, "ce_time")).isNotBlank();
        JsonNode data = new ObjectMapper().readTree(record.value());
        assertThat(data.get("slug").asText()).isEqualTo(slug);
        assertThat(data.get("announcementEventId").asText()).isEqualTo(announcementId);
        assertThat(data.get("reason").asText()).isEqualTo("announced by mistake");
        assertThat(data.get("publisher").asText()).isEqualTo("publisher-a");
        assertThat(data.get("retractedAt").asText()).isNotBlank();

        // Retracting again re-sends the same retraction, not a second one.
        given().header("Authorization", "Bearer publisher-a-key")
                .when().post("/api/v1/announcements/{id}/retraction", announcementId)
                .then().statusCode(202).body("eventId", equalTo(retracted.getString("eventId")));
    }

    @Test
    void anotherPublisherGets403AndAnAdminMayRetractAnything() {
        String announcementId = announce("publisher-a-key", "Theirs " + UUID.randomUUID()).getString("eventId");
        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-b-key")
                .when().post("/api/v1/announcements/{id}/retraction", announcementId)
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("publisher-a"));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);

        String retractionId = given().header("Authorization", "Bearer admin-key")
                .when().post("/api/v1/announcements/{id}/retraction", announcementId)
                .then().statusCode(202).extract().path("eventId");
        assertThat(TopicRecords.header(Topic.withId(bootstrapServers, retractionId).get(0), "ce_type"))
                .isEqualTo("io.modelwatch.release.retracted.v1");
    }

    @Test
    void anUnknownOrMalformedEventIdIsAProblemAndEmitsNothing() {
        // the ledger finds an announcement by its request (the event id without its last 16 bits) and its position
        // there (those bits): the next position of a request of one announcement is no announcement
        UUID accepted = UUID.fromString(announce("publisher-a-key", "Alone " + UUID.randomUUID()).getString("eventId"));
        UUID beside = new UUID(accepted.getMostSignificantBits(), accepted.getLeastSignificantBits() + 1);
        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer admin-key")
                .when().post("/api/v1/announcements/{id}/retraction", beside)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer admin-key")
                .when().post("/api/v1/announcements/{id}/retraction", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer admin-key")
                .when().post("/api/v1/announcements/{id}/retraction", "not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("eventId"));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }
}
