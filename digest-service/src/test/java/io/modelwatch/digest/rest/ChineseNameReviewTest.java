package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.ModelChangedBuilder;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.parameters.ParameterCountParser;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.ModelViewRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A model's Chinese display name (the contract's nameZh) from the catalog's snapshot to what Chinese readers see: the
 * read model keeps it (column name_zh), the zh-CN review, its e-mail and the zh-CN Atom feed show it before a Chinese
 * alias, the English review keeps the name, and a reference model can be asked for by it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ChineseNameReviewTest {

    @Inject
    ReadModelProjector projector;

    @Inject
    DigestPublisher publisher;

    @Inject
    ModelViewRepository models;

    static ModelChanged model(String name, String nameZh, List<String> aliases, String published, String parameters) {
        return ModelChangedBuilder.builder().slug(io.modelwatch.contract.Slugs.of(name)).revision(1).kind(Kind.MODEL).name(name)
                .nameZh(nameZh).organizations(List.of(new Organization("Huawei", "CN"))).published(PublishedDate.parse(published))
                .parameters(ParameterCountParser.parse(parameters)).modalities(List.of("text")).tasks(List.of()).tags(List.of())
                .announcements(1).firstSeen(Instant.parse("2022-07-01T00:00:00Z")).lastSeen(Instant.parse("2022-07-01T00:00:00Z"))
                .aliases(aliases).build();
    }

    static JsonPath review(String id) {
        return given().accept(ContentType.JSON).when().get("/api/v1/digests/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void chineseReadersSeeTheChineseNameEverywhere() throws Exception {
        int year = UniqueYears.next();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String name = "Pangu " + marker;
        String nameZh = "盘古大模型" + marker;
        String alias = "盘古别名" + marker;
        // Named in Chinese by its nameZh and by an alias: the nameZh wins. The other one has only a Chinese alias. Both
        // smaller than every demo model a reference may be chosen from (MovingReferenceTest reads the whole read model).
        ModelChanged pangu = model(name, nameZh, List.of(alias), year + "-03-10", "2B");
        ModelChanged other = model("Wenxin " + marker, null, List.of("文心别名" + marker), year + "-04-02", "1B");
        for (ModelChanged m : List.of(pangu, other)) {
            projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> models.byNameZh(nameZh).map(v -> v.slug)))
                .as("the read model keeps the Chinese name in its column").contains(pangu.slug());

        Period half = Period.parse(ReviewKind.HALF_YEAR, year + "-H1");
        List<Digest> published = publisher.publish(half);
        assertThat(published).hasSize(2);
        Digest zh = published.stream().filter(d -> d.language().tag().equals("zh-CN")).findFirst().orElseThrow();
        Digest en = published.stream().filter(d -> d.language().tag().equals("en")).findFirst().orElseThrow();

        JsonPath zhReview = review(zh.id().toString());
        assertThat(zhReview.getList("review.sections.entries.flatten().findAll { it.slug == '" + pangu.slug() + "' }.nameShown",
                String.class)).isNotEmpty().containsOnly(nameZh);
        assertThat(zhReview.getList("review.sections.entries.flatten().findAll { it.slug == '" + other.slug() + "' }.nameShown",
                String.class)).as("without a nameZh, the Chinese alias").isNotEmpty().containsOnly("文心别名" + marker);
        String markdown = given().when().get("/api/v1/digests/" + zh.id() + ".md").then().statusCode(200).extract().asString();
        assertThat(markdown).contains(nameZh).doesNotContain(alias).doesNotContain(name);
        String mail = given().when().get("/digests/" + zh.id() + "/email").then().statusCode(200).extract().asString();
        assertThat(mail).contains(nameZh).doesNotContain(alias);

        String enMarkdown = given().when().get("/api/v1/digests/" + en.id() + ".md").then().statusCode(200).extract().asString();
        assertThat(enMarkdown).contains(name).doesNotContain(nameZh);

        String xml = given().when().get("/digests/feed.atom?kind=half-year&language=zh-CN").then().statusCode(200).extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        SyndEntry entry = feed.getEntries().stream().filter(e -> e.getUri().equals("urn:uuid:" + zh.id())).findFirst().orElseThrow();
        assertThat(entry.getContents().get(0).getValue()).contains(nameZh).doesNotContain(alias);

        // Asked for by its Chinese name, the reference is this model, named in Chinese in a Chinese review.
        String id = given().contentType(ContentType.JSON)
                .body("{\"kind\": \"half-year\", \"period\": \"" + year + "-H1\", \"language\": \"zh-CN\", \"reference\": \"" + nameZh + "\"}")
                .when().post("/api/v1/digests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
        JsonPath asked = review(id);
        assertThat(asked.getString("review.reference.slug")).isEqualTo(pangu.slug());
        assertThat(asked.getString("review.reference.name")).isEqualTo(nameZh);
    }
}
