package io.modelwatch.catalog.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Source;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountParser;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * demo/releases.json, sent through the consumer as ingest would send it (same normalisation: slug, date
 * precision, parameter text), twice over (a redelivery) and with a few other spellings, makes exactly the
 * expected catalog. A tag of this run's own marks the entries, so the assertions see only them.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DemoCatalogTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static List<ReleaseAnnounced> demo(String extraTag) throws Exception {
        JsonNode all = CatalogFixture.JSON.readTree(Files.readString(Path.of("../demo/releases.json")));
        List<ReleaseAnnounced> events = new ArrayList<>();
        Instant at = Instant.parse("2022-07-15T00:00:00Z");
        for (JsonNode a : all) {
            List<Organization> orgs = new ArrayList<>();
            a.get("organizations").forEach(o -> orgs.add(new Organization(o.get("name").asText(),
                    o.hasNonNull("country") ? o.get("country").asText().toUpperCase(Locale.ROOT) : null)));
            JsonNode p = a.get("parameters");
            ParameterCount parameters = p == null || p.isNull() ? null
                    : p.isIntegralNumber() ? ParameterCountParser.of(p.asLong()) : ParameterCountParser.parse(p.asText());
            List<String> tags = new ArrayList<>(strings(a.get("tags")));
            tags.add(extraTag);
            String name = a.get("name").asText().strip();
            events.add(ReleaseAnnouncedBuilder.builder().slug(Slugs.of(name))
                    .kind(a.hasNonNull("kind") ? CatalogFixture.JSON.convertValue(a.get("kind").asText(), Kind.class) : Kind.MODEL)
                    .name(name).nameZh(text(a, "nameZh")).organizations(orgs)
                    .published(a.hasNonNull("published") ? PublishedDate.parse(a.get("published").asText()) : null).parameters(parameters)
                    .modalities(strings(a.get("modalities"))).tasks(strings(a.get("tasks")))
                    .accessibility(a.hasNonNull("accessibility")
                            ? CatalogFixture.JSON.convertValue(a.get("accessibility").asText(), Accessibility.class) : null)
                    .architecture(text(a, "architecture")).baseModel(text(a, "baseModel")).tags(tags)
                    .links(a.hasNonNull("links") ? CatalogFixture.JSON.convertValue(a.get("links"), Links.class) : null)
                    .summary(a.hasNonNull("summary") ? CatalogFixture.JSON.convertValue(a.get("summary"), LocalizedText.class) : null)
                    .source(a.hasNonNull("source") ? CatalogFixture.JSON.convertValue(a.get("source"), Source.class) : null)
                    .confidence(a.hasNonNull("confidence")
                            ? CatalogFixture.JSON.convertValue(a.get("confidence").asText(), Confidence.class) : Confidence.CONFIDENT)
                    .publisher("demo").announcedAt(at).build());
        }
        return events;
    }

    private static String text(JsonNode a, String field) {
        return a.hasNonNull(field) ? a.get(field).asText().strip() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText().strip().toLowerCase(Locale.ROOT)));
        }
        return values;
    }

    private static ReleaseAnnounced renamed(ReleaseAnnounced a, String name, List<Organization> orgs) {
        return a.with(b -> b.slug(Slugs.of(name)).name(name).organizations(orgs).confidence(Confidence.SPECULATIVE).publisher("feed")
                .announcedAt(a.announcedAt().plusSeconds(60)));
    }

    @Test
    void theDemoDataSetMakesTheExpectedCatalog() throws Exception {
        String tag = "demo-" + UUID.randomUUID();
        List<ReleaseAnnounced> demo = demo(tag);
        assertThat(demo).hasSize(26);
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            List<String> ids = new ArrayList<>();
            for (ReleaseAnnounced a : demo) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                catalog.announce(id, a);
            }
            for (int i = 0; i < demo.size(); i++) {
                catalog.announce(ids.get(i), demo.get(i)); // redelivered
            }
            Map<String, ReleaseAnnounced> byName = demo.stream().collect(Collectors.toMap(ReleaseAnnounced::name, a -> a));
            // Other sources, other spellings: the same entries.
            catalog.announce(UUID.randomUUID().toString(), renamed(byName.get("GPT-3"), "GPT 3", List.of(new Organization("OpenAI", null))));
            catalog.announce(UUID.randomUUID().toString(), renamed(byName.get("ERNIE 3.0"), "ernie 3.0", List.of(new Organization("百度", null))));
            catalog.announce(UUID.randomUUID().toString(), renamed(byName.get("Mengzi"), "MENGZI", List.of(new Organization("澜舟科技", null))));
            catalog.announce(UUID.randomUUID().toString(), renamed(byName.get("FLAN"), "Flan", List.of(new Organization("Google Research", null))));

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(given().queryParam("tag", tag)
                    .when().get("/api/v1/stats/releases/kind").then().extract().jsonPath().getInt("total")).isEqualTo(26));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().queryParam("tag", tag).queryParam("q", "flan")
                    .when().get("/api/v1/models").then().extract().jsonPath().getList("items.aliases.flatten()", String.class))
                    .contains("Flan"));
        }

        JsonPath models = given().queryParam("tag", tag).queryParam("limit", 100).when().get("/api/v1/models")
                .then().statusCode(200).extract().jsonPath();
        assertThat(models.getList("items.name", String.class)).containsExactlyInAnyOrder(
                "GPT-3", "ERNIE 3.0", "Mengzi", "Zidong Taichu", "FLAN", "CokeBERT", "Megatron-Turing NLG", "Megatron-DeepSpeed",
                "Colossal-AI", "T0", "M6-10T", "Erlangshen-MegatronBert-1.3B", "NÜWA", "RETRO", "WebGPT", "GPT-NeoX-20B", "T5X",
                "DALL·E 2", "Pangu", "LayoutLMv3", "OPT", "Gato", "Imagen", "GitHub Copilot", "VPT", "BLOOM");
        assertThat(models.getList("items.findAll { it.nameZh != null }.name", String.class)).as("the demo's Chinese names")
                .containsExactlyInAnyOrder("ERNIE 3.0", "Mengzi", "Zidong Taichu", "Erlangshen-MegatronBert-1.3B", "NÜWA", "Pangu");
        assertThat(given().queryParam("tag", tag).queryParam("q", "孟子").when().get("/api/v1/models").then().statusCode(200)
                .extract().jsonPath().getList("items.name", String.class)).as("found by its Chinese name").containsExactly("Mengzi");
        assertThat(models.getList("items.findAll { it.name in ['GPT-3', 'ERNIE 3.0', 'Mengzi', 'FLAN'] }.announcements", Integer.class))
                .containsOnly(2);
        assertThat(models.getList("items.findAll { !(it.name in ['GPT-3', 'ERNIE 3.0', 'Mengzi', 'FLAN']) }.announcements", Integer.class))
                .hasSize(22).containsOnly(1);

        JsonPath organizations = given().queryParam("tag", tag).when().get("/api/v1/organizations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(organizations.getList("items.name", String.class)).containsExactlyInAnyOrder(
                "OpenAI", "Baidu", "Langboat", "Institute of Automation, Chinese Academy of Sciences", "Google", "Tsinghua University",
                "Tencent", "Microsoft", "NVIDIA", "HPC-AI Tech", "BigScience", "Hugging Face", "Alibaba", "IDEA Research",
                "Microsoft Research Asia", "DeepMind", "EleutherAI", "Huawei", "Meta", "GitHub");
        assertThat(organizations.getList("items.category", String.class)).doesNotContainNull();
        assertThat(organizations.getInt("items.find { it.name == 'OpenAI' }.models")).isEqualTo(5);
        assertThat(organizations.getInt("items.find { it.name == 'Google' }.models")).isEqualTo(3);

        JsonPath countries = given().queryParam("tag", tag).when().get("/api/v1/stats/releases/country").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Integer> perCountry = new java.util.HashMap<>();
        for (int i = 0; i < countries.getList("groups").size(); i++) {
            perCountry.put(countries.getString("groups[" + i + "].key"), countries.getInt("groups[" + i + "].count"));
        }
        assertThat(perCountry).isEqualTo(Map.of("US", 13, "CN", 9, "GB", 2, "FR", 2, "SG", 1));
        given().queryParam("tag", tag).when().get("/api/v1/stats/releases/kind").then()
                .body("groups.key", org.hamcrest.Matchers.contains("model", "framework", "application"))
                .body("groups.count", org.hamcrest.Matchers.contains(22, 3, 1));
    }
}
