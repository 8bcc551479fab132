package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class BatchTest {

    private static final String NDJSON = "application/x-ndjson";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyLineIsReportedAndTheValidOnesAreOnTheTopic() throws Exception {
        String run = UUID.randomUUID().toString();
        String body = String.join("\n",
                Topic.announcement("OPT " + run, "\"175B\""),
                "",
                "{\"name\": \"Bad " + run + "\", \"organizations\": [], \"parameters\": \"7B or 13B\"}",
                "{\"name\": ",
                Topic.announcement("BLOOM " + run, "\"1,760亿\"")) + "\n";

        JsonPath report = given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("lines", equalTo(4)).body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("results.line", equalTo(List.of(1, 3, 4, 5)))
                .body("results.status", equalTo(List.of(202, 400, 400, 202)))
                .body("results[1].errors.field", hasItems("organizations", "parameters"))
                .body("results[2].detail", containsString("not valid JSON"))
                .extract().jsonPath();

        Map<String, ConsumerRecord<String, String>> byId = Topic.records(bootstrapServers).stream()
                .filter(r -> TopicClient.header(r, "ce_id") != null)
                .collect(Collectors.toMap(r -> TopicClient.header(r, "ce_id"), r -> r, (a, b) -> a));
        ConsumerRecord<String, String> opt = byId.get(report.getString("results[0].eventId"));
        ConsumerRecord<String, String> bloom = byId.get(report.getString("results[3].eventId"));
        assertThat(opt).isNotNull();
        assertThat(bloom).isNotNull();
        assertThat(opt.key()).isEqualTo(report.getString("results[0].slug")).startsWith("opt-");
        assertThat(TopicClient.header(bloom, "ce_type")).isEqualTo("io.modelwatch.release.announced.v1");
        assertThat(TopicClient.header(bloom, "ce_source")).isEqualTo("/modelwatch/ingest");
        assertThat(TopicClient.header(bloom, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicClient.header(bloom, "ce_id")).isEqualTo(report.getString("results[3].eventId"));
        assertThat(TopicClient.header(bloom, "ce_subject")).isEqualTo(bloom.key());
        assertThat(TopicClient.header(bloom, "content-type")).isEqualTo("application/json");
        assertThat(java.time.OffsetDateTime.parse(TopicClient.header(bloom, "ce_time")).toInstant())
                .isEqualTo(java.time.Instant.parse(json.readTree(bloom.value()).get("announcedAt").asText()));
        JsonNode data = json.readTree(bloom.value());
        assertThat(data.get("name").asText()).isEqualTo("BLOOM " + run);
        assertThat(data.get("parameters").get("value").asLong()).isEqualTo(176_000_000_000L);
        assertThat(data.get("publisher").asText()).isEqualTo("publisher-a");
        assertThat(byId.values().stream().filter(r -> r.value().contains("Bad " + run))).isEmpty();
    }

    @Test
    void aRetriedBatchWithItsIdempotencyKeyGetsTheSameEventIdsAndAnotherBodyIs409() {
        String run = UUID.randomUUID().toString();
        String body = IntStream.range(0, 5).mapToObj(i -> Topic.announcement("Idem " + i + " " + run, "\"350M\""))
                .collect(Collectors.joining("\n"));
        String idempotencyKey = UUID.randomUUID().toString();
        List<String> first = given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).body("accepted", equalTo(5)).extract().path("results.eventId");
        List<String> second = given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).body("accepted", equalTo(5)).extract().path("results.eventId");
        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
        assertThat(Topic.withId(bootstrapServers, first.get(2))).hasSize(2);

        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(NDJSON).body(Topic.utf8(body + "\n" + Topic.announcement("One more " + run, "1")))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void tooManyLinesIs413AWrongTypeIs415AndAnEmptyBatchIs400AndNoneEmits() {
        long before = Topic.endOffset(bootstrapServers);
        String tooMany = "{}\n".repeat(10_001);
        given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8(tooMany))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("10000"));
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Json " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8("\n\n"))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aSingleAnnouncementOverItsLimitIs413() {
        long before = Topic.endOffset(bootstrapServers);
        String huge = "{\"name\": \"Huge\", \"organizations\": [{\"name\": \"x\"}], \"tags\": [\"" + "a".repeat(1_100_000) + "\"]}";
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/announcements")
                .then().statusCode(413).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }
}
