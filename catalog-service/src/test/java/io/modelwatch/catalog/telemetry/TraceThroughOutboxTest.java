package io.modelwatch.catalog.telemetry;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (as on Kubernetes), the trace of an announcement continues through the outbox: the record the relay
 * publishes on catalog.model-changes, later and from another thread, carries a traceparent of the same trace as the
 * record on model-releases that caused it, with a span of the catalog's own as parent.
 */
@QuarkusTest
@TestProfile(TraceThroughOutboxTest.TracingOn.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class TraceThroughOutboxTest {

    /** The SDK on, spans exported nowhere (no collector here; the system test has one). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theTraceOfAnAnnouncementReachesItsRecordOnModelChanges() {
        SecureRandom random = new SecureRandom();
        String traceId = hex(random, 16);
        String parentSpan = hex(random, 8);
        String name = unique("Traced");
        String slug = Slugs.of(name);
        ReleaseAnnounced event = announcement(name).published("2022-04").event();
        try (CatalogFixture topics = new CatalogFixture(bootstrapServers)) {
            topics.send(TopicRecords.record(Topics.MODEL_RELEASES, slug, CatalogFixture.write(event), Map.of(
                    "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.RELEASE_ANNOUNCED, "ce_specversion", "1.0",
                    "ce_source", "/modelwatch/test", "content-type", "application/json",
                    "traceparent", "00-" + traceId + "-" + parentSpan + "-01")));

            ConsumerRecord<String, String> change = await().atMost(Duration.ofSeconds(60)).until(
                    () -> topics.records(Topics.MODEL_CHANGES).stream().filter(r -> slug.equals(r.key())).findFirst(),
                    Optional::isPresent).get();
            String traceparent = TopicRecords.header(change, "traceparent");
            assertThat(traceparent).as("traceparent of the record on catalog.model-changes").isNotNull();
            String[] parts = traceparent.split("-");
            assertThat(parts[1]).as("trace id").isEqualTo(traceId);
            assertThat(parts[2]).as("the relay's span is the catalog's own, not the producer's").isNotEqualTo(parentSpan);
        }
    }

    @Test
    void aRecordWithoutTraceContextStartsATraceOfItsOwn() {
        String name = unique("Untraced");
        String slug = Slugs.of(name);
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            catalog.announce(announcement(name).published("2022-04"));
            ConsumerRecord<String, String> change = await().atMost(Duration.ofSeconds(60)).until(
                    () -> catalog.records(Topics.MODEL_CHANGES).stream().filter(r -> slug.equals(r.key())).findFirst(),
                    Optional::isPresent).get();
            String traceparent = TopicRecords.header(change, "traceparent");
            assertThat(traceparent).isNotNull().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
