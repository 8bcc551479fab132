package io.modelwatch.catalog.rest;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.awaitRevision;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Slugs;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Chinese display name (nameZh) through the catalog like every field: shown with its provenance, revised when a
 * better-ranked announcement gives another one (the revision history keeps both), searchable as an alias, exported.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ChineseNameTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theChineseNameIsKeptRevisedSearchedAndExported() {
        String name = unique("Pangu");
        String slug = Slugs.of(name);
        // Unique Chinese names, so that the search below finds this test's entry only.
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String first = "盘古 " + marker;
        String second = "盘古大模型 " + marker;
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            catalog.announce(UUID.randomUUID().toString(), announcement(name).confidence(Confidence.LIKELY).at("2022-04-01T00:00:00Z")
                    .event().withNameZh(first));
            awaitModel(slug, 1);
            given().when().get("/api/v1/models/" + slug).then().statusCode(200)
                    .body("nameZh", equalTo(first))
                    .body("aliases", contains(first))
                    .body("provenance.nameZh.value", contains(first));

            // A confident announcement outranks the likely one: its Chinese name is shown, the other stays an alias.
            catalog.announce(UUID.randomUUID().toString(), announcement(name).confidence(Confidence.CONFIDENT).at("2022-04-02T00:00:00Z")
                    .event().withNameZh(second));
            awaitRevision(slug, 2);
        }
        JsonPath entry = given().when().get("/api/v1/models/" + slug).then().statusCode(200).extract().jsonPath();
        assertThat(entry.getString("nameZh")).isEqualTo(second);
        assertThat(entry.getList("provenance.nameZh.value", String.class)).containsExactly(second, first);
        assertThat(entry.getList("provenance.nameZh.shown", Boolean.class)).containsExactly(true, false);
        assertThat(entry.getList("aliases", String.class)).containsExactlyInAnyOrder(first, second);

        JsonPath revisions = given().when().get("/api/v1/models/" + slug + "/revisions").then().statusCode(200).extract().jsonPath();
        assertThat(revisions.getList("items.snapshot.nameZh", String.class)).containsExactly(second, first);

        for (String q : List.of(second, first, "盘古大模型 " + marker.toUpperCase(java.util.Locale.ROOT))) {
            assertThat(given().queryParam("q", q).when().get("/api/v1/models").then().statusCode(200).extract().jsonPath()
                    .getList("items.slug", String.class)).as("search for " + q).containsExactly(slug);
        }

        var export = given().queryParam("q", marker).when().get("/api/v1/export.csv").then().statusCode(200).extract().asString();
        String[] lines = export.split("\r\n");
        assertThat(lines[0]).contains(",Chinese name");
        assertThat(lines[1]).contains(second);
    }
}
