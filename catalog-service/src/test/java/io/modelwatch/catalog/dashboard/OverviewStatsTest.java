package io.modelwatch.catalog.dashboard;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.Slugs;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The overview's one query ({@code /api/v1/stats/overview}) against the figures each endpoint gives alone
 * (summary, releases per country, organisation, modality and accessibility, parameters per month), and against counts
 * worked out by hand from what was announced: a collaboration, organisations without a country, an entry without a
 * modality, a date known to the year only, an undisclosed size, an entry outside the period.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class OverviewStatsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    CatalogFixture catalog;
    int year;
    String tag;
    String labCn;
    String labUs;
    String labNowhere;

    @BeforeEach
    void sevenEntries() {
        catalog = new CatalogFixture(bootstrapServers);
        year = CatalogFixture.ownYear();
        tag = "overview-" + java.util.UUID.randomUUID();
        labCn = unique("Lab CN");
        labUs = unique("Lab US");
        labNowhere = unique("Lab Nowhere");
        List<CatalogFixture.Announcement> entries = List.of(
                announcement(unique("Alpha")).published(year + "-03-05").parameters("7B").modalities("text", "image")
                        .orgs(new Organization(labCn, "CN")).accessibility(Accessibility.OPEN_WEIGHTS_UNRESTRICTED),
                announcement(unique("Beta")).published(year + "-03").parameters("70B").modalities("text")
                        .orgs(new Organization(labCn, "CN"), new Organization(labUs, "US")).accessibility(Accessibility.HOSTED),
                announcement(unique("Gamma")).published(String.valueOf(year)).modalities("audio")
                        .orgs(new Organization(labUs, "US")).accessibility(Accessibility.OPEN_WEIGHTS_NONCOMMERCIAL),
                announcement(unique("Delta")).published(year + "-07-01").parameters("1B").modalities()
                        .orgs(new Organization(labNowhere, null)).accessibility(Accessibility.API),
                announcement(unique("Epsilon")).published(year + "-11-30").parameters("3B").modalities("text")
                        .orgs(new Organization(labNowhere, null)),
                announcement(unique("Zeta")).published(year + "-11-02").parameters("300B").modalities("text")
                        .orgs(new Organization(labUs, "US")).accessibility(Accessibility.API),
                announcement(unique("Before")).published((year - 1) + "-12-31").parameters("2B").modalities("video")
                        .orgs(new Organization(labCn, "CN")));
        for (CatalogFixture.Announcement a : entries) {
            catalog.announce(a.tags(tag));
        }
        entries.forEach(a -> awaitModel(Slugs.of(a.name), 1));
    }

    @AfterEach
    void disconnect() {
        catalog.close();
    }

    private static JsonPath get(String path, Map<String, String> query) {
        return given().queryParams(query).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theOneQueryGivesEachEndpointsFigures() {
        for (Map<String, String> query : List.of(Map.of("tag", tag), Map.of("tag", tag, "from", year + "-01", "to", year + "-12"),
                Map.of("tag", tag, "country", "CN"), Map.of("tag", tag, "accessibility", "api"), Map.of("tag", "none-" + tag))) {
            Map<String, String> withLang = new java.util.HashMap<>(query);
            withLang.put("lang", "zh-CN");
            JsonPath overview = get("/api/v1/stats/overview", withLang);
            assertThat(overview.getMap("summary")).as("summary for " + query)
                    .isEqualTo(get("/api/v1/stats/summary", withLang).getMap("$"));
            for (String by : List.of("country", "organization", "modality", "accessibility")) {
                JsonPath alone = get("/api/v1/stats/releases/" + by, query);
                assertThat(overview.getList("breakdowns." + by + ".groups")).as(by + " for " + query).isEqualTo(alone.getList("groups"));
                assertThat(overview.getLong("breakdowns." + by + ".total")).isEqualTo(alone.getLong("total"));
            }
            assertThat(overview.getList("parameters.groups")).as("sizes per month for " + query)
                    .isEqualTo(get("/api/v1/stats/parameters/month", query).getList("groups"));
            // The timeline's cells add up to the releases (every matching entry here is dated).
            assertThat(overview.getList("timeline.count", Long.class).stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(overview.getLong("summary.releases"));
        }
    }

    @Test
    void theFiguresAreTheOnesCountedByHand() {
        JsonPath o = get("/api/v1/stats/overview", Map.of("tag", tag, "from", year + "-01", "to", year + "-12", "lang", "en"));
        assertThat(o.getLong("summary.releases")).isEqualTo(6);
        assertThat(o.getLong("summary.organisations")).isEqualTo(3);
        assertThat(o.getLong("summary.countries")).isEqualTo(2); // CN, US; the lab without a country adds none
        assertThat(o.getDouble("summary.openWeightsShare")).isCloseTo(2.0 / 6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.getLong("summary.medianParameters")).isEqualTo(7_000_000_000L); // of 1B, 3B, 7B, 70B, 300B
        assertThat(o.getInt("summary.disclosed")).isEqualTo(5);
        // A collaboration counts for both organisations; ties by name.
        assertThat(o.getList("breakdowns.organization.groups")).isEqualTo(List.of(
                Map.of("key", labUs, "count", 3), Map.of("key", labCn, "count", 2), Map.of("key", labNowhere, "count", 2)));
        // Countries: the entries whose organisation states none under null, after CN (ties: null last).
        assertThat(o.getList("breakdowns.country.groups")).isEqualTo(List.of(
                Map.of("key", "US", "count", 3), Map.of("key", "CN", "count", 2), nullKey(2)));
        assertThat(o.getList("breakdowns.modality.groups")).isEqualTo(List.of(Map.of("key", "text", "count", 4),
                Map.of("key", "audio", "count", 1), Map.of("key", "image", "count", 1), nullKey(1)));
        // Per month and region: the year-only entry under its year, Beta (CN and US) under China.
        assertThat(o.getList("timeline")).isEqualTo(List.of(
                Map.of("key", String.valueOf(year), "china", false, "count", 1),
                Map.of("key", year + "-03", "china", true, "count", 2),
                Map.of("key", year + "-07", "china", false, "count", 1),
                Map.of("key", year + "-11", "china", false, "count", 2)));
        assertThat(o.getList("parameters.groups.period")).containsExactly(year + "-03", year + "-07", year + "-11");
        assertThat(o.getList("parameters.groups.count", Integer.class)).containsExactly(2, 1, 2);
    }

    private static Map<String, Object> nullKey(int count) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("key", null);
        m.put("count", count);
        return m;
    }
}
