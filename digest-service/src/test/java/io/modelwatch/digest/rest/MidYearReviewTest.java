package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Golden tests on the demo data (July 2021 to June 2022, the releases the reference article names): the review of the
 * article's twelve months and the half-year "mid-year review" of January–June 2022, in English and Chinese.
 *
 * <p>{@link #theReviewsMatchTheirGoldenFiles} compares the Markdown, plain text, e-mail HTML and timeline SVG of both
 * reviews in both languages byte for byte with {@code src/test/resources/golden/}. To change them on purpose:
 * {@code mvn -B -o -pl digest-service verify -Dtest=MidYearReviewTest -Dgolden.update=true}, then read the diff.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class MidYearReviewTest {

    static final List<ModelChanged> DEMO = DemoCatalog.snapshots();
    static final Pattern CATALOG_LINK = Pattern.compile("http://localhost:8082/models/([^)\\s\"<\\\\]+)");

    @Inject
    DigestService digests;

    @Inject
    ReadModelProjector projector;

    @Inject
    ReviewRenderer renderer;

    /** Loads the demo catalog as the consumer would (revision 1 of each; applying it again changes nothing). */
    @BeforeEach
    void loadDemo() {
        for (ModelChanged m : DEMO) {
            projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        }
    }

    static JsonPath create(String body) {
        String id = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/digests")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
        return given().accept(ContentType.JSON).when().get("/api/v1/digests/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath articleYear(String language) {
        return create("{\"from\": \"2021-07-01\", \"to\": \"2022-06-30\", \"language\": \"" + language + "\"}");
    }

    static List<String> names(JsonPath review, String section) {
        return review.getList("review.sections.find { it.key == '" + section + "' }.entries.name", String.class);
    }

    static Map<String, Object> entry(JsonPath review, String section, String name) {
        return review.getMap("review.sections.find { it.key == '" + section + "' }.entries.find { it.name == '" + name + "' }");
    }

    static final List<String> ORDER = List.of("framing", "timeline", "biggest", "compute", "smaller", "multimodal", "generalist",
            "retrieval-tools", "china", "open", "applications", "frameworks", "summary");

    /** Fixed id and time, so the rendered forms are the same on every run. */
    static final UUID GOLDEN_ID = UUID.fromString("00000000-0000-4000-8000-000000002022");
    static final Instant GOLDEN_TIME = Instant.parse("2022-07-01T06:00:00Z");

    @Test
    void theReviewsMatchTheirGoldenFiles() {
        Map<String, Period> periods = new LinkedHashMap<>();
        periods.put("mid-year-2022", Period.parse(ReviewKind.MID_YEAR, "2022"));
        periods.put("half-year-2022-H1", Period.parse(ReviewKind.HALF_YEAR, "2022-H1"));
        for (Map.Entry<String, Period> p : periods.entrySet()) {
            for (Language language : List.of(Language.EN, Language.ZH_CN)) {
                Digest digest = digests.compose(GOLDEN_ID, p.getValue(), 1, language, GOLDEN_TIME);
                String name = p.getKey() + "." + language.tag();
                GoldenFiles.assertMatches(name + ".md", digest.markdown());
                GoldenFiles.assertMatches(name + ".txt", digest.text());
                GoldenFiles.assertMatches(name + ".email.html", renderer.render(digest, ReviewRenderer.Format.EMAIL));
                GoldenFiles.assertMatches(name + ".timeline.svg", renderer.render(digest, ReviewRenderer.Format.SVG));
            }
        }
    }

    @Test
    void theArticlesTwelveMonthsInBothLanguages() throws Exception {
        for (String language : List.of("en", "zh-CN")) {
            JsonPath review = articleYear(language);
            // Kept for people to read: target/golden/article-year.<language>.{md,html}
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/golden"));
            java.nio.file.Files.writeString(dir.resolve("article-year." + language + ".md"), review.getString("markdown"));
            java.nio.file.Files.writeString(dir.resolve("article-year." + language + ".html"),
                    given().when().get("/digests/" + review.getString("id")).then().extract().asString());
            assertThat(review.getList("review.sections.key", String.class)).as(language).containsExactlyElementsOf(ORDER);
            assertThat(names(review, "china")).contains("Pangu", "Mengzi", "ERNIE 3.0", "M6-10T");
            assertThat(names(review, "multimodal")).contains("DALL·E 2", "Imagen", "NÜWA");
            assertThat(names(review, "generalist")).containsExactlyInAnyOrder("Gato", "VPT");
            assertThat(names(review, "smaller")).containsExactly("FLAN", "T0", "RETRO");
            assertThat(entry(review, "smaller", "T0")).containsEntry("relative", "1/16");
            assertThat(entry(review, "smaller", "RETRO")).containsEntry("relative", "1/25");
            assertThat(entry(review, "smaller", "FLAN")).containsEntry("parametersShown", language.equals("en") ? "137B" : "1,370亿");
            assertThat(names(review, "applications")).containsExactly("GitHub Copilot");
            assertThat(names(review, "frameworks")).contains("Megatron-DeepSpeed", "Colossal-AI", "T5X");
            assertThat(names(review, "open")).contains("OPT", "GPT-NeoX-20B", "T0");
            assertThat(entry(review, "china", "Pangu")).containsEntry("parametersShown", language.equals("en") ? "undisclosed" : "未公开")
                    .containsEntry("parameters", null);
        }
    }

    @Test
    void countsAndSharesAreTheCatalogsOwn() {
        JsonPath review = articleYear("en");
        LocalDate from = LocalDate.of(2021, 7, 1);
        LocalDate to = LocalDate.of(2022, 6, 30);
        List<ModelChanged> inPeriod = DemoCatalog.between(DEMO, from, to);
        List<ModelChanged> models = inPeriod.stream().filter(m -> m.kind() == io.modelwatch.contract.Kind.MODEL).toList();
        assertThat(review.getList("review.figures.releases.slugs", String.class))
                .containsExactlyInAnyOrderElementsOf(inPeriod.stream().map(ModelChanged::slug).toList());
        assertThat(review.getList("releases.slug", String.class)).hasSize(inPeriod.size());
        List<String> open = models.stream().filter(m -> m.accessibility() != null && m.accessibility().openWeights())
                .map(ModelChanged::slug).toList();
        assertThat(review.getList("review.figures.open.slugs", String.class)).containsExactlyInAnyOrderElementsOf(open);
        assertThat(review.getString("review.figures.open.shown")).isEqualTo(Math.round(100.0 * open.size() / models.size()) + "%");
        assertThat(review.getString("review.figures.open.query"))
                .isEqualTo("http://localhost:8082/api/v1/models?from=2021-07-01&to=2022-06-30&kind=model"
                        + "&accessibility=open-weights-unrestricted&accessibility=open-weights-restricted"
                        + "&accessibility=open-weights-noncommercial");
        List<String> china = models.stream().filter(m -> m.organizations().stream().anyMatch(o -> "CN".equals(o.country())))
                .map(ModelChanged::slug).toList();
        assertThat(review.getList("review.figures.china.slugs", String.class)).containsExactlyInAnyOrderElementsOf(china);
        // Undisclosed sizes are left out of the median, and the text says how many.
        List<String> undisclosed = models.stream().filter(m -> m.parameters() == null).map(ModelChanged::slug).toList();
        assertThat(undisclosed).containsExactlyInAnyOrder("pangu", "imagen");
        assertThat(review.getList("review.figures.median.excluded", String.class)).containsExactlyInAnyOrderElementsOf(undisclosed);
        assertThat(review.getString("text")).contains("2 models with an undisclosed size are left out")
                .contains("T0").contains("11B parameters, 1/16 of GPT-3").contains("7B parameters, 1/25 of GPT-3")
                .contains("137B parameters, 4/5 of GPT-3").doesNotContain(" 0 parameters");
    }

    @Test
    void everyLinkedSlugExistsInTheCatalog() {
        for (String language : List.of("en", "zh-CN")) {
            JsonPath review = articleYear(language);
            String id = review.getString("id");
            Set<String> slugs = new HashSet<>();
            for (String text : List.of(review.prettify(), review.getString("markdown"), review.getString("text"),
                    given().when().get("/digests/" + id).then().statusCode(200).extract().asString())) {
                Matcher m = CATALOG_LINK.matcher(text);
                while (m.find()) {
                    slugs.add(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
                }
            }
            assertThat(slugs).hasSizeGreaterThan(20);
            for (String slug : slugs) {
                assertThat(digests.model(slug)).as("catalog entry " + slug).isPresent();
            }
        }
    }

    @Test
    void theMidYearReviewIsTheArticlesTwelveMonths() {
        for (String language : List.of("en", "zh-CN")) {
            JsonPath midYear = create("{\"kind\": \"mid-year\", \"period\": \"2022\", \"language\": \"" + language + "\"}");
            assertThat(midYear.getString("title")).isEqualTo(language.equals("en") ? "2022 mid-year review" : "2022 年中回顾");
            assertThat(midYear.getString("kind")).isEqualTo("mid-year");
            assertThat(midYear.getString("period")).isEqualTo("2022");
            assertThat(midYear.getString("from")).isEqualTo("2021-07-01");
            assertThat(midYear.getString("to")).isEqualTo("2022-06-30");
            assertThat(midYear.getList("releases.name", String.class)).contains("ERNIE 3.0", "Mengzi", "Zidong Taichu",
                    "FLAN", "T0", "RETRO", "M6-10T", "NÜWA", "WebGPT");
        }
    }

    @Test
    void theReviewSaysWhichReferenceItUses() {
        Digest midYear = digests.compose(GOLDEN_ID, Period.parse(ReviewKind.MID_YEAR, "2022"), 1, Language.EN, GOLDEN_TIME);
        assertThat(midYear.review().reference().name()).isEqualTo("GPT-3");
        assertThat(midYear.text()).contains("Sizes are measured against GPT-3 (175B).");
    }

    /** A reader can ask for another yardstick: the review measures against it and says so; a model the catalog lacks is a 400. */
    @Test
    void aReviewAskedForWithAnotherReferenceMeasuresAgainstIt() {
        for (String asked : List.of("Megatron-Turing NLG", "megatron-turing-nlg")) {
            JsonPath review = create("{\"kind\": \"mid-year\", \"period\": \"2022\", \"reference\": \"" + asked + "\"}");
            assertThat(review.getString("review.reference.name")).isEqualTo("Megatron-Turing NLG");
            assertThat(review.getString("markdown")).contains("Sizes are measured against Megatron-Turing NLG (530B).")
                    .doesNotContain("Sizes are measured against GPT-3");
        }
        // and the default again when none is asked for
        assertThat(create("{\"kind\": \"mid-year\", \"period\": \"2022\"}").getString("review.reference.name")).isEqualTo("GPT-3");
        for (String unknown : List.of("No Such Model", "", "x".repeat(5000))) {
            given().contentType(ContentType.JSON).body(java.util.Map.of("kind", "mid-year", "period", "2022", "reference", unknown))
                    .post("/api/v1/digests").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("reference"));
        }
    }

    @Test
    void theHalfYearReviewOfTheFirstHalf() {
        JsonPath en = create("{\"kind\": \"half-year\", \"period\": \"2022-H1\", \"language\": \"en\"}");
        assertThat(en.getString("title")).isEqualTo("First half of 2022 in review");
        assertThat(en.getString("period")).isEqualTo("2022-H1");
        assertThat(en.getString("from")).isEqualTo("2022-01-01");
        assertThat(en.getString("to")).isEqualTo("2022-06-30");
        assertThat(names(en, "china")).contains("Pangu");
        assertThat(names(en, "multimodal")).contains("DALL·E 2", "Imagen");
        assertThat(names(en, "generalist")).containsExactlyInAnyOrder("Gato", "VPT");
        assertThat(en.getString("text")).contains("The median disclosed size fell from 11B to 2.35B.")
                .contains("Fewer releases than in the previous period: 10, against 13.");
        JsonPath zh = create("{\"kind\": \"half-year\", \"period\": \"2022-H1\", \"language\": \"zh-CN\"}");
        assertThat(zh.getString("title")).isEqualTo("2022 年上半年回顾");
        assertThat(zh.getString("text")).contains("参数量中位数从 110亿 降至 23.5亿")
                .contains("发布数量有所减少，从 13 项降至 10 项。").contains("国内大模型").contains("未公开")
                // Chinese throughout: no English words of the bundle leak into the Chinese review.
                .doesNotContain("undisclosed").doesNotContain("parameters").doesNotContain("China")
                .doesNotContain("release").doesNotContain("review");
    }

    @Test
    void theWebPageHasTheSectionsInOrderAndTheTimelineFigure() {
        String id = articleYear("zh-CN").getString("id");
        Document page = Jsoup.parse(given().when().get("/digests/" + id).then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString());
        assertThat(page.select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.select("h2").eachAttr("id")).containsExactlyElementsOf(ORDER);
        assertThat(page.select("h2#china").text()).isEqualTo("国内大模型");
        Element svg = page.selectFirst("figure svg");
        assertThat(svg).isNotNull();
        // Chinese names in the Chinese review (the article writes 盘古, 孟子, 紫东太初).
        assertThat(svg.select("text").eachText()).contains("盘古", "孟子", "紫东太初", "Gato");
        assertThat(given().when().get("/digests/" + id + "/timeline.svg").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString()).startsWith("<svg");
    }

    @Test
    void theEmailHasNoScriptAndNoExternalResources() {
        for (String language : List.of("en", "zh-CN")) {
            String id = articleYear(language).getString("id");
            String html = given().when().get("/digests/" + id + "/email").then().statusCode(200).extract().asString();
            Document mail = Jsoup.parse(html);
            assertThat(mail.select("script")).isEmpty();
            assertThat(mail.select("link, img[src^=http], iframe, object, embed, style")).isEmpty();
            assertThat(mail.select("[src]")).isEmpty();
            assertThat(html).doesNotContain("url(").doesNotContain("@import").doesNotContain("javascript:");
            // No inline SVG (Gmail and Outlook do not render it): no picture in the mail.
            assertThat(mail.select("svg, img")).isEmpty();
            assertThat(mail.select("h2").first().attr("style")).contains("font-size");
        }
    }

    @Test
    void markdownAndPlainTextByExtensionAndByAccept() {
        String id = articleYear("en").getString("id");
        String md = given().when().get("/api/v1/digests/" + id + ".md").then().statusCode(200)
                .contentType("text/markdown").extract().asString();
        assertThat(md).startsWith("# Review of 2021-07-01 to 2022-06-30").contains("## China's models")
                .contains("- [T0](http://localhost:8082/models/t0)");
        assertThat(given().accept("text/markdown").when().get("/api/v1/digests/" + id).then().statusCode(200)
                .extract().asString()).isEqualTo(md);
        String txt = given().accept("text/plain").when().get("/api/v1/digests/" + id).then().statusCode(200)
                .contentType("text/plain").extract().asString();
        assertThat(txt).startsWith("Review of 2021-07-01 to 2022-06-30").doesNotContain("](");
    }
}
