package io.modelwatch.digest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Topics;
import io.modelwatch.digest.store.ModelView;
import io.modelwatch.digest.store.ModelViewRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The read model keeps a snapshot's training compute in its own column (V7), null when undisclosed. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ReadModelComputeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ModelViewRepository models;

    private static String snapshot(String slug, long revision, String compute) {
        return """
                {"slug": "%s", "revision": %d, "kind": "model", "name": "%s",
                 "organizations": [{"name": "Epoch test", "country": "US"}], "published": "2023-03-14",
                 "trainingCompute": %s, "modalities": ["text"], "tags": [], "confidence": "confident", "announcements": 1}
                """.formatted(slug, revision, slug, compute);
    }

    private ModelView view(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> models.findById(slug));
    }

    @Test
    void trainingComputeFollowsTheLatestRevision() {
        String slug = "compute-" + UUID.randomUUID();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            TopicRecords.send(kafka, TopicRecords.cloudEvent(Topics.MODEL_CHANGES, slug, UUID.randomUUID().toString(),
                    EventTypes.MODEL_CHANGED, snapshot(slug, 1, "{\"value\": 2.1e25, \"asWritten\": \"2.1e25\", \"approximate\": false}")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(view(slug)).isNotNull().extracting(v -> v.trainingCompute).isEqualTo(2.1e25));
            assertThat(view(slug).snapshot.trainingCompute().asWritten()).isEqualTo("2.1e25");

            TopicRecords.send(kafka, TopicRecords.cloudEvent(Topics.MODEL_CHANGES, slug, UUID.randomUUID().toString(),
                    EventTypes.MODEL_CHANGED, snapshot(slug, 2, "null")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(view(slug).revision).isEqualTo(2));
            assertThat(view(slug).trainingCompute).as("undisclosed: null, never 0").isNull();
        }
    }
}
