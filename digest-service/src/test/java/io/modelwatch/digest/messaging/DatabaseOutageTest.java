package io.modelwatch.digest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.DatabaseOutage;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops (connections refused) while the digest's consumer has a backlog of model changes, and comes back
 * seconds later: every change reaches the read model, none is dead-lettered (they were dead-lettered before, 27 of
 * 20,012 in the run).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DatabaseOutageTest {

    private static final int CHANGES = 400;
    private static final Duration DOWN = Duration.ofSeconds(8);

    @Test
    @SuppressWarnings("unchecked")
    void changesConsumedWhileTheDatabaseIsDownAllArriveAndNoneIsDeadLettered() throws Exception {
        var platform = EmbeddedPlatformTestResource.platform();
        String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        DatabaseOutage outage = DatabaseOutage.of(platform);
        try (KafkaCompanion kafka = new KafkaCompanion(platform.bootstrapServers())) {
            ProducerRecord<String, String>[] records = new ProducerRecord[CHANGES];
            for (int i = 0; i < CHANGES; i++) {
                String slug = prefix + i;
                records[i] = TopicRecords.cloudEvent(Topics.MODEL_CHANGES, slug, UUID.randomUUID().toString(),
                        EventTypes.MODEL_CHANGED, """
                        {"slug": "%s", "revision": 1, "kind": "model", "name": "Outage %d", "organizations": [{"name": "Langboat",
                         "country": "CN"}], "published": "2024-02", "parameters": null, "modalities": ["text"], "tags": [],
                         "accessibility": "api", "confidence": "confident", "announcements": 1}
                        """.formatted(slug, i));
            }
            outage.stop();
            try {
                TopicRecords.send(kafka, records);
                Thread.sleep(DOWN.toMillis());
            } finally {
                outage.start();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(platform, "select count(*) from model where slug like '" + prefix + "%'") == CHANGES);
            assertThat(TopicRecords.readAll(kafka, Topics.MODEL_CHANGES_DLQ))
                    .noneMatch(r -> r.key() != null && r.key().startsWith(prefix));
        }
    }

    private static long count(io.modelwatch.platform.PlatformEndpoints platform, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(platform.jdbcUrl() + "?currentSchema=digest", platform.username(), platform.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
