package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class AnnouncementResourceTest {

    private static final String KEY = "Bearer test-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();

    private static String announcement(String name, String parameters) {
        return """
                {"name": "%s", "organizations": [{"name": "BigScience", "country": "fr"}],
                 "published": "2021-10", "parameters": %s, "modalities": ["Text"], "accessibility": "open-weights-unrestricted",
                 "summary": {"en": "T5-based", "zh": null}}
                """.formatted(name, parameters);
    }

    @Test
    void acceptedAnnouncementIsOnTheTopicAsABinaryCloudEventKeyedBySlug() throws Exception {
        String name = "T0 " + UUID.randomUUID();
        String slug = given().header("Authorization", KEY).contentType(ContentType.JSON).body(announcement(name, "\"62亿\""))
                .when().post("/api/v1/announcements")
                .then().statusCode(202).body("eventId", notNullValue())
                .extract().path("slug");
        assertThat(slug).startsWith("t0-");

        ConsumerRecord<String, String> record = Topic.records(bootstrapServers).stream().filter(r -> slug.equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no record keyed " + slug));
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry("ce_type", "io.modelwatch.release.announced.v1")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/modelwatch/ingest")
                .containsKeys("ce_id", "ce_time");
        JsonNode data = json.readTree(record.value());
        assertThat(data.get("name").asText()).isEqualTo(name);
        assertThat(data.get("parameters").get("value").asLong()).isEqualTo(6_200_000_000L);
        assertThat(data.get("parameters").get("asWritten").asText()).isEqualTo("62亿");
        assertThat(data.get("published").asText()).isEqualTo("2021-10");
        assertThat(data.get("organizations").get(0).get("country").asText()).isEqualTo("FR");
        assertThat(data.get("modalities").get(0).asText()).isEqualTo("text");
        assertThat(data.get("publisher").asText()).isEqualTo("default");
    }

    /** A multinational organisation's further countries, in any case, reach the event as codes, each once. */
    @Test
    void aMultinationalOrganisationsOtherCountriesReachTheEvent() throws Exception {
        String name = "Gemini " + UUID.randomUUID();
        String slug = given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"organizations\": [{\"name\": \"Google DeepMind\", \"country\": \"us\","
                        + " \"otherCountries\": [\"gb\", \"US\", \"GB\"]}, {\"name\": \"Lab\"}]}")
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("slug");
        ConsumerRecord<String, String> record = Topic.records(bootstrapServers).stream().filter(r -> slug.equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no record keyed " + slug));
        JsonNode organizations = json.readTree(record.value()).get("organizations");
        assertThat(organizations.get(0).get("country").asText()).isEqualTo("US");
        assertThat(organizations.get(0).get("otherCountries").toString()).isEqualTo("[\"GB\"]");
        assertThat(organizations.get(1).has("otherCountries")).as("absent when there are none").isFalse();
    }

    /** The Chinese display name reaches the event as plain text in NFC, stripped; a blank one is no name. */
    @Test
    void aChineseNameReachesTheEventNormalised() throws Exception {
        String name = "Pangu " + UUID.randomUUID();
        // "盘古" followed by a decomposed "é" (e + U+0301): the event holds the composed form.
        String slug = given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"nameZh\": \"  盘古 Cafe\u0301 \", \"organizations\": [{\"name\": \"Huawei\"}]}")
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("slug");
        ConsumerRecord<String, String> record = Topic.records(bootstrapServers).stream().filter(r -> slug.equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no record keyed " + slug));
        assertThat(json.readTree(record.value()).get("nameZh").asText()).isEqualTo("盘古 Caf\u00e9");

        String blank = given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"Pangu " + UUID.randomUUID() + "\", \"nameZh\": \"  \", \"organizations\": [{\"name\": \"Huawei\"}]}")
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("slug");
        ConsumerRecord<String, String> without = Topic.records(bootstrapServers).stream().filter(r -> blank.equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no record keyed " + blank));
        assertThat(json.readTree(without.value()).has("nameZh")).as("a blank Chinese name is none").isFalse();
    }

    /** A bad Chinese name is a 400 naming nameZh, whatever else the announcement says, and nothing is emitted. */
    @Test
    void aBadChineseNameIsAProblemNamingItAndEmitsNothing() {
        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"Pangu " + UUID.randomUUID() + "\", \"nameZh\": \"盘古\\u202e\", \"organizations\": [{\"name\": \"Huawei\"}]}")
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("nameZh"));
        given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"Pangu " + UUID.randomUUID() + "\", \"nameZh\": \"" + "盘".repeat(201)
                        + "\", \"organizations\": [{\"name\": \"Huawei\"}]}")
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("nameZh"));
        assertThat(Topic.endOffset(bootstrapServers)).as("records on model-releases after rejected requests").isEqualTo(before);
    }

    @Test
    void theAnswerCarriesTheEventIdOfTheRecord() {
        String name = "Gato " + UUID.randomUUID();
        String eventId = given().header("Authorization", KEY).contentType(ContentType.JSON).body(announcement(name, "1200000000"))
                .when().post("/api/v1/announcements")
                .then().statusCode(202).extract().path("eventId");
        List<String> ids = Topic.records(bootstrapServers).stream()
                .map(r -> TopicRecords.header(r, "ce_id")).toList();
        assertThat(ids).contains(eventId);
    }

    @Test
    void badInputIsAProblemNamingEveryFieldAndEmitsNothing() {
        long before = Topic.endOffset(bootstrapServers);

        given().header("Authorization", KEY).contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString("not valid JSON"));

        given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"organizations\": [], \"published\": \"2022-13\", \"parameters\": \"7B or 13B\", \"accessibility\": \"open\"}")
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "organizations", "published", "parameters", "accessibility"));

        given().header("Authorization", KEY).contentType(ContentType.JSON).body(announcement("Zero", "0"))
                .when().post("/api/v1/announcements")
                .then().statusCode(400).body("errors[0].field", equalTo("parameters"));

        given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"Gemini X\", \"organizations\": [{\"name\": \"Google DeepMind\", \"country\": \"US\","
                        + " \"otherCountries\": [\"gb\", \"Britain\", null]}]}")
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("organizations[0].otherCountries[1]",
                        "organizations[0].otherCountries[2]"));

        given().header("Authorization", KEY).contentType(ContentType.JSON).body("{\"name\": 42, \"organizations\": \"OpenAI\"}")
                .when().post("/api/v1/announcements")
                .then().statusCode(400).contentType("application/problem+json");

        assertThat(Topic.endOffset(bootstrapServers)).as("records on model-releases after rejected requests").isEqualTo(before);
    }

    @Test
    void withoutAValidKeyTheAnswerIs401AndNothingIsEmitted() {
        long before = Topic.endOffset(bootstrapServers);
        given().contentType(ContentType.JSON).body(announcement("NoKey", "\"11B\""))
                .when().post("/api/v1/announcements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(announcement("BadKey", "\"11B\""))
                .when().post("/api/v1/announcements")
                .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("not valid"));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void wrongContentTypeIs415AsAProblem() {
        given().header("Authorization", KEY).contentType(ContentType.TEXT).body("name=T0")
                .when().post("/api/v1/announcements")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
