package io.modelwatch.catalog.messaging;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.awaitRevision;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.catalog.support.FixtureTest;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ReleaseConsumerTest extends FixtureTest {

    @Test
    void anAnnouncementBecomesACatalogEntry() {
        String name = unique("RETRO");
        String slug = Slugs.of(name);
        catalog.announce(announcement(name).published("2021-12-08").parameters("7B"));
        awaitModel(slug, 1);
        when().get("/api/v1/models/" + slug).then()
                .body("name", equalTo(name))
                .body("published", equalTo("2021-12-08"))
                .body("parameters.value", equalTo(7_000_000_000L))
                .body("organizations[0].country", equalTo("GB"))
                .body("organizations[0].category", equalTo("industry"))
                .body("revision", equalTo(1))
                .body("provenance.parameters[0].shown", equalTo(true));
    }

    @Test
    void aRedeliveredEventIsCountedOnceAndADistinctOneTwice() {
        String name = unique("Gato");
        String slug = Slugs.of(name);
        String first = UUID.randomUUID().toString();
        ReleaseAnnounced early = announcement(name).published("2022-05").at("2022-05-01T00:00:00Z").event();
        catalog.announce(first, early);
        catalog.announce(first, early);
        catalog.announce(UUID.randomUUID().toString(), announcement(name).published("2022-05-12").parameters("1.2B")
                .at("2022-05-13T00:00:00Z").event());
        awaitModel(slug, 2);
        when().get("/api/v1/models/" + slug).then()
                .body("revision", equalTo(2))
                .body("published", equalTo("2022-05-12"))
                .body("parameters.value", equalTo(1_200_000_000));
    }

    @Test
    void redeliveryOfAWholeBatchChangesNothing() {
        List<String> slugs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<ReleaseAnnounced> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = unique("Batch");
            slugs.add(Slugs.of(name));
            ids.add(UUID.randomUUID().toString());
            events.add(announcement(name).published("2022-0" + (1 + i % 9)).event());
        }
        for (int i = 0; i < events.size(); i++) {
            catalog.announce(ids.get(i), events.get(i));
        }
        slugs.forEach(s -> awaitModel(s, 1));
        for (int i = 0; i < events.size(); i++) {
            catalog.announce(ids.get(i), events.get(i));
        }
        String marker = unique("After redelivery");
        catalog.announce(announcement(marker));
        awaitModel(Slugs.of(marker), 1);
        for (String slug : slugs) {
            when().get("/api/v1/models/" + slug).then().body("revision", equalTo(1)).body("announcements", equalTo(1));
            when().get("/api/v1/models/" + slug + "/revisions").then().body("items.revision", contains(1));
        }
    }

    @Test
    void spellingsOfOneNameCollapseIntoOneEntryAndASizeInParenthesesIsAnotherModel() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String canonical = "GPT-3 " + id;
        catalog.announce(announcement(canonical).published("2020-05-28").at("2022-01-01T00:00:00Z"));
        String slug = Slugs.of(canonical);
        awaitModel(slug, 1);
        catalog.announce(announcement("GPT3 " + id).at("2022-01-02T00:00:00Z"));
        catalog.announce(announcement("gpt 3 " + id).parameters("175B").at("2022-01-03T00:00:00Z"));
        catalog.announce(announcement("GPT-3 " + id + " (13B)").parameters("13B").at("2022-01-04T00:00:00Z"));
        awaitModel(slug, 3);
        awaitModel(Slugs.of("GPT-3 " + id + " (13B)"), 1);
        when().get("/api/v1/models/" + slug).then()
                .body("parameters.value", equalTo(175_000_000_000L))
                .body("name", equalTo("gpt 3 " + id)) // the most recent of equally confident statements
                .body("aliases", containsInAnyOrder("GPT3 " + id, "GPT-3 " + id));
        when().get("/api/v1/models/" + Slugs.of("GPT-3 " + id + " (13B)")).then().statusCode(200)
                .body("parameters.value", equalTo(13_000_000_000L)).body("name", equalTo("GPT-3 " + id + " (13B)"));
        // The slug ingest answered for "GPT3 ..." is not the entry's: it redirects there.
        given().redirects().follow(false).when().get("/api/v1/models/" + Slugs.of("GPT3 " + id)).then().statusCode(308)
                .header("Location", endsWith("/api/v1/models/" + slug));
    }

    @Test
    void organisationAliasesResolveToOneOrganisation() {
        String name = unique("ERNIE");
        String slug = Slugs.of(name);
        catalog.announce(announcement(name).orgs(new Organization("百度", null)).confidence(Confidence.LIKELY));
        catalog.announce(announcement(name).orgs(new Organization("Baidu", "CN"), new Organization("Google Brain", null)));
        awaitModel(slug, 2);
        when().get("/api/v1/models/" + slug).then()
                .body("organizations.name", contains("Baidu", "Google"))
                .body("organizations.country", contains("CN", "US"))
                .body("organizations.category", contains("industry", "industry"));
    }

    @Test
    void conflictingSourcesFollowThePolicyAndBothStayVisible() {
        String name = unique("Conflict");
        String slug = Slugs.of(name);
        String confident = catalog.announce(announcement(name).parameters("137B").publisher("paper")
                .confidence(Confidence.CONFIDENT).at("2022-01-01T00:00:00Z"));
        String speculative = catalog.announce(announcement(name).parameters("100B").publisher("feed")
                .confidence(Confidence.SPECULATIVE).at("2022-02-01T00:00:00Z"));
        awaitModel(slug, 2);
        when().get("/api/v1/models/" + slug).then()
                .body("parameters.value", equalTo(137_000_000_000L))
                .body("provenance.parameters.eventId", contains(confident, speculative))
                .body("provenance.parameters.publisher", contains("paper", "feed"))
                .body("provenance.parameters.shown", contains(true, false))
                .body("provenance.parameters[1].value.value", equalTo(100_000_000_000L));

        // Between equally confident sources, the more recent statement wins.
        String newer = catalog.announce(announcement(name).parameters("140B").publisher("erratum")
                .confidence(Confidence.CONFIDENT).at("2022-03-01T00:00:00Z"));
        awaitModel(slug, 3);
        when().get("/api/v1/models/" + slug).then()
                .body("parameters.value", equalTo(140_000_000_000L))
                .body("provenance.parameters.eventId", contains(newer, confident, speculative));
    }

    @Test
    void aRetractionRecomputesAndTheLastOneDeletesWithATombstone() {
        String name = unique("Retracted");
        String slug = Slugs.of(name);
        String good = catalog.announce(announcement(name).parameters("10B").at("2022-01-01T00:00:00Z"));
        String wrong = catalog.announce(announcement(name).parameters("99B").at("2022-02-01T00:00:00Z"));
        awaitModel(slug, 2);
        when().get("/api/v1/models/" + slug).then().body("parameters.value", equalTo(99_000_000_000L));

        catalog.retract(slug, wrong);
        awaitRevision(slug, 3);
        when().get("/api/v1/models/" + slug).then()
                .body("parameters.value", equalTo(10_000_000_000L))
                .body("announcements", equalTo(1))
                .body("provenance.parameters.eventId", contains(good));

        catalog.retract(slug, good);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/api/v1/models/" + slug).then().statusCode(404));
        when().get("/api/v1/models/" + slug + "/revisions").then().statusCode(200)
                .body("items.revision", contains(4, 3, 2, 1))
                .body("items.cause", contains("deleted", "retracted", "announced", "announced"))
                .body("items[0].snapshot", nullValue());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> changes = catalog.records(Topics.MODEL_CHANGES).stream()
                    .filter(r -> slug.equals(r.key())).toList();
            assertThat(changes).hasSize(4);
            assertThat(changes.get(3).value()).as("tombstone").isNull();
        });
        // A late copy of the retracted announcement is not applied again.
        catalog.announce(wrong, announcement(name).parameters("99B").event());
        String marker = unique("Marker");
        catalog.announce(announcement(marker));
        awaitModel(Slugs.of(marker), 1);
        when().get("/api/v1/models/" + slug).then().statusCode(404);
    }

    @Test
    void undisclosedParametersStayNullNeverZero() {
        String name = unique("Imagen");
        catalog.announce(announcement(name).published("2022-05-23"));
        awaitModel(Slugs.of(name), 1);
        when().get("/api/v1/models/" + Slugs.of(name)).then().body("parameters", nullValue());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheStreamMovesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        catalog.send(TopicRecords.cloudEvent(Topics.MODEL_RELEASES, poisonKey, UUID.randomUUID().toString(), EventTypes.RELEASE_ANNOUNCED, "{not json"));
        String unknownKey = "unknown-" + UUID.randomUUID();
        catalog.send(TopicRecords.cloudEvent(Topics.MODEL_RELEASES, unknownKey, UUID.randomUUID().toString(), "io.example.other", "{}"));
        String invalidKey = "invalid-" + UUID.randomUUID();
        catalog.send(TopicRecords.cloudEvent(Topics.MODEL_RELEASES, invalidKey, UUID.randomUUID().toString(), EventTypes.RELEASE_ANNOUNCED,
                "{\"name\": \"No organisations\", \"organizations\": []}"));
        String name = unique("After");
        catalog.announce(announcement(name).published("2022"));
        awaitModel(Slugs.of(name), 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = catalog.records(Topics.MODEL_RELEASES_DLQ);
            assertThat(dead).filteredOn(r -> poisonKey.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(TopicRecords.header(r, "dead-letter-reason")).contains("not a valid ReleaseAnnounced"))
                    .satisfies(r -> assertThat(TopicRecords.header(r, "ce_type")).isEqualTo(EventTypes.RELEASE_ANNOUNCED));
            assertThat(dead).filteredOn(r -> unknownKey.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(TopicRecords.header(r, "dead-letter-reason")).contains("unknown event type"));
            assertThat(dead).filteredOn(r -> invalidKey.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(TopicRecords.header(r, "dead-letter-reason")).contains("organisation"));
        });
        when().get("/api/v1/models/" + poisonKey).then().statusCode(404);
    }

    @Test
    void everyChangeIsPublishedAsASnapshotThroughTheOutbox() {
        String name = unique("FLAN");
        String slug = Slugs.of(name);
        catalog.announce(announcement(name).published("2021-09"));
        catalog.announce(announcement(name).published("2021-09-03").parameters("137B"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> changes = catalog.records(Topics.MODEL_CHANGES).stream()
                    .filter(r -> slug.equals(r.key())).toList();
            assertThat(changes).hasSize(2);
            assertThat(CatalogFixture.JSON.readTree(changes.get(0).value()).get("revision").asLong()).isEqualTo(1);
            JsonNode latest = CatalogFixture.JSON.readTree(changes.get(1).value());
            assertThat(latest.get("revision").asLong()).isEqualTo(2);
            assertThat(latest.get("parameters").get("value").asLong()).isEqualTo(137_000_000_000L);
            assertThat(TopicRecords.header(changes.get(1), "ce_type")).isEqualTo(EventTypes.MODEL_CHANGED);
            assertThat(TopicRecords.header(changes.get(0), "ce_id")).isNotEqualTo(TopicRecords.header(changes.get(1), "ce_id"));
        });
    }

    @Test
    void unknownSlugIsANotFoundProblem() {
        when().get("/api/v1/models/no-such-model-" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}
