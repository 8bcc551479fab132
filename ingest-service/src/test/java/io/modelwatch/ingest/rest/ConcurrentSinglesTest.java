package io.modelwatch.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Single announcements sent at the same time, which the ledger records in groups (one transaction for those that
 * arrive together): each is answered with its own event id, recorded once under it with its own publisher,
 * announcedAt and slug, and on the topic once under that id.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ConcurrentSinglesTest {

    private static final int REQUESTS = 48;

    @Inject
    DataSource db;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @TestHTTPResource("/api/v1/announcements")
    URI single;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void eachOfManyConcurrentSinglesIsRecordedAndSentOnceUnderItsOwnEventId() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant before = Instant.now();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            // two publishers, so that a group holds requests of both
            String key = i % 2 == 0 ? "Bearer test-key" : "Bearer publisher-a-key";
            answers.add(http.sendAsync(HttpRequest.newBuilder(single).header("Authorization", key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Topic.announcement("Concurrent " + run + " " + i, "\"" + (i + 1) + "B\"")))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, String> slugByEventId = new HashMap<>();
        Map<String, String> publisherBySlug = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> answer = answers.get(i).join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            JsonNode body = json.readTree(answer.body());
            slugByEventId.put(body.get("eventId").asText(), body.get("slug").asText());
            publisherBySlug.put(body.get("slug").asText(), i % 2 == 0 ? "default" : "publisher-a");
        }
        assertThat(slugByEventId).hasSize(REQUESTS); // every event id its own
        assertThat(publisherBySlug).hasSize(REQUESTS);

        // The ledger: one request row per announcement, its id the event id's request part (position 0), its
        // publisher and slug those of that request, its announcedAt of this test's time.
        Map<String, String> ledger = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement select = c.prepareStatement("select id, publisher, announced_at, slugs[1] from accepted_request"
                     + " where slugs[1] = any(?)")) {
            select.setArray(1, c.createArrayOf("text", publisherBySlug.keySet().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String slug = rows.getString(4);
                    assertThat(ledger.put(slug, rows.getString(1))).as("recorded twice: " + slug).isNull();
                    assertThat(rows.getString(2)).as(slug).isEqualTo(publisherBySlug.get(slug));
                    assertThat(rows.getObject(3, OffsetDateTime.class).toInstant()).isAfterOrEqualTo(before.minusSeconds(1));
                }
            }
        }
        assertThat(ledger).hasSize(REQUESTS);
        slugByEventId.forEach((eventId, slug) -> assertThat(ledger.get(slug)).as(slug).isEqualTo(eventId)); // position 0

        // The topic: each event id once, keyed by its slug.
        Map<String, Integer> sent = new HashMap<>();
        for (ConsumerRecord<String, String> r : Topic.records(bootstrapServers)) {
            String id = TopicRecords.header(r, "ce_id");
            if (slugByEventId.containsKey(id)) {
                assertThat(r.key()).isEqualTo(slugByEventId.get(id));
                sent.merge(id, 1, Integer::sum);
            }
        }
        assertThat(sent).hasSize(REQUESTS).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }
}
