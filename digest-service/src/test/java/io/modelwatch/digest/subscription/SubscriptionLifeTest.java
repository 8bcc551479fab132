package io.modelwatch.digest.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.mail.MailSender;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.DeliveryRepository;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a subscription against a real SMTP server: subscribe, confirmation mail, confirm with its link,
 * welcome mail, a review published and received with the right headers and language, preferences changed through the
 * link in that mail, one-click unsubscribe by POST, and no mail after that.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@Tag("integration")
class SubscriptionLifeTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    MailSender sender;

    @Inject
    DigestPublisher publisher;

    @Inject
    ReadModelProjector projector;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    DeliveryRepository deliveries;

    /** Runs the sender until the address has received {@code count} mails; returns them in arrival order. */
    List<MimeMessage> awaitMails(String address, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            sender.drain();
            return Mails.to(greenMail, address).size() >= count;
        });
        List<MimeMessage> mails = Mails.to(greenMail, address);
        assertThat(mails).hasSize(count);
        return mails;
    }

    Document page(Response response) {
        return Jsoup.parse(response.asString());
    }

    @Test
    void subscribeConfirmWelcomeReceiveChangePreferencesUnsubscribeAndNothingMore() throws Exception {
        int year = UniqueYears.next();
        String address = Mails.address("life");
        // A review of May exists before the subscription: the welcome mail carries it.
        Mails.model(projector, "Gato", year + "-05-12");
        Mails.model(projector, "Pangu", year + "-05-20");
        List<Digest> may = publisher.publish(Period.parse(ReviewKind.MONTHLY, year + "-05"));
        assertThat(may).hasSize(2);

        // 1. Subscribe: in Chinese, monthly, no topics. The answer for a new address...
        Map<String, Object> body = Map.of("email", address, "language", "zh-CN", "frequency", "monthly");
        String first = given().contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions")
                .then().statusCode(202).extract().asString();

        // 2. The confirmation mail, in Chinese, with a signed link.
        MimeMessage confirmation = awaitMails(address, 1).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("请确认订阅 modelwatch 评述");
        assertThat(Mails.header(confirmation, "List-Unsubscribe")).isNull();
        String text = Mails.part(confirmation, "text/plain");
        assertThat(text).contains("中文");
        String confirmLink = Mails.link(text, "/subscriptions/confirm");
        assertThat(confirmLink).startsWith("http://localhost:8083/subscriptions/confirm?token=");
        assertThat(Mails.part(confirmation, "text/html")).contains(confirmLink.replace("&", "&amp;"));

        // ...is the answer for an address that is already waiting for its confirmation (nothing is revealed).
        String again = given().contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions")
                .then().statusCode(202).extract().asString();
        assertThat(again).isEqualTo(first);

        // 3. Opening the link changes nothing (mail scanners open links); its button confirms.
        Document confirmPage = page(given().get(Mails.local(confirmLink)).then().statusCode(200).extract().response());
        assertThat(confirmPage.text()).contains(address);
        assertThat(QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().status))
                .isEqualTo(Subscriber.PENDING);
        Element form = confirmPage.selectFirst("form[method=post]");
        assertThat(form).isNotNull();
        Document confirmed = page(given().contentType(ContentType.URLENC)
                .formParam("token", form.selectFirst("input[name=token]").attr("value"))
                .post(form.attr("action")).then().statusCode(200).extract().response());
        assertThat(confirmed.selectFirst("h1").text()).isEqualTo("订阅已确认");

        // 4. The welcome mail (the second confirmation is not sent any more: the address is confirmed), with May's review.
        List<MimeMessage> mails = awaitMails(address, 2);
        MimeMessage welcome = mails.stream().filter(m -> subject(m).equals("欢迎订阅 modelwatch 评述")).findFirst().orElseThrow();
        // Chinese names for Chinese readers: Pangu is 盘古.
        assertThat(Mails.part(welcome, "text/plain")).contains("每月").contains("Gato").contains("盘古").doesNotContain("Pangu");
        assertThat(Mails.header(welcome, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mails.header(welcome, "List-Unsubscribe")).startsWith("<http://localhost:8083/subscriptions/unsubscribe?token=");
        assertThat(mails).hasSize(2);

        // 5. June's review is published: the mail in Chinese, multipart, with every header.
        Mails.model(projector, "LayoutLMv3", year + "-06-03");
        Digest june = publisher.publish(Period.parse(ReviewKind.MONTHLY, year + "-06")).stream()
                .filter(d -> d.language() == Language.ZH_CN).findFirst().orElseThrow();
        MimeMessage review = awaitMails(address, 3).get(2);
        assertThat(review.getSubject()).isEqualTo(june.title());
        assertThat(review.getContentType()).startsWith("multipart/alternative");
        java.util.UUID subscriber = subscriberId(address);
        assertThat(Mails.header(review, "Message-ID")).isEqualTo("<review." + june.id() + "." + subscriber + "@modelwatch.local>");
        assertThat(Mails.header(review, "Date")).isNotBlank();
        assertThat(review.getSentDate()).isNotNull();
        assertThat(Mails.header(review, "List-Id")).isEqualTo("modelwatch reviews <reviews.modelwatch.local>");
        assertThat(Mails.header(review, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = Mails.header(review, "List-Unsubscribe");
        assertThat(unsubscribe).matches("<http://localhost:8083/subscriptions/unsubscribe\\?token=[A-Za-z0-9_\\-.]+>");
        String html = Mails.part(review, "text/html");
        assertThat(Jsoup.parse(html).selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(html).contains("LayoutLMv3").contains("退订");
        // What mail clients render: no script, no inline SVG, no external resource; a plain-text part beside it.
        Document mailHtml = Jsoup.parse(html);
        assertThat(mailHtml.select("script, svg, img, link, iframe, object, embed, style")).isEmpty();
        assertThat(mailHtml.select("[src]")).isEmpty();
        assertThat(html).doesNotContain("url(").doesNotContain("@import").doesNotContain("javascript:");
        String plain = Mails.part(review, "text/plain");
        assertThat(plain).contains("LayoutLMv3").contains("订阅设置");

        // 6. Preferences through the link of that mail: English, and only models from organisations in the UK.
        String preferencesLink = Mails.link(plain, "/subscriptions/preferences");
        Document prefs = page(given().get(Mails.local(preferencesLink)).then().statusCode(200).extract().response());
        assertThat(prefs.selectFirst("h1").text()).isEqualTo("订阅设置");
        Element prefsForm = prefs.selectFirst("form#preferences");
        Document saved = page(given().contentType(ContentType.URLENC)
                .formParam("token", prefsForm.selectFirst("input[name=token]").attr("value"))
                .formParam("language", "en").formParam("frequency", "monthly").formParam("countries", "GB")
                .formParam("modalities", "").post(prefsForm.attr("action")).then().statusCode(200).extract().response());
        assertThat(saved.selectFirst("#message").text()).isEqualTo("Your preferences are saved.");
        assertThat(saved.selectFirst("input[name=countries]").attr("value")).isEqualTo("GB");

        // July: one British and one Chinese model; the mail is in English and names only the British one.
        String gato = Mails.model(projector, "Gato", year + "-07-02").name();
        Mails.model(projector, "Pangu", year + "-07-09");
        Digest july = publisher.publish(Period.parse(ReviewKind.MONTHLY, year + "-07")).stream()
                .filter(d -> d.language() == Language.EN).findFirst().orElseThrow();
        MimeMessage english = awaitMails(address, 4).get(3);
        assertThat(english.getSubject()).isEqualTo(july.title());
        String englishText = Mails.part(english, "text/plain");
        assertThat(englishText).contains(gato).doesNotContain("Pangu").contains("only the models on your topics: GB");
        assertThat(Jsoup.parse(Mails.part(english, "text/html")).selectFirst("html").attr("lang")).isEqualTo("en");

        // 7. One-click unsubscribe (RFC 8058): what a mail client POSTs to the List-Unsubscribe link.
        String oneClick = unsubscribe.substring(1, unsubscribe.length() - 1);
        given().get(Mails.local(oneClick)).then().statusCode(200);
        assertThat(QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().status))
                .as("the GET only shows a button").isEqualTo(Subscriber.CONFIRMED);
        Document bye = page(given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post(Mails.local(oneClick)).then().statusCode(200).extract().response());
        assertThat(bye.selectFirst("h1").text()).isEqualTo("You are unsubscribed");

        // 8. August's review: nothing more for this address.
        Mails.model(projector, "Gato", year + "-08-02");
        assertThat(publisher.publish(Period.parse(ReviewKind.MONTHLY, year + "-08"))).hasSize(2);
        for (int i = 0; i < 3; i++) {
            sender.drain();
        }
        assertThat(Mails.to(greenMail, address)).hasSize(4);
        // Sent: confirmation, welcome, June, July; the second confirmation was skipped (the address was confirmed by then).
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.count("subscriberId = ?1 and state = 'sent'", subscriber))).isEqualTo(4);
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.count("subscriberId = ?1", subscriber))).isEqualTo(5);

        // Export and deletion of one's own data through the preferences token.
        String token = preferencesLink.substring(preferencesLink.indexOf("token=") + 6);
        given().queryParam("token", token).get("/api/v1/subscriptions/export").then().statusCode(200)
                .body("email", org.hamcrest.Matchers.equalTo(address)).body("status", org.hamcrest.Matchers.equalTo("unsubscribed"))
                .body("mails.size()", org.hamcrest.Matchers.equalTo(5));
        given().queryParam("token", token).delete("/api/v1/subscriptions").then().statusCode(204);
        assertThat(QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address))).isEmpty();
        given().get(Mails.local(preferencesLink)).then().statusCode(404);
    }

    /** The subscriber's id, read from the database. */
    java.util.UUID subscriberId(String address) {
        return QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().id);
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
