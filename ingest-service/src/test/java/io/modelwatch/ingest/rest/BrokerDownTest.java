package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.ingest.api.AnnouncementRequest;
import io.modelwatch.ingest.service.AnnouncementIntake;
import io.modelwatch.ingest.service.AnnouncementLedger;
import io.modelwatch.ingest.service.AnnouncementLedger.Numbered;
import io.modelwatch.ingest.service.AnnouncementNormalizer;
import io.modelwatch.ingest.store.Retraction;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With no broker to take the events, publishers get 503 + Retry-After, never a silent 202. */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
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
    @Inject
    AnnouncementLedger ledger;
    @Inject
    AnnouncementNormalizer normalizer;

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
        ReleaseAnnounced event = normalizer.normalize(AnnouncementRequest.minimal("Accepted earlier " + UUID.randomUUID(),
                List.of(new AnnouncementRequest.OrganizationInput("BigScience", "FR")), "2021"), "publisher-a");
        UUID accepted = ledger.record("publisher-a", null, AnnouncementIntake.SINGLE, "-", List.of(new Numbered(0, event)))
                .get(0).eventId();
        long before = Topic.endOffset(bootstrapServers);

        given().header("Authorization", "Bearer publisher-a-key")
                .when().post("/api/v1/announcements/{id}/retraction", accepted)
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
        // The retraction keeps its event id, so that a retry sends that same event (and the catalog counts it once)
        UUID first = QuarkusTransaction.requiringNew().call(() -> Retraction.<Retraction>findById(accepted).eventId);
        given().header("Authorization", "Bearer publisher-a-key")
                .when().post("/api/v1/announcements/{id}/retraction", accepted)
                .then().statusCode(503).header("Retry-After", notNullValue());
        assertThat(QuarkusTransaction.requiringNew().call(() -> Retraction.<Retraction>findById(accepted).eventId))
                .isNotNull().isEqualTo(first);
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }
}
