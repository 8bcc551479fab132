package io.modelwatch.digest.telemetry;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Topics;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PrometheusText;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The digest's metrics on /q/metrics move with what it consumes and writes (other tests share the app, hence "at least"). */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DigestMetricsTest {

    private static final String CONSUMED = "modelwatch_events_consumed_total";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static PrometheusText metrics() {
        return new PrometheusText(when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void consumedAndDeadLetteredChangesAndGeneratedReviewsAreCounted() {
        PrometheusText before = metrics();
        String slug = "metered-" + UUID.randomUUID();
        String poison = "poison-" + UUID.randomUUID();
        int year = UniqueYears.next();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            TopicRecords.send(kafka, TopicRecords.cloudEvent(Topics.MODEL_CHANGES, slug, UUID.randomUUID().toString(),
                    EventTypes.MODEL_CHANGED, """
                    {"slug": "%s", "revision": 1, "kind": "model", "name": "Metered", "organizations": [{"name": "Langboat",
                     "country": "CN"}], "published": "%d-02", "parameters": null, "modalities": ["text"], "tags": [],
                     "accessibility": "api", "confidence": "confident", "announcements": 1}
                    """.formatted(slug, year)));
            TopicRecords.send(kafka, TopicRecords.cloudEvent(Topics.MODEL_CHANGES, poison, UUID.randomUUID().toString(),
                    EventTypes.MODEL_CHANGED, "{not json"));
            // Other tests' records may be ahead of these: wait for both to be through (the counters move before that).
            await().atMost(Duration.ofSeconds(120)).until(() -> TopicRecords.readAll(kafka, Topics.MODEL_CHANGES_DLQ).stream()
                    .anyMatch(r -> poison.equals(r.key())));
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().contentType(ContentType.JSON)
                .body("{\"from\": \"" + year + "-01-01\", \"to\": \"" + year + "-06-30\", \"language\": \"en\"}")
                .when().post("/api/v1/digests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).body("releases.slug", org.hamcrest.Matchers.hasItem(slug)));
        PrometheusText after = metrics();
        assertThat(after.value(CONSUMED, "topic", "catalog.model-changes", "outcome", "processed"))
                .isGreaterThanOrEqualTo(before.value(CONSUMED, "topic", "catalog.model-changes", "outcome", "processed") + 1);
        assertThat(after.value(CONSUMED, "topic", "catalog.model-changes", "outcome", "dead-lettered"))
                .isGreaterThanOrEqualTo(before.value(CONSUMED, "topic", "catalog.model-changes", "outcome", "dead-lettered") + 1);
        assertThat(after.value("modelwatch_dead_letters_total", "topic", "catalog.model-changes.dlq"))
                .isGreaterThanOrEqualTo(before.value("modelwatch_dead_letters_total", "topic", "catalog.model-changes.dlq") + 1);

        String[] onDemandZh = {"kind", "on-demand", "language", "zh-CN"};
        double reviews = before.value("modelwatch_reviews_generated_total", onDemandZh);
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"from\": \"" + year + "-01-01\", \"to\": \"" + year + "-06-30\", \"language\": \"zh-CN\"}")
                    .when().post("/api/v1/digests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        given().contentType(ContentType.JSON).body("{\"from\": \"" + year + "-01-01\", \"language\": \"xx\"}")
                .when().post("/api/v1/digests").then().statusCode(400);
        // Only this test writes Chinese on-demand reviews of its own year, but others may write some: at least 1 (the
        // second request for the same unchanged review returns the stored one and generates nothing).
        assertThat(metrics().value("modelwatch_reviews_generated_total", onDemandZh)).isGreaterThanOrEqualTo(reviews + 1);
        // Kafka's own client metrics (Quarkus' Kafka binder): the consumer's lag.
        assertThat(metrics().samples("kafka_consumer_fetch_manager_records_lag_max", "client_id", "kafka-consumer-model-changes"))
                .isNotEmpty();
    }
}
