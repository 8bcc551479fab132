package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.modelwatch.ingest.model.Announcement;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** With no broker to take the events, publishers get 503 + Retry-After, never a silent 202. */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class BrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The channel's own address wins over kafka.bootstrap.servers; nothing listens on port 1.
            return Map.of("mp.messaging.outgoing.model-releases.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.model-releases.max.block.ms", "1500",
                    "modelwatch.ingest.publish-timeout", "4s",
                    "quarkus.kafka.health.enabled", "false");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers; // the embedded broker is up; only the service's channel points nowhere

    @Test
    void aSingleAnnouncementIs503WithRetryAfter() {
        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Unsent " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aBatchNoneOfWhichTheBrokerTookIs503WithRetryAfter() {
        long before = Topic.endOffset(bootstrapServers);
        String body = Topic.announcement("Unsent a " + UUID.randomUUID(), "1") + "\n"
                + Topic.announcement("Unsent b " + UUID.randomUUID(), "1") + "\n"
                + Topic.announcement("Unsent c " + UUID.randomUUID(), "1");
        given().header("Authorization", "Bearer publisher-a-key").contentType("application/x-ndjson").body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("status", equalTo(503));
        // the same when the client asked for the streamed report: nothing was taken, so no 200 is started
        given().header("Authorization", "Bearer publisher-a-key").header("Accept", "application/x-ndjson")
                .contentType("application/x-ndjson").body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aRetractionIs503WithRetryAfterAndARetryResendsTheSameRetraction() {
        // An announcement accepted earlier (while the broker was there)
        Announcement accepted = new Announcement();
        accepted.eventId = UUID.randomUUID();
        accepted.slug = "accepted-earlier-" + accepted.eventId;
        accepted.publisher = "publisher-a";
        accepted.announcedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(accepted::persist);
        long before = Topic.endOffset(bootstrapServers);

        given().header("Authorization", "Bearer publisher-a-key")
                .when().post("/api/v1/announcements/{id}/retraction", accepted.eventId)
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
        // The retraction keeps its event id, so that a retry sends that same event (and the catalog counts it once)
        UUID first = QuarkusTransaction.requiringNew().call(() -> Announcement.<Announcement>findById(accepted.eventId).retractionEventId);
        given().header("Authorization", "Bearer publisher-a-key")
                .when().post("/api/v1/announcements/{id}/retraction", accepted.eventId)
                .then().statusCode(503).header("Retry-After", notNullValue());
        assertThat(QuarkusTransaction.requiringNew().call(() -> Announcement.<Announcement>findById(accepted.eventId).retractionEventId))
                .isNotNull().isEqualTo(first);
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }
}
