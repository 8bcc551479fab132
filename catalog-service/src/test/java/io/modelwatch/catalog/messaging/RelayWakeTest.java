package io.modelwatch.catalog.messaging;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The consumer wakes the outbox relay when a batch commits: with the relay's tick an hour apart, an announcement's
 * change is on catalog.model-changes within seconds all the same (without the wake-up it would wait for the tick).
 */
@QuarkusTest
@TestProfile(RelayWakeTest.HourlyTick.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class RelayWakeTest {

    public static class HourlyTick implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelwatch.catalog.outbox.interval", "1h");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aCommittedChangeIsPublishedWithoutWaitingForTheTick() {
        // The first tick runs at start; give it time to pass so that only a wake-up can publish what follows.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            for (int i = 0; i < 3; i++) {
                String name = unique("Woken " + i);
                catalog.announce(announcement(name).published("2023-05"));
                ConsumerRecord<String, String> change = await().atMost(Duration.ofSeconds(20)).until(
                        () -> catalog.records(Topics.MODEL_CHANGES).stream().filter(r -> Slugs.of(name).equals(r.key())).findFirst(),
                        java.util.Optional::isPresent).get();
                assertThat(change.value()).contains(name);
            }
        }
    }
}
