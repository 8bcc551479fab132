package io.modelwatch.digest.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.mail.MailSender;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.DeliveryRepository;
import io.modelwatch.digest.store.DigestRecordRepository;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The mid-year review (the twelve months to 30 June) as a subscription: offered by the API and the form in both
 * languages, published once a year after 30 June by the scheduler, once however many replicas run it, mailed to its
 * subscribers only, and neither published nor mailed for a twelvemonth without releases.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@Tag("integration")
class MidYearSubscriptionTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DigestPublisher publisher;

    @Inject
    ReadModelProjector projector;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DigestRecordRepository records;

    @Inject
    MailSender sender;

    Subscriber confirmed(String who, String language, Frequency frequency) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Mails.confirmed(Mails.address(who), language, frequency);
            subscribers.persist(s);
            return s;
        });
    }

    long digestMails(Subscriber s) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.count("type = 'digest' and subscriberId = ?1", s.id));
    }

    long rows(Period period, String language) {
        return QuarkusTransaction.requiringNew().call(() -> records.count("kind = ?1 and periodKey = ?2 and language = ?3",
                period.kind().tag(), period.key(), language));
    }

    @Test
    void theApiAndTheFormOfferTheMidYearReviewInBothLanguages() {
        given().contentType(ContentType.JSON).body(Map.of("email", Mails.address("midyear-api"), "language", "zh-CN",
                "frequency", "mid-year")).when().post("/api/v1/subscriptions").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("email", Mails.address("midyear-bad"), "frequency", "biennial"))
                .when().post("/api/v1/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("frequency"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("mid-year"));

        Document en = Jsoup.parse(given().when().get("/subscribe?lang=en").then().statusCode(200).extract().asString());
        assertThat(en.select("select[name=frequency] option[value=mid-year]").text()).isEqualTo("Mid-year (once a year, July to June)");
        Document zh = Jsoup.parse(given().when().get("/subscribe?lang=zh-CN").then().statusCode(200).extract().asString());
        assertThat(zh.select("select[name=frequency] option[value=mid-year]").text()).isEqualTo("年中回顾（每年一期，上年 7 月至当年 6 月）");

        // The form subscribes to it, and keeps the choice when it sends the form back with an error.
        String address = Mails.address("midyear-form");
        given().formParam("lang", "zh-CN").formParam("email", address).formParam("language", "zh-CN").formParam("frequency", "mid-year")
                .when().post("/subscribe").then().statusCode(200);
        Subscriber made = QuarkusTransaction.requiringNew().call(() -> subscribers.find("emailKey", address.toLowerCase(java.util.Locale.ROOT))
                .firstResult());
        assertThat(made.frequency).isEqualTo("mid-year");
        Document again = Jsoup.parse(given().formParam("lang", "en").formParam("email", "not an address").formParam("frequency", "mid-year")
                .when().post("/subscribe").then().statusCode(400).extract().asString());
        assertThat(again.select("select[name=frequency] option[selected]").attr("value")).isEqualTo("mid-year");
    }

    /** The production schedule fires on 1 July, the first day after the period, and on no other day of the year. */
    @Test
    void theScheduleFiresOnceAYearOnTheFirstOfJuly() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String cron = properties.getProperty("modelwatch.digest.schedule.mid-year");
        ExecutionTime schedule = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ)).parse(cron));
        ZonedDateTime at = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        List<ZonedDateTime> fires = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            at = schedule.nextExecution(at).orElseThrow();
            fires.add(at);
        }
        assertThat(fires).containsExactly(ZonedDateTime.of(2025, 7, 1, 6, 0, 0, 0, ZoneOffset.UTC),
                ZonedDateTime.of(2026, 7, 1, 6, 0, 0, 0, ZoneOffset.UTC), ZonedDateTime.of(2027, 7, 1, 6, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void theSchedulerPublishesTheMidYearReviewOnceAndMailsItsSubscribersOnly() throws Exception {
        int year = UniqueYears.next();
        // September of the year before: inside the twelve months to 30 June of `year`, outside the calendar year.
        Mails.model(projector, "Gato", (year - 1) + "-09-15");
        Subscriber midYearEn = confirmed("midyear-en-" + year, "en", Frequency.MID_YEAR);
        Subscriber midYearZh = confirmed("midyear-zh-" + year, "zh-CN", Frequency.MID_YEAR);
        Subscriber yearly = confirmed("midyear-yearly-" + year, "en", Frequency.YEARLY);
        Period period = Period.parse(ReviewKind.MID_YEAR, String.valueOf(year));

        // Three replicas' triggers on 1 July at once, and their catch-ups: one review per language, one mail per subscriber.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Digest>>> runs = new ArrayList<>();
        for (int replica = 0; replica < 3; replica++) {
            runs.add(pool.submit(() -> publisher.publishDue(ReviewKind.MID_YEAR, LocalDate.of(year, 7, 1))));
            runs.add(pool.submit(() -> publisher.catchUp(ReviewKind.MID_YEAR, LocalDate.of(year, 7, 1))));
        }
        List<Digest> written = new ArrayList<>();
        for (Future<List<Digest>> f : runs) {
            written.addAll(f.get());
        }
        pool.shutdown();
        assertThat(written).extracting(d -> d.period()).containsOnly(String.valueOf(year));
        assertThat(written).extracting(d -> d.language().tag()).containsExactlyInAnyOrder("en", "zh-CN");
        assertThat(rows(period, "en")).isEqualTo(1);
        assertThat(rows(period, "zh-CN")).isEqualTo(1);
        // A later trigger of the same year, or a catch-up within the window, writes nothing more.
        assertThat(publisher.publishDue(ReviewKind.MID_YEAR, LocalDate.of(year, 7, 20))).isEmpty();
        assertThat(publisher.catchUp(ReviewKind.MID_YEAR, LocalDate.of(year, 7, 20))).isEmpty();
        assertThat(digestMails(midYearEn)).isEqualTo(1);
        assertThat(digestMails(midYearZh)).isEqualTo(1);
        assertThat(digestMails(yearly)).as("a yearly subscriber does not get the mid-year review").isZero();

        Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            sender.drain();
            return !Mails.to(greenMail, midYearZh.email).isEmpty() && !Mails.to(greenMail, midYearEn.email).isEmpty();
        });
        MimeMessage zh = Mails.to(greenMail, midYearZh.email).get(0);
        assertThat(zh.getSubject()).contains(year + " 年中回顾");
        assertThat(Mails.to(greenMail, midYearEn.email).get(0).getSubject()).contains(year + " mid-year review");

        // The next twelve months (July of `year` to June of the next, years no other test uses) hold no release:
        // nothing is published, nothing is mailed.
        Period empty = Period.parse(ReviewKind.MID_YEAR, String.valueOf(year + 1));
        assertThat(publisher.publishDue(ReviewKind.MID_YEAR, LocalDate.of(year + 1, 7, 1))).isEmpty();
        assertThat(rows(empty, "en")).isZero();
        assertThat(digestMails(midYearEn)).isEqualTo(1);
    }
}
