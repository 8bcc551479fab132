package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every answer to a publisher is counted on /q/metrics: accepted announcements, and rejected ones by reason, whichever
 * layer refused them (filters, mappers, the resource), and line by line for a batch.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class AnnouncementMetricsTest {

    private static final String ACCEPTED = "modelwatch_announcements_accepted_total";
    private static final String REJECTED = "modelwatch_announcements_rejected_total";
    private static final String PRODUCED = "modelwatch_events_produced_total";

    private static PrometheusText metrics() {
        return new PrometheusText(when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static double rejected(PrometheusText m, String endpoint, String reason) {
        return m.value(REJECTED, "endpoint", endpoint, "reason", reason);
    }

    @Test
    void acceptedAndRejectedAnnouncementsAreCountedByReason() {
        PrometheusText before = metrics();

        given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Counted " + UUID.randomUUID(), "\"1B\""))
                .when().post("/api/v1/announcements").then().statusCode(202);
        given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON)
                .body("{\"organizations\": [{\"name\": \"OpenAI\"}]}")
                .when().post("/api/v1/announcements").then().statusCode(400);
        given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/announcements").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Topic.announcement("No key", "1"))
                .when().post("/api/v1/announcements").then().statusCode(401);
        given().header("Authorization", "Bearer test-key").contentType(ContentType.TEXT).body("name: x")
                .when().post("/api/v1/announcements").then().statusCode(415);
        given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON).body(new byte[1_100_000])
                .when().post("/api/v1/announcements").then().statusCode(413);
        String batch = Topic.announcement("Batch a " + UUID.randomUUID(), "1") + "\n{\"name\": \"no organisation\"}\n"
                + Topic.announcement("Batch b " + UUID.randomUUID(), "2");
        given().header("Authorization", "Bearer test-key").contentType("application/x-ndjson").body(Topic.utf8(batch))
                .when().post("/api/v1/announcements/batch").then().statusCode(200);
        // A retraction is not an announcement: not counted here.
        given().header("Authorization", "Bearer test-key").when().post("/api/v1/announcements/not-a-uuid/retraction")
                .then().statusCode(400);

        PrometheusText after = metrics();
        assertThat(after.value(ACCEPTED, "endpoint", "single")).isEqualTo(before.value(ACCEPTED, "endpoint", "single") + 1);
        assertThat(after.value(ACCEPTED, "endpoint", "batch")).isEqualTo(before.value(ACCEPTED, "endpoint", "batch") + 2);
        assertThat(rejected(after, "single", "validation")).isEqualTo(rejected(before, "single", "validation") + 2);
        assertThat(rejected(after, "single", "auth")).isEqualTo(rejected(before, "single", "auth") + 1);
        assertThat(rejected(after, "single", "unsupported-type")).isEqualTo(rejected(before, "single", "unsupported-type") + 1);
        assertThat(rejected(after, "single", "too-large")).isEqualTo(rejected(before, "single", "too-large") + 1);
        assertThat(rejected(after, "batch", "validation")).isEqualTo(rejected(before, "batch", "validation") + 1);
        assertThat(after.value(PRODUCED, "topic", "model-releases", "type", "io.modelwatch.release.announced.v1"))
                .isEqualTo(before.value(PRODUCED, "topic", "model-releases", "type", "io.modelwatch.release.announced.v1") + 3);
        // Kafka's own producer metrics come with Quarkus' Kafka binder.
        assertThat(after.has("kafka_producer_record_send_total", "client_id", "kafka-producer-model-releases")).isTrue();
    }

    @Test
    void aKeyOverItsRateLimitIsCountedAsRateLimited() {
        PrometheusText before = metrics();
        // "metered" may make 1 request a minute, and only this test uses it.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer metered-key").contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/announcements").then().statusCode(i == 0 ? 400 : 429);
        }
        assertThat(rejected(metrics(), "single", "rate-limit")).isEqualTo(rejected(before, "single", "rate-limit") + 1);
        assertThat(rejected(metrics(), "single", "validation")).isEqualTo(rejected(before, "single", "validation") + 1);
    }
}
