package io.modelwatch.catalog.rest;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.catalog.support.FixtureTest;
import io.modelwatch.contract.Slugs;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's identity through the real pipeline (embedded Kafka and PostgreSQL): the pairs the old rule merged by
 * mistake stay separate entries, spellings of one name merge, every slug given out resolves, and close names become
 * curators' suggestions that can be dismissed.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class IdentityPipelineTest extends FixtureTest {

    /** A letters-only marker, so the names' own numbers and parentheses are what tells them apart. */
    static String marker() {
        // each hex digit of a random UUID as one of 16 letters: a uuid may hold fewer than six of a-f (a CI run drew five)
        StringBuilder letters = new StringBuilder("q");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
            letters.append((char) ('a' + Character.digit(c, 16)));
        }
        return letters.toString();
    }

    @Test
    void differentModelsThatTheOldRuleMergedStaySeparateEntries() {
        String m = marker();
        List<String> names = List.of("Megatron-LM " + m + " (1.2B)", "Megatron-LM " + m + " (8.3B)", "PointNet " + m,
                "PointNet " + m + "++", "DeepLabV3 " + m, "DeepLabV3 " + m + "+", "ViT-G/14 " + m, "ViT-G/14 " + m + " (LiT)",
                "GloVe " + m + " (6B)", "GloVe " + m + " (32B)", "data2vec " + m + " (vision)", "data2vec " + m + " (language)",
                "Llama 2 " + m + "-7B", "Llama 2 " + m + "-70B", "Qwen " + m + " 2", "Qwen " + m + " 2.5", "GPT-4 " + m,
                "GPT-4o " + m, "o1 " + m, "o1-mini " + m);
        names.forEach(n -> catalog.announce(announcement(n)));
        for (String name : names) {
            awaitModel(Slugs.of(name), 1);
            when().get("/api/v1/models/" + Slugs.of(name)).then().statusCode(200).body("name", equalTo(name));
        }
        assertThat(names.stream().map(Slugs::of).distinct()).hasSize(names.size());
    }

    @Test
    void spellingsMergeAndEverySlugGivenOutRedirects() {
        String m = marker();
        String canonical = "GPT-3 " + m;
        catalog.announce(announcement(canonical).at("2022-01-01T00:00:00Z"));
        String slug = Slugs.of(canonical);
        awaitModel(slug, 1);
        catalog.announce(announcement("gpt 3 " + m).at("2022-01-02T00:00:00Z"));
        catalog.announce(announcement("ＧＰＴ３ " + m).at("2022-01-03T00:00:00Z"));
        awaitModel(slug, 3);
        when().get("/api/v1/models/" + slug).then().body("aliases", containsInAnyOrder("GPT-3 " + m, "gpt 3 " + m));

        // What ingest answered for "ＧＰＴ３ ..." (Slugs.of, the same code) redirects, on the API and on the dashboard.
        String answered = Slugs.of("ＧＰＴ３ " + m);
        assertThat(answered).isNotEqualTo(slug);
        given().redirects().follow(false).when().get("/api/v1/models/" + answered).then().statusCode(308)
                .header("Location", endsWith("/api/v1/models/" + slug));
        given().redirects().follow(false).when().get("/models/" + answered).then().statusCode(308)
                .header("Location", endsWith("/models/" + slug));
        when().get("/api/v1/models/" + answered).then().statusCode(200).body("slug", equalTo(slug));

        // A Chinese/English alias is the curated alias table's: its slug redirects too.
        String alias = "文心一言 " + m;
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", alias))
                .when().post("/api/v1/models/" + slug + "/aliases").then().statusCode(200);
        catalog.announce(announcement(alias).at("2022-01-04T00:00:00Z"));
        awaitModel(slug, 4);
        given().redirects().follow(false).when().get("/api/v1/models/" + Slugs.of(alias)).then().statusCode(308)
                .header("Location", endsWith("/api/v1/models/" + slug));

        // A merged-away slug, and the spellings that led to it, lead to the survivor.
        String other = "Generative Pretrained Transformer 3 " + m;
        catalog.announce(announcement(other));
        awaitModel(Slugs.of(other), 1);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("into", slug))
                .when().post("/api/v1/models/" + Slugs.of(other) + "/merge").then().statusCode(200);
        given().redirects().follow(false).when().get("/api/v1/models/" + Slugs.of(other)).then().statusCode(308)
                .header("Location", endsWith("/api/v1/models/" + slug));
        given().redirects().follow(false).when().get("/api/v1/models/" + Slugs.of("generative_pretrained_transformer_3 " + m))
                .then().statusCode(308).header("Location", endsWith("/api/v1/models/" + slug));
        when().get("/api/v1/models/" + Slugs.of("GPT-4 " + m)).then().statusCode(404);
    }

    @Test
    void closeNamesAreSuggestedToCuratorsUntilDismissed() {
        String m = marker();
        String sam = "Segment Anything " + m + " (SAM)";
        String plain = "Segment Anything " + m;
        String typo = "Chinchila " + m;
        String right = "Chinchilla " + m;
        String vision = "data2vec " + m + " (vision)";
        String speech = "data2vec " + m + " (speech)";
        List.of(sam, plain, typo, right, vision, speech).forEach(n -> catalog.announce(announcement(n)));
        List.of(sam, plain, typo, right, vision, speech).forEach(n -> awaitModel(Slugs.of(n), 1));
        assertThat(Slugs.of(sam)).isEqualTo("segment-anything-" + m + "-sam"); // what ingest answers is the entry

        given().when().get("/api/v1/duplicates").then().statusCode(401).contentType("application/problem+json");
        Map<String, String> reasons = suggested(m);
        assertThat(reasons).containsEntry(Slugs.of(plain) + " " + Slugs.of(sam), "same name without its parentheses")
                .containsEntry(Slugs.of(typo) + " " + Slugs.of(right), "names 1 character apart")
                .doesNotContainKey(Slugs.of(speech) + " " + Slugs.of(vision));

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("first", Slugs.of(sam), "second", Slugs.of(plain)))
                .when().post("/api/v1/duplicates/dismissals").then().statusCode(200).body("alreadyDismissed", equalTo(false));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("first", Slugs.of(plain), "second", Slugs.of(sam)))
                .when().post("/api/v1/duplicates/dismissals").then().statusCode(200).body("alreadyDismissed", equalTo(true));
        assertThat(suggested(m)).doesNotContainKey(Slugs.of(plain) + " " + Slugs.of(sam))
                .containsKey(Slugs.of(typo) + " " + Slugs.of(right));

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("first", Slugs.of(sam)))
                .when().post("/api/v1/duplicates/dismissals").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("first", Slugs.of(sam), "second", "no-such-" + m))
                .when().post("/api/v1/duplicates/dismissals").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", ADMIN).queryParam("limit", "0").when().get("/api/v1/duplicates").then().statusCode(400)
                .contentType("application/problem+json");
        // Merging a suggestion is the admin merge; afterwards the pair is one entry and no longer suggested.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("into", Slugs.of(right)))
                .when().post("/api/v1/models/" + Slugs.of(typo) + "/merge").then().statusCode(200);
        assertThat(suggested(m)).doesNotContainKey(Slugs.of(typo) + " " + Slugs.of(right));
    }

    /** This test's suggestions: "first-slug second-slug" -> reason. */
    private static Map<String, String> suggested(String marker) {
        JsonPath page = given().header("Authorization", ADMIN).queryParam("limit", 1000).when().get("/api/v1/duplicates")
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> reasons = new java.util.HashMap<>();
        List<Map<String, Object>> items = page.getList("items");
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            String first = ((Map<String, String>) item.get("first")).get("slug");
            @SuppressWarnings("unchecked")
            String second = ((Map<String, String>) item.get("second")).get("slug");
            if (first.contains(marker) && second.contains(marker)) {
                reasons.put(first + " " + second, (String) item.get("reason"));
                assertThat((Float) item.get("score")).isBetween(0f, 1f);
            }
        }
        return reasons;
    }
}
