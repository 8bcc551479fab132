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
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

    @ConfigProperty(name = "modelwatch.catalog.snapshot.max-bytes")
    int maxSnapshotBytes;

    @ConfigProperty(name = "modelwatch.catalog.snapshot.max-tags")
    int maxSnapshotTags;

    private static Connection catalogDatabase() throws java.sql.SQLException {
        var platform = EmbeddedPlatformTestResource.platform();
        return DriverManager.getConnection(platform.jdbcUrl() + "?currentSchema=catalog", platform.username(), platform.password());
    }

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

    /**
     * Three announcements of one model with 50 tags each (the most the validation contract lets through): the merged
     * snapshot keeps at most the configured number of tags and stays within the configured size, and every announcement
     * is still whole in the provenance.
     */
    @Test
    void aSnapshotNeverExceedsTheConfiguredSize() throws Exception {
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            String name = unique("Bulky");
            String slug = Slugs.of(name);
            for (String prefix : List.of("a", "b", "c")) {
                String[] tags = IntStream.range(0, 50).mapToObj(i -> prefix + i + "-" + "x".repeat(90)).toArray(String[]::new);
                catalog.announce(announcement(name).tags(tags));
            }
            awaitModel(slug, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> published(catalog, slug).size() == 3);
            assertThat(published(catalog, slug)).allSatisfy(r -> {
                assertThat(r.value().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxSnapshotBytes);
                assertThat(CatalogFixture.JSON.readTree(r.value()).path("tags").size()).isLessThanOrEqualTo(maxSnapshotTags);
            });
            assertThat(CatalogFixture.JSON.readTree(published(catalog, slug).get(2).value()).path("tags").size())
                    .as("150 tags stated, the snapshot capped").isEqualTo(maxSnapshotTags);
            // Every tag is still in the provenance: all three assertions, whole.
            try (Connection c = catalogDatabase();
                 PreparedStatement s = c.prepareStatement("select count(*) from assertion where slug = ?")) {
                s.setString(1, slug);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(3);
                }
            }
        }
    }

    /**
     * A change larger than the broker's record limit is moved to the dead-letter table (listed by the admin
     * endpoint), and the changes after it are published.
     */
    @Test
    void aChangeThatCanNeverBeSentIsDeadLetteredAndTheNextChangesArrive() throws Exception {
        String slug = "unsendable-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers);
             Connection c = catalogDatabase()) {
            // A revision of 2 MB (twice Kafka's default record limit) and the outbox row that names it, in one transaction
            // as the consumer writes them.
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("insert into model_revision (slug, revision, cause, snapshot, created_at) "
                    + "values (?, 1, 'test', ?::json, now())")) {
                s.setString(1, slug);
                s.setString(2, "{\"slug\": \"" + slug + "\", \"padding\": \"" + "z".repeat(2_000_000) + "\"}");
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into outbox_event (event_id, event_type, aggregate_id, revision, "
                    + "created_at) values (?, 'io.modelwatch.catalog.model.changed.v1', ?, 1, now())")) {
                s.setObject(1, eventId);
                s.setString(2, slug);
                s.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            String next = unique("AfterUnsendable");
            catalog.announce(announcement(next));
            await().atMost(Duration.ofSeconds(60)).until(() -> published(catalog, Slugs.of(next)).size() == 1);
            assertThat(published(catalog, slug)).isEmpty();
            try (PreparedStatement s = c.prepareStatement("select reason, payload_bytes from outbox_dead_letter where event_id = ?")) {
                s.setObject(1, eventId);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).contains("RecordTooLarge").doesNotContain("\n");
                    assertThat(r.getLong(2)).isGreaterThan(2_000_000);
                }
            }
            RestAssured.given().header("Authorization", "Bearer test-admin-key")
                    .when().get("/api/v1/admin/outbox/dead-letters")
                    .then().statusCode(200).body("items.find { it.eventId == '" + eventId + "' }.revision", org.hamcrest.Matchers.equalTo(1));
            RestAssured.when().get("/api/v1/admin/outbox/dead-letters").then().statusCode(401);
        }
    }
}
