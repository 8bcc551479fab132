package io.modelwatch.catalog.rest;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.catalog.support.FixtureTest;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class AdminApiTest extends FixtureTest {

    @Test
    void adminEndpointsNeedTheAdminKey() {
        given().contentType(ContentType.JSON).body("{\"into\": \"b\"}").when().post("/api/v1/models/a/merge")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        // A wrong key is invalid credentials: 401 (RFC 6750 invalid_token), as in ingest.
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("{\"into\": \"b\"}")
                .when().post("/api/v1/models/a/merge").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("{\"alias\": \"x\", \"organization\": \"y\"}")
                .when().post("/api/v1/organizations/aliases").then().statusCode(401);
        // Public endpoints do not look at keys.
        given().header("Authorization", "Bearer wrong").when().get("/api/v1/models").then().statusCode(200);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"into\": \"no-such-model\"}")
                .when().post("/api/v1/models/no-such-model-either/merge").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aModelAliasSendsLaterAnnouncementsToTheEntry() {
        String name = unique("Wu Dao");
        String slug = Slugs.of(name);
        catalog.announce(announcement(name));
        awaitModel(slug, 1);
        String alias = unique("悟道");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + alias + "\"}")
                .when().post("/api/v1/models/" + slug + "/aliases").then().statusCode(200).body("revision", equalTo(2));
        when().get("/api/v1/models/" + slug).then().body("aliases", contains(alias)).body("revision", equalTo(2));
        catalog.announce(announcement(alias).parameters("1.75T"));
        awaitModel(slug, 2);
        when().get("/api/v1/models/" + slug).then().body("parameters.value", equalTo(1_750_000_000_000L));
        // The alias's own slug (what ingest answered for it) leads to the entry.
        given().redirects().follow(false).when().get("/api/v1/models/" + Slugs.of(alias)).then().statusCode(308)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/models/" + slug));

        String other = unique("Other");
        catalog.announce(announcement(other));
        awaitModel(Slugs.of(other), 1);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + other + "\"}")
                .when().post("/api/v1/models/" + slug + "/aliases").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void anOrganisationAliasRecomputesTheEntriesThatUsedIt() {
        String lab = unique("Pengcheng Lab");
        String name = unique("PanGu-alpha");
        String slug = Slugs.of(name);
        catalog.announce(announcement(name).orgs(new Organization(lab, null)));
        awaitModel(slug, 1);
        String canonical = unique("Peng Cheng Laboratory");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"alias\": \"" + lab + "\", \"organization\": \"" + canonical + "\", \"country\": \"cn\", \"category\": \"government\"}")
                .when().post("/api/v1/organizations/aliases").then().statusCode(200).body("entriesRecomputed", equalTo(1));
        when().get("/api/v1/models/" + slug).then().body("revision", equalTo(2))
                .body("organizations[0].name", equalTo(canonical))
                .body("organizations[0].country", equalTo("CN"))
                .body("organizations[0].category", equalTo("government"));
        given().queryParam("organization", lab).when().get("/api/v1/models").then().body("items.slug", contains(slug));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"alias\": \"x\", \"organization\": \"y\", \"category\": \"startup\"}")
                .when().post("/api/v1/organizations/aliases").then().statusCode(400).body("errors.field", contains("category"));
    }

    @Test
    void aMergedAwaySlugRedirectsAndGetsATombstone() {
        String keep = unique("Megatron-Turing NLG");
        String away = unique("MT-NLG");
        catalog.announce(announcement(keep).parameters("530B"));
        catalog.announce(announcement(away).orgs(new Organization("NVIDIA", "US")));
        awaitModel(Slugs.of(keep), 1);
        awaitModel(Slugs.of(away), 1);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"into\": \"" + Slugs.of(keep) + "\"}")
                .when().post("/api/v1/models/" + Slugs.of(away) + "/merge").then().statusCode(200).body("revision", equalTo(2));

        given().redirects().follow(false).when().get("/api/v1/models/" + Slugs.of(away)).then().statusCode(308)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/models/" + Slugs.of(keep)));
        var survivor = when().get("/api/v1/models/" + Slugs.of(keep)).then().statusCode(200)
                .body("announcements", equalTo(2))
                .body("organizations.name", containsInAnyOrder("DeepMind", "NVIDIA"))
                .extract().jsonPath();
        // Both statements tie on confidence and time, so the policy's last tie-break (event id) picks the shown
        // name; whichever it is, the other name must be an alias.
        List<String> names = new java.util.ArrayList<>(survivor.getList("aliases", String.class));
        names.add(survivor.getString("name"));
        assertThat(names).contains(keep, away);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> changes = catalog.records(Topics.MODEL_CHANGES).stream()
                    .filter(r -> Slugs.of(away).equals(r.key())).toList();
            assertThat(changes).hasSize(2);
            assertThat(changes.get(1).value()).as("tombstone").isNull();
        });
        // Later announcements under the merged-away name land on the survivor.
        catalog.announce(announcement(away).tags("merged"));
        awaitModel(Slugs.of(keep), 3);
        when().get("/api/v1/models/" + Slugs.of(keep)).then().body("tags", contains("merged"));
    }
}
