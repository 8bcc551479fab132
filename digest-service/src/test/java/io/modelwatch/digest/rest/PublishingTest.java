package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.DigestRecordRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class PublishingTest {

    @Inject
    ReadModelProjector projector;

    @Inject
    DigestPublisher publisher;

    @Inject
    DigestResource api;

    @Inject
    DigestRecordRepository records;

    /** A year no other test uses. */
    static int year() {
        return UniqueYears.next();
    }

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** One demo model (Gato) moved into May of the given year, under a slug of its own, applied to the read model. */
    @SuppressWarnings("unchecked")
    ModelChanged oneModel(int year) {
        ModelChanged gato = DemoCatalog.snapshots("-" + UUID.randomUUID()).stream().filter(m -> m.name().equals("Gato"))
                .findFirst().orElseThrow();
        Map<String, Object> json = JSON.convertValue(gato, Map.class);
        json.put("published", year + "-05-12");
        ModelChanged moved = JSON.convertValue(json, ModelChanged.class);
        projector.apply(UUID.randomUUID().toString(), moved.slug(), moved);
        return moved;
    }

    long rows(Period period, String language) {
        return QuarkusTransaction.requiringNew().call(() -> records.count("kind = ?1 and periodKey = ?2 and language = ?3",
                period.kind().tag(), period.key(), language));
    }

    @Test
    void twoReplicasSchedulersPublishEachPeriodOnce() throws Exception {
        int year = year();
        oneModel(year);
        List<Period> periods = List.of(Period.parse(ReviewKind.YEARLY, String.valueOf(year)),
                Period.parse(ReviewKind.HALF_YEAR, year + "-H1"), Period.parse(ReviewKind.QUARTERLY, year + "-Q2"),
                Period.parse(ReviewKind.MONTHLY, year + "-05"), Period.containing(ReviewKind.WEEKLY, LocalDate.of(year, 5, 12)));
        // Two replicas, each with two scheduler threads firing at once, all against the same database.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Digest>>> runs = new ArrayList<>();
        for (int replica = 0; replica < 4; replica++) {
            Callable<List<Digest>> run = () -> {
                start.await();
                List<Digest> written = new ArrayList<>();
                for (Period p : periods) {
                    // What each trigger computes on the first day after the period: the last completed period.
                    written.addAll(publisher.publishDue(p.kind(), p.to().plusDays(1)));
                }
                return written;
            };
            runs.add(pool.submit(run));
        }
        start.countDown();
        int written = 0;
        for (Future<List<Digest>> f : runs) {
            written += f.get().size();
        }
        pool.shutdown();
        assertThat(written).isEqualTo(periods.size() * 2);
        for (Period p : periods) {
            assertThat(rows(p, "en")).as(p.key()).isEqualTo(1);
            assertThat(rows(p, "zh-CN")).as(p.key()).isEqualTo(1);
        }
        // A later trigger for the same period writes nothing more.
        assertThat(publisher.publish(periods.get(0))).isEmpty();
    }

    /**
     * Schedules that missed their trigger (database down, pods restarting): a catch-up publishes every completed period
     * of the window that has no review yet, once, however many replicas run it; a period without releases is neither
     * published nor mailed.
     */
    @Test
    void aCatchUpPublishesMissedPeriodsOnceAndSkipsEmptyOnes() throws Exception {
        int year = year();
        oneModel(year); // released on May 12: weeks and May have a release, June has none
        LocalDate today = LocalDate.of(year, 7, 3);
        Period may = Period.parse(ReviewKind.MONTHLY, year + "-05");
        Period june = Period.parse(ReviewKind.MONTHLY, year + "-06");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<List<Digest>>> runs = new ArrayList<>();
        for (int replica = 0; replica < 3; replica++) {
            runs.add(pool.submit(() -> publisher.catchUp(ReviewKind.MONTHLY, today)));
        }
        int written = 0;
        for (Future<List<Digest>> f : runs) {
            written += f.get().size();
        }
        pool.shutdown();
        // The window (31 days) reaches back to June only: May ended before it.
        assertThat(rows(june, "en")).isZero();
        assertThat(written).isZero();
        // Ten days after May: May is in the window, published once in each language, on a later tick too.
        LocalDate afterMay = LocalDate.of(year, 6, 10);
        assertThat(publisher.catchUp(ReviewKind.MONTHLY, afterMay)).hasSize(2);
        assertThat(publisher.catchUp(ReviewKind.MONTHLY, afterMay)).isEmpty();
        assertThat(rows(may, "en")).isEqualTo(1);
        assertThat(rows(may, "zh-CN")).isEqualTo(1);
        // Weekly, a week later: the week of May 12 is published, the empty weeks around it are not.
        Period weekOfRelease = Period.containing(ReviewKind.WEEKLY, LocalDate.of(year, 5, 12));
        List<Digest> weeks = publisher.catchUp(ReviewKind.WEEKLY, LocalDate.of(year, 5, 25));
        assertThat(weeks).extracting(Digest::period).containsOnly(weekOfRelease.key());
        assertThat(rows(weekOfRelease, "en")).isEqualTo(1);
        assertThat(rows(weekOfRelease.previous(), "en")).isZero();
    }

    @Test
    void askingForAReviewNeverPublishesThePeriodAndAnUnchangedReviewIsStoredOnce() {
        int year = year();
        Period quarter = Period.parse(ReviewKind.QUARTERLY, year + "-Q3");
        String body = "{\"kind\": \"quarterly\", \"period\": \"" + year + "-Q3\", \"language\": \"en\"}";
        String first = given().contentType(ContentType.JSON).body(body).post("/api/v1/digests").then().statusCode(201)
                .body("kind", org.hamcrest.Matchers.equalTo("quarterly")).body("period", org.hamcrest.Matchers.equalTo(year + "-Q3"))
                .extract().path("id");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/digests").then().statusCode(200)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/digests/" + first))
                    .body("id", org.hamcrest.Matchers.equalTo(first));
        }
        given().get("/api/v1/digests/" + first).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age"));
        // Stored once, as an on-demand review: no version of the scheduled period, nothing in the feed.
        assertThat(rows(quarter, "en")).isZero();
        given().get("/api/v1/digests?kind=quarterly&language=en").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(first)));
        assertThat(given().get("/digests/feed.atom?kind=quarterly&language=en").then().statusCode(200).extract().asString())
                .doesNotContain(first);
    }

    @Test
    void aPeriodThatHasNotEndedIsRefused() {
        int thisYear = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        given().contentType(ContentType.JSON).body("{\"kind\": \"yearly\", \"period\": \"" + thisYear + "\"}")
                .post("/api/v1/digests").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("period"));
        given().contentType(ContentType.JSON).body("{\"from\": \"2022-01-01\", \"to\": \"" + (thisYear + 5) + "-01-01\"}")
                .post("/api/v1/digests").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        given().contentType(ContentType.JSON).body("{\"kind\": \"mid-year\", \"period\": \"" + (thisYear + 1) + "\"}")
                .post("/api/v1/digests").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("period"));
    }

    @Test
    void readersAreLimitedPerClientWithRetryAfter() {
        api.resetLimits(20);
        try {
            String body = "{\"from\": \"1900-01-01\", \"to\": \"1900-01-01\"}";
            for (int i = 0; i < 20; i++) {
                given().contentType(ContentType.JSON).body(body).post("/api/v1/digests").then()
                        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            }
            given().contentType(ContentType.JSON).body(body).post("/api/v1/digests").then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        } finally {
            api.resetLimits(0);
        }
    }

    @Test
    void anEmptyPeriodReadsSensibly() {
        int year = year();
        for (String language : List.of("en", "zh-CN")) {
            JsonPath review = MidYearReviewTest.create("{\"kind\": \"yearly\", \"period\": \"" + year + "\", \"language\": \"" + language + "\"}");
            assertThat(review.getList("review.sections.key", String.class)).containsExactly("framing");
            assertThat(review.getList("releases")).isEmpty();
            String text = review.getString("text");
            if (language.equals("en")) {
                assertThat(review.getString("title")).isEqualTo(year + ": the year in review");
                assertThat(text).contains("No releases were recorded in this period, so there is nothing to review")
                        .doesNotContain("rose").doesNotContain("fell").doesNotContain("NaN").doesNotContain("null");
            } else {
                assertThat(review.getString("title")).isEqualTo(year + " 年度回顾");
                assertThat(text).contains("本期没有收录到任何发布").doesNotContain("null");
            }
        }
    }

    @Test
    void aOneModelPeriodReadsSensibly() {
        int year = year();
        ModelChanged gato = oneModel(year);
        JsonPath en = MidYearReviewTest.create("{\"kind\": \"monthly\", \"period\": \"" + year + "-05\", \"language\": \"en\"}");
        assertThat(en.getString("title")).isEqualTo("Monthly review, May " + year);
        assertThat(en.getString("summary")).isEqualTo("1 release in this period.");
        assertThat(en.getList("review.sections.key", String.class))
                .containsExactly("framing", "timeline", "biggest", "compute", "multimodal", "generalist", "summary");
        assertThat(en.getString("text")).contains("The catalog records 1 release published in the period (0 in the previous one): 1 model, 0 frameworks and 0 applications.")
                .contains("Too little data to compare the number of releases, the median disclosed size")
                // "too little data" said once, and a one-model month never says "100%" more than once.
                .satisfies(t -> assertThat(t.split("(?i)too little data", -1)).hasSize(2))
                .satisfies(t -> assertThat(t.split("100%", -1).length).isLessThanOrEqualTo(2))
                .contains("With so few releases, this review lists them and claims no trend.")
                .contains(gato.name()).contains("1.2B parameters").doesNotContain("rose").doesNotContain("fell");
        JsonPath zh = MidYearReviewTest.create("{\"kind\": \"monthly\", \"period\": \"" + year + "-05\", \"language\": \"zh-CN\"}");
        assertThat(zh.getString("title")).isEqualTo(year + " 年 5 月模型月度回顾");
        assertThat(zh.getString("text")).contains("本期共收录 1 项发布（上一期 0 项），其中模型 1 个、框架 0 个、应用 0 个。")
                .contains("暂不与上一期比较").contains("参数量 12亿");
    }

    @Test
    void theAtomFeedOfPublishedReviewsParsesWithRome() throws Exception {
        int year = year();
        oneModel(year);
        List<Digest> published = publisher.publish(Period.parse(ReviewKind.YEARLY, String.valueOf(year)));
        assertThat(published).hasSize(2);
        String xml = given().when().get("/digests/feed.atom?kind=yearly").then().statusCode(200)
                .contentType("application/atom+xml").extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        // One feed per language: English unless asked, never mixed.
        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertThat(titles).contains(year + ": the year in review").doesNotContain(year + " 年度回顾");
        assertThat(xml).contains("xml:lang=\"en\"");
        SyndEntry entry = feed.getEntries().stream().filter(e -> e.getTitle().equals(year + ": the year in review")).findFirst().orElseThrow();
        // Absolute links from modelwatch.digest.public-url, whatever Host the request names.
        assertThat(entry.getLink()).isEqualTo("http://localhost:8083/digests/" + published.stream()
                .filter(d -> d.language().tag().equals("en")).findFirst().orElseThrow().id());
        assertThat(entry.getUri()).startsWith("urn:uuid:");
        // The full text, not a one-line summary.
        assertThat(entry.getContents()).hasSize(1);
        assertThat(entry.getContents().get(0).getValue()).contains("<h2").contains("1.2B");
        String zhXml = given().header("Host", "attacker.example").when().get("/digests/feed.atom?kind=yearly&language=zh-CN")
                .then().statusCode(200).extract().asString();
        SyndFeed zhFeed = new SyndFeedInput().build(new StringReader(zhXml));
        assertThat(zhXml).contains("xml:lang=\"zh-CN\"").doesNotContain("attacker.example");
        assertThat(zhFeed.getEntries().stream().map(SyndEntry::getTitle).toList())
                .contains(year + " 年度回顾").doesNotContain(year + ": the year in review");
        // On-demand reviews are not published in the feed; the archive filters by kind and language.
        String archive = given().when().get("/digests?kind=yearly&language=zh-CN").then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();
        assertThat(archive).contains(year + " 年度回顾").doesNotContain(year + ": the year in review");
        given().when().get("/digests?kind=fortnightly").then().statusCode(400).contentType("application/problem+json");
    }
}
