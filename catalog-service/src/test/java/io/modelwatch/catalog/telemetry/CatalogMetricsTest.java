package io.modelwatch.catalog.telemetry;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.catalog.messaging.OutboxRelay;
import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.platform.TopicRecords;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalog's metrics on /q/metrics move with what it consumes (other tests share the app, hence "at least"). */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class CatalogMetricsTest {

    private static final String CONSUMED = "modelwatch_events_consumed_total";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxRelay relay;

    private static PrometheusText metrics() {
        return new PrometheusText(when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void theOutboxBacklogShowsRowsTheRelayHasNotPublished() {
        relay.stop();
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            String name = unique("Waiting");
            catalog.announce(announcement(name));
            awaitModel(Slugs.of(name), 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(metrics().value("modelwatch_outbox_backlog")).isGreaterThanOrEqualTo(1);
                assertThat(metrics().value("modelwatch_outbox_oldest_age_seconds")).isGreaterThan(0);
            });
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics().value("modelwatch_outbox_backlog")).isZero());
    }

    @Test
    void appliedDuplicateAndDeadLetteredEventsAndTheirLatencyAreCounted() {
        PrometheusText before = metrics();
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            String first = unique("Metered");
            String second = unique("Metered");
            String id = UUID.randomUUID().toString();
            // Announced 2 s ago: the latency histogram must see at least that, and far less than a minute.
            ReleaseAnnounced event = announcement(first).at(Instant.now().minusSeconds(2).toString()).event();
            catalog.announce(id, event);
            catalog.announce(id, event); // redelivered: a duplicate
            catalog.announce(announcement(second).at(Instant.now().minusSeconds(2).toString()));
            catalog.send(TopicRecords.record(Topics.MODEL_RELEASES, "poison-" + UUID.randomUUID(), "{}", Map.of("ce_type", "nonsense")));
            awaitModel(Slugs.of(first), 1);
            awaitModel(Slugs.of(second), 1);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusText after = metrics();
            assertThat(after.value(CONSUMED, "topic", "model-releases", "outcome", "applied"))
                    .isGreaterThanOrEqualTo(before.value(CONSUMED, "topic", "model-releases", "outcome", "applied") + 2);
            assertThat(after.value(CONSUMED, "topic", "model-releases", "outcome", "duplicate"))
                    .isGreaterThanOrEqualTo(before.value(CONSUMED, "topic", "model-releases", "outcome", "duplicate") + 1);
            assertThat(after.value(CONSUMED, "topic", "model-releases", "outcome", "dead-lettered"))
                    .isGreaterThanOrEqualTo(before.value(CONSUMED, "topic", "model-releases", "outcome", "dead-lettered") + 1);
            assertThat(after.value("modelwatch_dead_letters_total", "topic", "model-releases.dlq"))
                    .isGreaterThanOrEqualTo(before.value("modelwatch_dead_letters_total", "topic", "model-releases.dlq") + 1);
            assertThat(after.value("modelwatch_announcement_latency_seconds_count"))
                    .isGreaterThanOrEqualTo(before.value("modelwatch_announcement_latency_seconds_count") + 2);
            assertThat(after.value("modelwatch_announcement_latency_seconds_max")).isGreaterThanOrEqualTo(2.0);
            // Two of ours took 2 s and a little: under the 1-minute bucket, over the 1-second one.
            double underAMinute = after.samples("modelwatch_announcement_latency_seconds_bucket").stream()
                    .filter(s -> !"+Inf".equals(s.labels().get("le")) && Double.parseDouble(s.labels().get("le")) >= 60)
                    .mapToDouble(PrometheusText.Sample::value).min().orElseThrow();
            double beforeUnderAMinute = before.samples("modelwatch_announcement_latency_seconds_bucket").stream()
                    .filter(s -> !"+Inf".equals(s.labels().get("le")) && Double.parseDouble(s.labels().get("le")) >= 60)
                    .mapToDouble(PrometheusText.Sample::value).min().orElse(0);
            assertThat(underAMinute).isGreaterThanOrEqualTo(beforeUnderAMinute + 2);
            assertThat(after.has("modelwatch_outbox_backlog")).isTrue();
            assertThat(after.has("modelwatch_outbox_oldest_age_seconds")).isTrue();
            // Consumer lag, from Kafka's own client metrics (Quarkus' Kafka binder).
            assertThat(after.samples("kafka_consumer_fetch_manager_records_lag_max", "client_id", "kafka-consumer-model-releases"))
                    .isNotEmpty();
        });
    }
}
