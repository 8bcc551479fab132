package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.modelwatch.platform.TraceParent;
import io.modelwatch.platform.TracingOnProfile;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (as on Kubernetes), the trace of a publisher's request continues on the record it produces: the
 * W3C trace context travels in the record's traceparent header, so the catalog's consumer joins the same trace.
 */
@QuarkusTest
@TestProfile(TracingOnProfile.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class TraceContextTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theRequestsTraceIdReachesTheRecordOnModelReleases() {
        TraceParent parent = TraceParent.random();
        String name = "Traced " + UUID.randomUUID();

        String slug = given().header("Authorization", "Bearer test-key").header("traceparent", parent.header())
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "organizations": [{"name": "DeepMind", "country": "GB"}],
                         "published": "2022-03-29", "parameters": "70B", "accessibility": "unreleased"}
                        """.formatted(name))
                .when().post("/api/v1/announcements")
                .then().statusCode(202).extract().path("slug");

        ConsumerRecord<String, String> record = Topic.records(bootstrapServers).stream().filter(r -> slug.equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no record keyed " + slug));
        String traceparent = TopicRecords.header(record, "traceparent");
        assertThat(traceparent).as("traceparent header of the record").isNotNull();
        assertThat(traceparent.split("-")[1]).isEqualTo(parent.traceId());
    }

    @Test
    void theRequestsTraceIdReachesEveryRecordOfABatch() {
        TraceParent parent = TraceParent.random();
        String run = UUID.randomUUID().toString();
        String body = Topic.announcement("Traced batch a " + run, "1") + "\n" + Topic.announcement("Traced batch b " + run, "1");

        java.util.List<String> ids = given().header("Authorization", "Bearer test-key").header("traceparent", parent.header())
                .contentType("application/x-ndjson").body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).extract().path("results.eventId");
        assertThat(ids).hasSize(2);
        for (String id : ids) {
            var records = Topic.withId(bootstrapServers, id);
            assertThat(records).hasSize(1);
            String traceparent = TopicRecords.header(records.get(0), "traceparent");
            assertThat(traceparent).as("traceparent header of the record").isNotNull();
            assertThat(traceparent.split("-")[1]).isEqualTo(parent.traceId());
        }
    }
}
