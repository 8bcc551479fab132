package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
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

    @Test
    void aSingleAnnouncementIs503WithRetryAfter() {
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Unsent " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
    }

    @Test
    void aBatchNoneOfWhichTheBrokerTookIs503WithRetryAfter() {
        String body = Topic.announcement("Unsent a " + UUID.randomUUID(), "1") + "\n"
                + Topic.announcement("Unsent b " + UUID.randomUUID(), "1") + "\n"
                + Topic.announcement("Unsent c " + UUID.randomUUID(), "1");
        given().header("Authorization", "Bearer publisher-a-key").contentType("application/x-ndjson").body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("status", equalTo(503));
    }
}
