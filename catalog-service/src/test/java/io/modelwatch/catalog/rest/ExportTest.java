package io.modelwatch.catalog.rest;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.catalog.support.Csv;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.Slugs;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CSV export cannot be turned against a spreadsheet user (issue 16), and "export this view" is the page's rows. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ExportTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    CatalogFixture catalog;
    int year;
    String tag;
    List<String> names;

    @BeforeEach
    void formulaNames() {
        catalog = new CatalogFixture(bootstrapServers);
        year = CatalogFixture.ownYear();
        tag = "export-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString().substring(0, 6);
        names = List.of("=HYPERLINK(\"http://evil.example\",\"x\") " + run, "+cmd|' /C calc'!A0 " + run, "-2+3 " + run,
                "@SUM(1+1) " + run, "Plain 盘古 " + run);
        int month = 1;
        for (String name : names) {
            catalog.announce(announcement(name).published(year + "-0" + month++).parameters("7B").tags(tag)
                    .orgs(new Organization("=Org " + run, "US")));
        }
        names.forEach(n -> awaitModel(Slugs.of(n), 1));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreWrittenAsTextWithAByteOrderMark() {
        byte[] body = given().queryParam("tag", tag).when().get("/api/v1/export.csv").then().statusCode(200).extract().asByteArray();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = Csv.parse(new String(body, StandardCharsets.UTF_8).substring(1));
        int model = rows.get(0).indexOf("Model");
        int organization = rows.get(0).indexOf("Organization");
        List<String> read = rows.subList(1, rows.size()).stream().map(r -> r.get(model)).toList();
        assertThat(read).containsExactly("'" + names.get(0), "'" + names.get(1), "'" + names.get(2), "'" + names.get(3),
                names.get(4));
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(organization)).startsWith("'=Org "));
        // No cell of the file starts with a formula character.
        assertThat(rows.stream().flatMap(List::stream)).noneMatch(c -> !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0);
    }

    @Test
    void aSortedPageExportsExactlyThatPageOfTheList() {
        var page = given().queryParam("tag", tag).queryParam("sort", "-published").queryParam("limit", "4").when().get("/api/v1/models")
                .then().statusCode(200).extract().jsonPath();
        List<String> shown = page.getList("items.name", String.class);
        String next = page.getString("next");
        assertThat(shown).hasSize(4);
        List<String> exported = given().queryParam("tag", tag).queryParam("sort", "-published").queryParam("limit", "4")
                .when().get("/api/v1/export.json").then().statusCode(200).extract().jsonPath().getList("Model", String.class);
        assertThat(exported).isEqualTo(shown);
        List<String> second = given().queryParam("tag", tag).queryParam("sort", "-published").queryParam("after", next)
                .queryParam("limit", "4").when().get("/api/v1/models").then().statusCode(200).extract().jsonPath().getList("items.name", String.class);
        assertThat(given().queryParam("tag", tag).queryParam("sort", "-published").queryParam("after", next).queryParam("limit", "4")
                .when().get("/api/v1/export.json").then().statusCode(200).extract().jsonPath().getList("Model", String.class))
                .isEqualTo(second).hasSize(1);
        given().queryParam("tag", tag).queryParam("limit", "4").when().get("/api/v1/export.csv").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("tag", tag).queryParam("sort", "name").queryParam("after", "%%%").when().get("/api/v1/export.csv")
                .then().statusCode(400);
    }

    @Test
    void tabAndCarriageReturnAreNeutralisedToo() {
        assertThat(ExportResource.cell("\tx")).isEqualTo("'\tx");
        assertThat(ExportResource.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(ExportResource.cell("=1,2")).isEqualTo("\"'=1,2\"");
        assertThat(ExportResource.cell("a=b")).isEqualTo("a=b");
        assertThat(ExportResource.cell("")).isEmpty();
    }
}
