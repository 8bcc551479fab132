package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a reader receives cannot be turned against them: a review whose model and organisation names hold Markdown and
 * HTML renders them inert in every output form (HTML page, Markdown as a client renders it, text, e-mail, SVG, Atom);
 * every digest page carries CSP and frame headers; every link in every form opens the dashboard's model page or a page
 * of this service, and each is followed.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ReviewOutputSafetyTest {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    static final String LINK_NAME = "[x](javascript:alert(1))";
    static final String HTML_NAME = "<img src=x onerror=alert(2)><script>alert(3)</script>";
    static final String DASHBOARD_MODEL = "http://localhost:8082/models/";

    @Inject
    ReadModelProjector projector;

    @Inject
    DigestService digests;

    @Inject
    DigestPublisher publisher;

    @Inject
    ReviewRenderer renderer;

    /**
     * The demo catalog, which the 2022 mid-year reviews below are made of, loaded as the consumer would (applying it again
     * changes nothing): the test does not rely on another test class having loaded it.
     */
    @org.junit.jupiter.api.BeforeEach
    void loadDemo() {
        for (ModelChanged m : MidYearReviewTest.DEMO) {
            projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        }
    }

    @SuppressWarnings("unchecked")
    private ModelChanged hostile(int year, String name, String day) {
        ModelChanged t0 = DemoCatalog.snapshots("-" + UUID.randomUUID()).stream().filter(m -> m.name().equals("T0"))
                .findFirst().orElseThrow();
        Map<String, Object> json = JSON.convertValue(t0, Map.class);
        json.put("name", name);
        json.put("published", year + "-" + day);
        json.put("organizations", List.of(Map.of("name", "Evil <b>Org</b> [y](javascript:alert(4))", "country", "CN")));
        json.put("summary", Map.of("en", "**bold** <i>html</i> [z](javascript:alert(5))"));
        ModelChanged m = JSON.convertValue(json, ModelChanged.class);
        projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        return m;
    }

    @Test
    void namesHoldingMarkdownAndHtmlAreInertInEveryOutputForm() throws Exception {
        int year = UniqueYears.next();
        hostile(year, LINK_NAME, "03-01");
        hostile(year, HTML_NAME, "04-01");
        Period period = Period.parse(ReviewKind.YEARLY, String.valueOf(year));
        List<Digest> published = publisher.publish(period);
        assertThat(published).hasSize(2);
        for (Digest d : published) {
            String md = d.markdown();
            String mdHtml = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
            assertInert("markdown " + d.language(), Jsoup.parse(mdHtml));
            // Only escaped forms remain: no unescaped link, image or tag.
            assertThat(md).doesNotContainPattern("(?<!\\\\)\\]\\(javascript").doesNotContainPattern("(?<!\\\\)<(img|script)");
            assertThat(d.text()).contains(LINK_NAME).contains(HTML_NAME);
            Document page = Jsoup.parse(given().get("/digests/" + d.id()).then().statusCode(200).extract().asString());
            assertInert("page " + d.language(), page);
            assertThat(page.text()).contains(LINK_NAME).contains("<img src=x onerror=alert(2)>");
            assertInert("e-mail " + d.language(), Jsoup.parse(renderer.render(d, ReviewRenderer.Format.EMAIL)));
            Document svg = Jsoup.parse(renderer.render(d, ReviewRenderer.Format.SVG), "", org.jsoup.parser.Parser.xmlParser());
            assertInert("svg " + d.language(), svg);
            String atom = given().get("/digests/feed.atom?kind=yearly&language=" + d.language().tag()).then().statusCode(200)
                    .extract().asString();
            SyndFeed feed = new SyndFeedInput().build(new StringReader(atom));
            SyndEntry entry = feed.getEntries().stream().filter(e -> e.getUri().equals("urn:uuid:" + d.id())).findFirst().orElseThrow();
            assertInert("atom " + d.language(), Jsoup.parse(entry.getContents().get(0).getValue()));
        }
    }

    private static void assertInert(String form, Document doc) {
        assertThat(doc.select("script, img, iframe, object, embed")).as(form).isEmpty();
        for (Element e : doc.getAllElements()) {
            e.attributes().forEach(a -> {
                assertThat(a.getKey()).as(form + " attribute").doesNotStartWith("on");
                assertThat(a.getValue().toLowerCase().strip()).as(form + " " + a.getKey()).doesNotStartWith("javascript:");
            });
        }
    }

    @Test
    void everyDigestPageCarriesCspAndFrameHeaders() {
        Digest d = digests.compose(UUID.randomUUID(), Period.parse(ReviewKind.MID_YEAR, "2022"), 1, Language.EN, Instant.now());
        String id = given().contentType("application/json").body("{\"kind\": \"mid-year\", \"period\": \"2022\"}")
                .post("/api/v1/digests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
        for (String path : List.of("/digests", "/digests/" + id, "/digests/" + id + "/email", "/digests/" + id + "/timeline.svg",
                "/subscribe")) {
            Response r = given().get(path).then().extract().response();
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'")
                    .contains("default-src 'none'").doesNotContain("script-src");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        assertThat(d.title()).isEqualTo("2022 mid-year review");
    }

    static final Pattern HREF = Pattern.compile("(?:href=\"|\\]\\(|\\n  )(https?://[^\"\\s)]+|/[^\"\\s)]*)");

    /** Every link of every form of a generated review, followed: a dashboard model page of a known model, or a 200 here. */
    @Test
    void everyLinkOfEveryFormOpensAPage() {
        for (String language : List.of("en", "zh-CN")) {
            String id = given().contentType("application/json")
                    .body("{\"kind\": \"mid-year\", \"period\": \"2022\", \"language\": \"" + language + "\"}")
                    .post("/api/v1/digests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
            Digest d = digests.find(UUID.fromString(id)).orElseThrow();
            List<String> forms = List.of(d.markdown(), d.text(), renderer.render(d, ReviewRenderer.Format.EMAIL),
                    renderer.render(d, ReviewRenderer.Format.SVG),
                    given().get("/digests/" + id).then().statusCode(200).extract().asString());
            List<String> links = new ArrayList<>();
            for (String form : forms) {
                Matcher m = HREF.matcher(form);
                while (m.find()) {
                    links.add(m.group(1).replace("&amp;", "&"));
                }
            }
            assertThat(links).as(language).hasSizeGreaterThan(50);
            for (String link : links) {
                assertThat(link).as(language).doesNotContain("/api/v1/models");
                if (link.equals(Credits.EPOCH_AI_LICENCE)) {
                    // The one page outside modelwatch: the licence that Epoch AI's credit line must link to.
                    continue;
                }
                if (link.startsWith(DASHBOARD_MODEL)) {
                    String slug = java.net.URLDecoder.decode(link.substring(DASHBOARD_MODEL.length()), java.nio.charset.StandardCharsets.UTF_8);
                    // The dashboard's model page: /models/{slug} (catalog-service DashboardPages), for a model the catalog holds.
                    assertThat(slug).as(link).matches("[a-z0-9][a-z0-9-]*");
                    assertThat(digests.model(slug)).as(link).isPresent();
                } else {
                    assertThat(link).as(language).startsWith("/");
                    given().get(link).then().statusCode(200);
                }
            }
        }
    }
}
