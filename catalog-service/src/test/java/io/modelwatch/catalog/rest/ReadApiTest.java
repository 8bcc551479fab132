package io.modelwatch.catalog.rest;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.Slugs;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ReadApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    CatalogFixture catalog;
    int year;
    String tag;
    String big;
    String small;
    String chinese;
    String framework;

    @BeforeEach
    void catalogOfFour() {
        catalog = new CatalogFixture(bootstrapServers);
        year = CatalogFixture.ownYear();
        tag = "tag-" + java.util.UUID.randomUUID();
        big = unique("Big");
        small = unique("Small");
        chinese = unique("Taichu");
        framework = unique("Trainer");
        catalog.announce(announcement(big).published(year + "-03-01").parameters("175B").tags(tag, "dense")
                .orgs(new Organization("Google Brain", null)).accessibility(Accessibility.API).summary("A dense decoder.", null));
        catalog.announce(announcement(small).published(year + "-03-20").parameters("1.3B").tags(tag)
                .orgs(new Organization("OpenAI", "US")).accessibility(Accessibility.OPEN_WEIGHTS_UNRESTRICTED));
        catalog.announce(announcement(chinese).published(year + "-07").parameters("千亿级").tags(tag).modalities("text", "image", "audio")
                .orgs(new Organization("中国科学院自动化研究所", null)).summary(null, "紫东太初：图文音三模态"));
        catalog.announce(announcement(framework).kind(Kind.FRAMEWORK).published(String.valueOf(year)).tags(tag)
                .orgs(new Organization("Tsinghua University", "CN"), new Organization("Tencent", "CN")));
        List.of(big, small, chinese, framework).forEach(n -> awaitModel(Slugs.of(n), 1));
    }

    @AfterEach
    void disconnect() {
        catalog.close();
    }

    private List<String> names(Object... query) {
        var request = given().queryParam("tag", tag);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().get("/api/v1/models").then().statusCode(200).extract().jsonPath().getList("items.name", String.class);
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertThat(names()).containsExactlyInAnyOrder(big, small, chinese, framework);
        assertThat(names("q", big.substring(4).toUpperCase())).containsExactly(big);
        assertThat(names("q", "紫东太初")).as("Chinese summary").containsExactly(chinese);
        assertThat(names("q", "google brain")).as("organisation alias").containsExactly(big);
        assertThat(names("q", "dense decoder")).containsExactly(big);
        assertThat(names("kind", "framework")).containsExactly(framework);
        assertThat(names("organization", "Google Research")).as("resolved through the alias table").containsExactly(big);
        assertThat(names("organization", "Tencent")).containsExactly(framework);
        assertThat(names("country", "cn")).containsExactlyInAnyOrder(chinese, framework);
        assertThat(names("country", "US,GB")).containsExactlyInAnyOrder(big, small);
        assertThat(names("modality", "image")).containsExactly(chinese);
        assertThat(names("accessibility", "api")).containsExactly(big);
        assertThat(names("from", year + "-03-10", "to", year + "-12")).containsExactlyInAnyOrder(small, chinese);
        assertThat(names("from", year + "-04")).containsExactly(chinese);
        assertThat(names("minParameters", "10B")).containsExactlyInAnyOrder(big, chinese);
        assertThat(names("maxParameters", "13亿")).containsExactly(small);
        assertThat(names("minParameters", "1000000000", "maxParameters", "200B", "country", "US")).containsExactlyInAnyOrder(big, small);
    }

    @Test
    void sortedPagesFollowEachOtherWithoutGapsOrRepeats() {
        JsonPath first = given().queryParam("tag", tag).queryParam("sort", "-parameters").queryParam("limit", 2)
                .when().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.name", String.class)).as("175B, then 千亿级 (100B)").containsExactly(big, chinese);
        JsonPath second = given().queryParam("tag", tag).queryParam("sort", "-parameters").queryParam("limit", 2)
                .queryParam("after", first.getString("next")).when().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.name", String.class)).as("undisclosed last").containsExactly(small, framework);
        assertThat(second.getString("next")).isNull();

        assertThat(names("sort", "published")).containsExactly(framework, big, small, chinese);
        assertThat(names("sort", "-published")).containsExactly(chinese, small, big, framework);
        assertThat(names("sort", "name")).containsExactly(big, small, chinese, framework);
    }

    @Test
    void unknownFiltersAndMalformedValuesAreProblemsThatNameThem() {
        given().queryParam("colour", "red").when().get("/api/v1/models").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("colour"));
        given().queryParam("from", "2022-13").queryParam("minParameters", "lots").queryParam("accessibility", "free")
                .when().get("/api/v1/models").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("from", "minParameters", "accessibility"));
        given().queryParam("sort", "colour").when().get("/api/v1/models").then().statusCode(400).body("errors.field", contains("sort"));
        given().queryParam("after", "not a cursor").queryParam("sort", "name").when().get("/api/v1/models").then().statusCode(400)
                .body("errors.field", contains("after"));
        given().queryParam("country", "China").when().get("/api/v1/stats/releases/country").then().statusCode(400)
                .body("errors.field", contains("country"));
        given().when().get("/api/v1/stats/releases/colour").then().statusCode(400).body("errors.field", contains("by"));
    }

    /** The whole problem document of a bad query: type, title, the detail's wording (one or N parameters) and each message. */
    @Test
    void queryProblemsSayWhatIsWrongInTheirOwnWords() {
        given().queryParam("colour", "red").when().get("/api/v1/models").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://modelwatch.io/problems/invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("A query parameter is not valid."))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("is not a known parameter; known: q, kind, organization, "));
        given().queryParam("from", "2023").queryParam("to", "2022").queryParam("minParameters", "lots").queryParam("q", "a")
                .queryParam("q", "b").when().get("/api/v1/models").then().statusCode(400)
                .body("detail", equalTo("3 query parameters are not valid."))
                .body("errors.field", containsInAnyOrder("q", "minParameters", "to"))
                .body("errors.message", containsInAnyOrder("may be given once",
                        "'lots' is not a parameter count such as 1000000, 11B or 62亿", "is before 'from'"));
        given().queryParam("colour", "red").when().get("/api/v1/stats/growth").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("A query parameter is not valid."))
                .body("errors.field", contains("colour"));
        given().queryParam("sort", "name").queryParam("sort", "slug").when().get("/api/v1/models").then().statusCode(400)
                .body("detail", equalTo("sort is not valid")).body("errors.message", contains("may be given once"));
        given().queryParam("limit", "0").when().get("/api/v1/models").then().statusCode(400)
                .body("detail", equalTo("limit is not valid")).body("errors.message", contains("'0' is out of range 1..500"));
        given().queryParam("measure", "compute").queryParam("measure", "parameters").when().get("/api/v1/stats/growth").then()
                .statusCode(400).body("detail", equalTo("measure is not valid")).body("errors.field", contains("measure"));
        given().queryParam("sort", "name").queryParam("limit", "2").queryParam("limit", "3").when().get("/api/v1/export.json").then()
                .statusCode(400).body("detail", equalTo("limit is not valid")).body("errors.message", contains("may be given once"));
    }

    @Test
    void statsCountReleasesAndParameterPercentiles() {
        given().queryParam("tag", tag).when().get("/api/v1/stats/releases/month").then().statusCode(200)
                .body("total", equalTo(4))
                .body("groups.key", contains(year + "-03", year + "-07", null))
                .body("groups.count", contains(2, 1, 1));
        given().queryParam("tag", tag).when().get("/api/v1/stats/releases/country").then().statusCode(200)
                .body("groups.find { it.key == 'CN' }.count", equalTo(2))
                .body("groups.find { it.key == 'US' }.count", equalTo(2));
        given().queryParam("tag", tag).when().get("/api/v1/stats/releases/organization").then().statusCode(200)
                .body("groups.key", hasItem("Google"))
                .body("groups.key", hasItem("Institute of Automation, Chinese Academy of Sciences"));
        given().queryParam("tag", tag).queryParam("kind", "model").when().get("/api/v1/stats/parameters/year").then().statusCode(200)
                .body("groups[0].period", equalTo(String.valueOf(year)))
                .body("groups[0].count", equalTo(3))
                .body("groups[0].p50", equalTo(1.0E11f))
                .body("groups[0].min", equalTo(1_300_000_000))
                .body("groups[0].max", equalTo(175_000_000_000L));
    }

    @Test
    void organizationsCarryCountryCategoryAndCounts() {
        given().queryParam("tag", tag).when().get("/api/v1/organizations").then().statusCode(200)
                .body("items.find { it.name == 'Google' }.country", equalTo("US"))
                .body("items.find { it.name == 'Google' }.category", equalTo("industry"))
                .body("items.find { it.name == 'Google' }.aliases", hasItem("Google Brain"))
                .body("items.find { it.name == 'Tsinghua University' }.category", equalTo("academia"))
                .body("items.find { it.name == 'Tencent' }.models", equalTo(1));
    }

    @Test
    void exportsUseEpochColumnNames() {
        String csv = given().queryParam("tag", tag).queryParam("sort", "x").when().get("/api/v1/export.csv").then().statusCode(400)
                .extract().asString();
        assertThat(csv).contains("sort");
        csv = given().queryParam("tag", tag).when().get("/api/v1/export.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("\uFEFF");
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("Model,Domain,Task,Organization,Organization categorization,Country (of organization),"
                + "Publication date,Parameters,Parameters notes,Model accessibility");
        assertThat(lines).hasSize(5);
        assertThat(lines[4]).startsWith(chinese + ",Multimodal,,\"Institute of Automation, Chinese Academy of Sciences\",Academia,CN,"
                + year + "-07,100000000000,\"as written: 千亿级, order of magnitude\",");
        given().queryParam("tag", tag).queryParam("kind", "framework").when().get("/api/v1/export.json").then().statusCode(200)
                .body("Model", contains(framework))
                .body("[0].'Organization categorization'", equalTo("Academia, Industry"))
                .body("[0].'Country (of organization)'", equalTo("CN"))
                .body("[0].Parameters", nullValue());
    }
}
