package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.ingest.service.IdempotencyKeyCleanup;
import io.modelwatch.ingest.store.IdempotencyKey;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class IdempotencyKeyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    IdempotencyKeyCleanup cleanup;

    private String post(String key, String idempotencyKey, String body, int status) {
        return given().header("Authorization", "Bearer " + key).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements")
                .then().statusCode(status).extract().asString();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameEventIdAndTheSameCloudEvent() {
        String idempotencyKey = UUID.randomUUID().toString();
        String body = Topic.announcement("Retried " + UUID.randomUUID(), "\"1.3e9\"");
        String first = given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("eventId");
        String second = given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("eventId");
        assertThat(second).isEqualTo(first);

        // Sent again under the same CloudEvent id, with the same data: the catalog counts it once.
        var records = Topic.withId(bootstrapServers, first);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).value()).isEqualTo(records.get(0).value());
        assertThat(records.get(1).key()).isEqualTo(records.get(0).key());
        assertThat(List.of(TopicRecords.header(records.get(0), "ce_time"), TopicRecords.header(records.get(0), "ce_type")))
                .containsExactly(TopicRecords.header(records.get(1), "ce_time"), "io.modelwatch.release.announced.v1");
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndEmitsNothing() {
        String idempotencyKey = UUID.randomUUID().toString();
        post("publisher-a-key", idempotencyKey, Topic.announcement("First " + UUID.randomUUID(), "1"), 202);
        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(Topic.announcement("Other " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void keysArePerApiKey() {
        String idempotencyKey = UUID.randomUUID().toString();
        String body = Topic.announcement("Shared " + UUID.randomUUID(), "1");
        String a = given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("eventId");
        String b = given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(Topic.announcement("Else " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("eventId");
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void anInvalidRetryIsStillA400AndAnEmptyKeyIsA400() {
        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", "k".repeat(256))
                .contentType(ContentType.JSON).body(Topic.announcement("Blank " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));
        given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"organizations\": []}")
                .when().post("/api/v1/announcements")
                .then().statusCode(400);
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void keysOlderThanTheRetentionAreForgottenAndReusingOneIs409AndEmitsNothing() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        String body = Topic.announcement("Kept a day " + UUID.randomUUID(), "1");
        String eventId = given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", old)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("eventId");
        post("publisher-a-key", recent, Topic.announcement("Kept too " + UUID.randomUUID(), "1"), 202);
        // the first one was made 25 hours ago (retention: 24 h)
        QuarkusTransaction.requiringNew().run(() -> IdempotencyKey.update("createdAt = ?1 where id.keyName = ?2 and id.idempotencyKey = ?3",
                Instant.now().minus(Duration.ofHours(25)), "publisher-a", old));

        assertThat(cleanup.cleanUp(Instant.now())).isGreaterThanOrEqualTo(1);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(IdempotencyKey.<IdempotencyKey>findById(new IdempotencyKey.Id("publisher-a", old))).isNull();
            assertThat(IdempotencyKey.<IdempotencyKey>findById(new IdempotencyKey.Id("publisher-a", recent))).isNotNull();
        });

        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-a-key").header("Idempotency-Key", old)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no longer remembered"));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
        // the failed attempt left no key behind: a retry is still a 409, not a replay
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(IdempotencyKey.<IdempotencyKey>findById(new IdempotencyKey.Id("publisher-a", old))).isNull());
        // within the retention, keys are kept
        assertThat(cleanup.cleanUp(Instant.now())).isZero();
        // the announcement itself stays in the ledger: its publisher can still retract it
        given().header("Authorization", "Bearer publisher-a-key")
                .when().post("/api/v1/announcements/{id}/retraction", eventId)
                .then().statusCode(202).body("retracts", equalTo(eventId));
    }
}
