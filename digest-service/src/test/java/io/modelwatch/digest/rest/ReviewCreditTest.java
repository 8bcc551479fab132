package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Epoch AI's CC BY credit in every form of a published review (web page, e-mail, Atom entry, Markdown, text) exactly
 * when the review holds a release carrying Epoch's data, and the training-compute section in each form either way.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ReviewCreditTest {

    @Inject
    ReadModelProjector projector;

    @Inject
    DigestPublisher publisher;

    @Inject
    ReviewRenderer renderer;

    private ModelChanged release(int year, String month, double flop, boolean epoch) {
        ModelChanged t0 = DemoCatalog.snapshots("-" + UUID.randomUUID()).stream().filter(m -> m.name().equals("T0"))
                .findFirst().orElseThrow();
        ModelChanged m = t0.withName("Credit test " + t0.slug()).withPublished(PublishedDate.parse(year + "-" + month))
                .withTrainingCompute(new TrainingCompute(flop, null, false, null))
                .withTags(epoch ? List.of("instruction-tuned", Credits.EPOCH_AI_TAG) : List.of("instruction-tuned"));
        projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        return m;
    }

    private static boolean html(String form) {
        return !form.startsWith("markdown") && !form.startsWith("text");
    }

    /** What a reader sees: the text of an HTML form, with each link's target after it; the others as they are. */
    private static String seen(String form, String value) {
        if (!html(form)) {
            return value;
        }
        Document doc = Jsoup.parse(value);
        doc.select("a[href]").forEach(a -> a.appendText(" <" + a.attr("href") + ">"));
        return doc.text();
    }

    /** Every form of each language's published review of the year, by name. */
    private Map<String, String> forms(int year) throws Exception {
        List<Digest> published = publisher.publish(Period.parse(ReviewKind.YEARLY, String.valueOf(year)));
        assertThat(published).hasSize(2);
        Map<String, String> forms = new LinkedHashMap<>();
        for (Digest d : published) {
            String lang = d.language().tag();
            forms.put("markdown " + lang, d.markdown());
            forms.put("text " + lang, d.text());
            forms.put("e-mail " + lang, renderer.render(d, ReviewRenderer.Format.EMAIL));
            forms.put("page " + lang, given().get("/digests/" + d.id()).then().statusCode(200).extract().asString());
            String atom = given().get("/digests/feed.atom?kind=yearly&language=" + lang).then().statusCode(200)
                    .extract().asString();
            SyndFeed feed = new SyndFeedInput().build(new StringReader(atom));
            SyndEntry entry = feed.getEntries().stream().filter(e -> e.getUri().equals("urn:uuid:" + d.id()))
                    .findFirst().orElseThrow();
            forms.put("atom " + lang, entry.getContents().get(0).getValue());
        }
        return forms;
    }

    @Test
    void theCreditLineGoesWithEpochsDataInEveryFormAndOnlyThen() throws Exception {
        int plainYear = UniqueYears.next();
        ModelChanged plainBig = release(plainYear, "03-01", 3e20, false);
        release(plainYear, "05-01", 2e19, false);
        int epochYear = UniqueYears.next();
        release(epochYear, "03-01", 3e20, false);
        ModelChanged epochBig = release(epochYear, "06-01", 4e21, true);

        Map<String, String> plainForms = forms(plainYear);
        for (Map.Entry<String, String> form : plainForms.entrySet()) {
            assertThat(seen(form.getKey(), form.getValue())).as(form.getKey()).contains(plainBig.name())
                    .contains(form.getKey().endsWith("en") ? "Training compute" : "训练算力")
                    .contains("3×10²⁰ FLOP")
                    .doesNotContain("Epoch AI").doesNotContain(Credits.EPOCH_AI_LICENCE).doesNotContain("CC BY");
        }
        // The opening names the frontier; two releases make no trend, so it says nothing of one.
        assertThat(plainForms.get("markdown en"))
                .contains("Of the 2 releases that state their training compute, " + plainBig.name() + " had the largest run: 3×10²⁰ FLOP. ");
        assertThat(plainForms.get("markdown zh-CN"))
                .contains("在本期公开了训练算力的 2 项发布中，" + plainBig.name() + " 的训练算力最大：3×10²⁰ FLOP。");
        List<String> credited = new ArrayList<>();
        for (Map.Entry<String, String> form : forms(epochYear).entrySet()) {
            assertThat(seen(form.getKey(), form.getValue())).as(form.getKey()).contains("4×10²¹ FLOP")
                    .contains(Credits.EPOCH_AI).contains(Credits.EPOCH_AI_LICENCE).contains("CC BY 4.0");
            if (html(form.getKey())) {
                // In HTML the licence's name links to the licence.
                Document html = Jsoup.parse(form.getValue());
                assertThat(html.select("a[href='" + Credits.EPOCH_AI_LICENCE + "']")).as(form.getKey())
                        .singleElement().satisfies(a -> assertThat(a.text()).isEqualTo("CC BY 4.0"));
                assertThat(html.select("a[href$='/models/" + epochBig.slug() + "']")).as(form.getKey()).isNotEmpty();
            }
            credited.add(form.getKey());
        }
        assertThat(credited).hasSize(10);
    }

    /** Ten releases from 2010 on 10^(0.5 · (year − 2010) + 20), and the period's run ten times above that line. */
    @Test
    void aGrowingTrendIsStatedWithItsIntervalDoublingTimeAndTheRunAgainstIt() {
        ModelChanged t0 = DemoCatalog.snapshots().stream().filter(m -> m.name().equals("T0")).findFirst().orElseThrow();
        List<ModelChanged> history = new ArrayList<>();
        for (int year = 2010; year < 2020; year++) {
            history.add(t0.withSlug("line-" + year).withName("Line " + year).withPublished(PublishedDate.parse(year + "-01-01"))
                    .withTags(List.of()).withTrainingCompute(new TrainingCompute(Math.pow(10, 0.5 * (year - 2010) + 20), null, false, null)));
        }
        java.time.LocalDate day = java.time.LocalDate.of(2021, 1, 1);
        ModelChanged run = t0.withSlug("the-run").withName("The Run").withPublished(PublishedDate.parse(day.toString()))
                .withTags(List.of()).withTrainingCompute(new TrainingCompute(10 * Math.pow(10, 0.5 * 11 + 20), null, false, null));
        Period period = Period.parse(ReviewKind.YEARLY, "2021");
        Map<io.modelwatch.contract.Language, String> expected = Map.of(
                io.modelwatch.contract.Language.EN, "Fitted over the 11 releases with known training compute from January 2010 to January 2021, training compute grew ×",
                io.modelwatch.contract.Language.ZH_CN, "按 2010 年 1 月至 2021 年 1 月间公开了训练算力的 11 项发布拟合，训练算力平均每年增至上一年的 ");
        for (io.modelwatch.contract.Language language : List.of(io.modelwatch.contract.Language.EN, io.modelwatch.contract.Language.ZH_CN)) {
            io.modelwatch.digest.review.Review review = new io.modelwatch.digest.review.ReviewBuilder(
                    io.modelwatch.digest.review.ReviewOptions.defaults("http://localhost:8082"))
                    .build(period, List.of(run), List.of(), null, history, language);
            Digest digest = new Digest(UUID.randomUUID(), period.kind(), period.key(), 1, period.from(), period.to(), language,
                    "t", "s", List.of(), null, null, review, java.time.Instant.parse("2022-01-01T00:00:00Z"));
            String md = renderer.render(digest, ReviewRenderer.Format.MARKDOWN);
            io.modelwatch.digest.review.Review.Growth g = review.compute().growth();
            // The run pulls the line up a little: it lies a bit less than ten times above it.
            assertThat(g.largestAgainstTrend()).isBetween(3.0, 10.0);
            assertThat(g.perYearLow()).isGreaterThan(1);
            assertThat(md).as(language.tag()).contains(expected.get(language))
                    .contains(language == io.modelwatch.contract.Language.EN ? "a year (90 % interval ×" : "倍（90% 区间 ")
                    .contains(language == io.modelwatch.contract.Language.EN ? ", doubling every " : "个月翻一番")
                    .contains(language == io.modelwatch.contract.Language.EN ? "The Run's run lies above that trend line: "
                            : "The Run 高于这条趋势线：它的训练算力是趋势线同期水平的 ")
                    .doesNotContain("Epoch AI");
            // The opening paragraph states the frontier and the same factor as the compute section.
            java.util.regex.Matcher opening = java.util.regex.Pattern.compile(language == io.modelwatch.contract.Language.EN
                    ? "Only The Run states its training compute: \\S+ FLOP, ([0-9.]+) times what the compute trend gives for its release date\\."
                    : "本期只有 The Run 公开了训练算力：\\S+ FLOP，是同期趋势线水平的 ([0-9.]+) 倍。").matcher(md);
            java.util.regex.Matcher section = java.util.regex.Pattern.compile(language == io.modelwatch.contract.Language.EN
                    ? "above that trend line: ([0-9.]+) times" : "趋势线同期水平的 ([0-9.]+) 倍。").matcher(md);
            assertThat(opening.find()).as(language.tag() + " opening").isTrue();
            assertThat(section.find()).as(language.tag() + " section").isTrue();
            assertThat(opening.group(1)).isEqualTo(section.group(1));
            assertThat(Double.parseDouble(opening.group(1))).isCloseTo(g.largestAgainstTrend(), org.assertj.core.api.Assertions.withinPercentage(10));
            java.nio.file.Path dir = java.nio.file.Path.of("target/golden");
            try {
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(dir.resolve("growing-compute." + language.tag() + ".md"), md);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
