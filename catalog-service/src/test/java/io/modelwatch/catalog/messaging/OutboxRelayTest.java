package io.modelwatch.catalog.messaging;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class OutboxRelayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxRelay relay;

    private List<ConsumerRecord<String, String>> published(CatalogFixture catalog, String slug) {
        return catalog.records(Topics.MODEL_CHANGES).stream().filter(r -> slug.equals(r.key())).toList();
    }

    private static long revision(ConsumerRecord<String, String> record) {
        try {
            return CatalogFixture.JSON.readTree(record.value()).get("revision").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acrossARestartOfTheRelayEveryRevisionIsPublishedOnceInOrder() {
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            String name = unique("Relay");
            String slug = Slugs.of(name);
            catalog.announce(announcement(name).parameters("1B"));
            catalog.announce(announcement(name).parameters("2B"));
            await().atMost(Duration.ofSeconds(30)).until(() -> published(catalog, slug).size() == 2);

            relay.stop();
            try {
                for (int i = 3; i <= 6; i++) {
                    catalog.announce(announcement(name).parameters(i + "B"));
                }
                awaitModel(slug, 6);
                // The changes wait in the outbox while the relay is down.
                assertThat(published(catalog, slug)).hasSize(2);
            } finally {
                relay.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> published(catalog, slug).size() >= 6);
            String marker = unique("Marker");
            catalog.announce(announcement(marker));
            await().atMost(Duration.ofSeconds(30)).until(() -> published(catalog, Slugs.of(marker)).size() == 1);

            List<ConsumerRecord<String, String>> records = published(catalog, slug);
            assertThat(records).extracting(OutboxRelayTest::revision).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 6).mapToObj(i -> (long) i).toList());
            assertThat(records).extracting(r -> TopicRecords.header(r, "ce_id")).doesNotHaveDuplicates();
        }
    }
}
