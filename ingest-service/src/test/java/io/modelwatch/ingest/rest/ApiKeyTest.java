package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ApiKeyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aKeyConfiguredByItsHashPublishesUnderItsName() throws Exception {
        String eventId = given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Keyed " + UUID.randomUUID(), "\"11B\""))
                .when().post("/api/v1/announcements")
                .then().statusCode(202).body("eventId", notNullValue()).extract().path("eventId");
        var records = Topic.withId(bootstrapServers, eventId);
        assertThat(records).hasSize(1);
        assertThat(new ObjectMapper().readTree(records.get(0).value()).get("publisher").asText()).isEqualTo("publisher-a");
    }

    @Test
    void aKeyThatIsNotConfiguredIs401AndEmitsNothing() {
        long before = Topic.endOffset(bootstrapServers);
        // the hash of a configured key is not a key
        given().header("Authorization", "Bearer 8b459312fe53ed73cd59544b4fd66e198f0d75af402308c06cfd8b05c567b17c")
                .contentType(ContentType.JSON).body(Topic.announcement("Hash " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Basic cHVibGlzaGVyLWEta2V5Og==")
                .contentType(ContentType.JSON).body(Topic.announcement("Basic " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/x-ndjson").body(Topic.utf8(Topic.announcement("NoKey " + UUID.randomUUID(), "1")))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void beyondItsRateLimitAKeyGets429WithRetryAfterAndOtherKeysGoOn() {
        long before = Topic.endOffset(bootstrapServers);
        // "limited" may make 2 requests a minute; these two are invalid, so they emit nothing but still count.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer limited-key").contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/announcements")
                    .then().statusCode(400);
        }
        String retryAfter = given().header("Authorization", "Bearer limited-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Limited " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).body("detail", containsString("limited"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);

        given().header("Authorization", "Bearer publisher-b-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Unlimited " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(202);
    }
}
