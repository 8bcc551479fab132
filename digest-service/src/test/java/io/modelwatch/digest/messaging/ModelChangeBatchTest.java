package io.modelwatch.digest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PlatformEndpoints;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The consumer applies a poll as one transaction: sent together, these changes mostly arrive in one poll. A change the
 * database refuses (a NUL character, which PostgreSQL's text and jsonb cannot hold) costs only itself: it goes to the
 * dead-letter topic with the reason, and the changes before and after it in the poll are applied. Within a poll, a
 * repeated event is applied once and an older revision after a newer one changes nothing.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ModelChangeBatchTest {

    private static final int CHANGES = 60;

    @Test
    void aChangeTheDatabaseRefusesIsDeadLetteredAloneAndTheRestOfItsPollIsApplied() throws Exception {
        PlatformEndpoints platform = EmbeddedPlatformTestResource.platform();
        String prefix = "batch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String poison = prefix + "poison";
        String twice = prefix + "twice";
        String repeatedId = UUID.randomUUID().toString();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            if (i == CHANGES / 2) {
                records.add(change(poison, UUID.randomUUID().toString(), 1, "Poison \\u0000 name"));
                records.add(change(twice, repeatedId, 2, "Twice, revision 2"));
                records.add(change(twice, repeatedId, 2, "Twice, revision 2"));
                records.add(change(twice, UUID.randomUUID().toString(), 1, "Twice, revision 1"));
            }
            records.add(change(prefix + i, UUID.randomUUID().toString(), 1, "Batch " + i));
        }
        try (KafkaCompanion kafka = new KafkaCompanion(platform.bootstrapServers())) {
            @SuppressWarnings("unchecked")
            ProducerRecord<String, String>[] all = records.toArray(ProducerRecord[]::new);
            TopicRecords.send(kafka, all);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() ->
                    TopicRecords.readAll(kafka, Topics.MODEL_CHANGES_DLQ).stream().anyMatch(r -> poison.equals(r.key())));
            List<ConsumerRecord<String, String>> dead = TopicRecords.readAll(kafka, Topics.MODEL_CHANGES_DLQ).stream()
                    .filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(poison);
                assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                        .startsWith("could not be applied: ");
                assertThat(new String(r.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                        .isEqualTo(Topics.MODEL_CHANGES);
            });
        }
        // The dead letter is sent in order, so the changes after the poison are committed by the time it is on the topic.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                query(platform, "select count(*) from model where slug like '" + prefix + "%'").equals(String.valueOf(CHANGES + 1)));
        assertThat(query(platform, "select count(*) from model where slug = '" + poison + "'")).isEqualTo("0");
        assertThat(query(platform, "select name || ' @' || revision from model where slug = '" + twice + "'"))
                .isEqualTo("Twice, revision 2 @2");
        assertThat(query(platform, "select count(*) from processed_event where event_id = '" + repeatedId + "'")).isEqualTo("1");
    }

    private static ProducerRecord<String, String> change(String slug, String eventId, int revision, String name) {
        return TopicRecords.cloudEvent(Topics.MODEL_CHANGES, slug, eventId, EventTypes.MODEL_CHANGED, """
                {"slug": "%s", "revision": %d, "kind": "model", "name": "%s", "organizations": [{"name": "Langboat",
                 "country": "CN"}], "published": "2023-02", "parameters": null, "modalities": ["text"], "tags": [],
                 "accessibility": "api", "confidence": "confident", "announcements": 1}
                """.formatted(slug, revision, name));
    }

    private static String query(PlatformEndpoints platform, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(platform.jdbcUrl() + "?currentSchema=digest", platform.username(), platform.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
