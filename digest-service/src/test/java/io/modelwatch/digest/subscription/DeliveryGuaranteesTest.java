package io.modelwatch.digest.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.mail.MailSender;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.Delivery;
import io.modelwatch.digest.store.DeliveryRepository;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.digest.subscription.TokenSigner.Purpose;
import io.modelwatch.digest.webhook.WebhookSender;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What delivery promises, each shown against the real SMTP server, database and an HTTP receiver. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@Tag("integration")
class DeliveryGuaranteesTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    MailSender sender;

    @Inject
    WebhookSender webhookSender;

    @Inject
    DigestPublisher publisher;

    @Inject
    ReadModelProjector projector;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    MailLinks links;

    static int year() {
        return UniqueYears.next();
    }

    void subscribe(String address, String language, String frequency) {
        given().contentType(ContentType.JSON).body(Map.of("email", address, "language", language, "frequency", frequency))
                .post("/api/v1/subscriptions").then().statusCode(202);
    }

    /** Subscribers made directly in the database as if they had confirmed (no confirmation mails to wait for). */
    List<Subscriber> confirmed(int count, String who, Frequency frequency) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Subscriber> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Subscriber s = Mails.confirmed(Mails.address(who + i), "en", frequency);
                subscribers.persist(s);
                made.add(s);
            }
            return made;
        });
    }

    Subscriber reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> subscribers.findById(id));
    }

    @Test
    void aForgedAlteredOrExpiredTokenIsRefusedWithAClearPage() {
        String address = Mails.address("forged");
        subscribe(address, "en", "weekly");
        UUID id = QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().id);
        String good = links.confirmToken(id);

        // Altered: the subscriber id in the payload swapped for another one, signature kept.
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("confirm:" + UUID.randomUUID() + ":" + Instant.now().plusSeconds(3600).getEpochSecond()).getBytes(StandardCharsets.US_ASCII));
        String altered = otherPayload + good.substring(good.indexOf('.'));
        // Forged: signed with another secret.
        String forged = new TokenSigner("another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8))
                .sign(Purpose.CONFIRM, id, Instant.now().plusSeconds(3600));
        // Expired: signed with the right secret, an hour ago.
        String expired = links.signer().sign(Purpose.CONFIRM, id, Instant.now().minusSeconds(3600));

        for (String token : List.of(altered, forged)) {
            String page = given().queryParam("token", token).get("/subscriptions/confirm").then().statusCode(403).extract().asString();
            assertThat(Jsoup.parse(page).selectFirst("#message").text()).isEqualTo("This link is not one we sent: it has been altered or made up.");
            given().contentType(ContentType.URLENC).formParam("token", token).post("/subscriptions/confirm").then().statusCode(403);
        }
        String page = given().queryParam("token", expired).get("/subscriptions/confirm").then().statusCode(410).extract().asString();
        assertThat(Jsoup.parse(page).selectFirst("#message").text()).startsWith("This link has expired.");
        given().contentType(ContentType.URLENC).formParam("token", expired).post("/subscriptions/confirm").then().statusCode(410);
        given().queryParam("token", "garbage").get("/subscriptions/confirm").then().statusCode(403);
        // A confirmation token does not unsubscribe or open preferences; a preferences token does not confirm.
        given().contentType(ContentType.URLENC).post("/subscriptions/unsubscribe?token=" + good).then().statusCode(403);
        given().contentType(ContentType.URLENC).formParam("token", links.manageToken(id)).post("/subscriptions/confirm").then().statusCode(403);
        given().queryParam("token", forged).get("/api/v1/subscriptions/export").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(reload(id).status).isEqualTo(Subscriber.PENDING);
        // The real one works.
        given().contentType(ContentType.URLENC).formParam("token", good).post("/subscriptions/confirm").then().statusCode(200);
        assertThat(reload(id).status).isEqualTo(Subscriber.CONFIRMED);
    }

    @Test
    void anUnconfirmedAddressReceivesNothingButTheConfirmation() throws Exception {
        int year = year();
        String address = Mails.address("unconfirmed");
        subscribe(address, "en", "yearly");
        UUID id = QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().id);
        Mails.model(projector, "Gato", year + "-03-01");
        Digest review = publisher.publish(Period.parse(ReviewKind.YEARLY, String.valueOf(year))).stream()
                .filter(d -> d.language() == Language.EN).findFirst().orElseThrow();
        // Nothing is recorded for a pending subscriber; and a mail recorded anyway (by a bug or a race) is not sent.
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.count("subscriberId = ?1 and type = 'digest'", id))).isZero();
        QuarkusTransaction.requiringNew().run(() -> deliveries.recordDigest(review.id(), id, "<forced." + id + "@test>", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            sender.drain();
            return QuarkusTransaction.requiringNew().call(() -> deliveries.count("subscriberId = ?1 and state in ('pending', 'sending')", id)) == 0;
        });
        List<MimeMessage> mails = Mails.to(greenMail, address);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Confirm your subscription to the modelwatch reviews");
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.find("subscriberId = ?1 and type = 'digest'", id).firstResult().state))
                .isEqualTo(Delivery.SKIPPED);
    }

    @Test
    void aSenderStoppedMidBatchAndRestartedDeliversEveryMailExactlyOnce() throws Exception {
        int year = year();
        List<Subscriber> audience = confirmed(40, "batch", Frequency.QUARTERLY);
        Mails.model(projector, "Gato", year + "-02-01");
        publisher.publish(Period.parse(ReviewKind.QUARTERLY, year + "-Q1"));
        Set<UUID> ids = audience.stream().map(s -> s.id).collect(Collectors.toSet());
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.list("type = 'digest'").stream()
                .filter(d -> ids.contains(d.subscriberId)).count())).isEqualTo(40);

        // GreenMail holds the 13th of these mails in the middle of its SMTP transaction until the test lets it go: the
        // sender is stopped while that mail is in flight, with 12 delivered and 27 claimed but not sent, on any machine.
        MessageDeliveryHandler delivering = greenMail.getUserManager().getMessageDeliveryHandler();
        Set<String> addresses = audience.stream().map(s -> s.email.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        AtomicInteger arriving = new AtomicInteger();
        CountDownLatch thirteenthInFlight = new CountDownLatch(1);
        CountDownLatch letItThrough = new CountDownLatch(1);
        greenMail.getUserManager().setMessageDeliveryHandler((message, to) -> {
            if (addresses.contains(to.getEmail().toLowerCase(java.util.Locale.ROOT)) && arriving.incrementAndGet() == 13) {
                thirteenthInFlight.countDown();
                try {
                    letItThrough.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delivering.handle(message, to);
        });
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(sender::drain);
        try {
            assertThat(thirteenthInFlight.await(60, TimeUnit.SECONDS))
                    .as("the 13th mail reaches GreenMail; received so far %d, deliveries by state %s", received(audience), states(ids))
                    .isTrue();
            sender.stop();
            letItThrough.countDown();
            int sentBeforeStop = first.get(60, TimeUnit.SECONDS);
            int receivedBeforeStop = received(audience);
            // The mail in flight when the sender was stopped is finished; no other of the batch is started.
            assertThat(sentBeforeStop).isBetween(13, 39);
            assertThat(receivedBeforeStop).isEqualTo(13);
            Map<String, Long> states = states(ids);
            assertThat(states.get(Delivery.SENDING)).as("claimed, not sent, lease running").isPositive();

            // Restarted at once: the claims of the stopped sender are still leased, so this round sends none of them.
            Instant leaseEnds = QuarkusTransaction.requiringNew().call(() -> deliveries.list("type = 'digest' and state = 'sending'")
                    .stream().filter(d -> ids.contains(d.subscriberId)).map(d -> d.leaseUntil).min(Instant::compareTo).orElseThrow());
            sender.start();
            sender.drain();
            if (Instant.now().isBefore(leaseEnds)) {
                assertThat(received(audience)).isEqualTo(receivedBeforeStop);
            }
            // After the lease (8 s in tests) the rest is sent.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                sender.drain();
                return received(audience) >= 40;
            });
        } finally {
            letItThrough.countDown();
            greenMail.getUserManager().setMessageDeliveryHandler(delivering);
            sender.start();
        }
        for (Subscriber s : audience) {
            assertThat(Mails.to(greenMail, s.email)).as(s.email).hasSize(1);
        }
        assertThat(states(ids)).isEqualTo(Map.of(Delivery.SENT, 40L));
    }

    int received(List<Subscriber> audience) {
        return audience.stream().mapToInt(s -> Mails.to(greenMail, s.email).size()).sum();
    }

    Map<String, Long> states(Set<UUID> subscriberIds) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.list("type = 'digest'").stream()
                .filter(d -> subscriberIds.contains(d.subscriberId))
                .collect(Collectors.groupingBy(d -> d.state, Collectors.counting())));
    }

    @Test
    void aTemporarySmtpFailureIsRetriedAndSucceeds() throws Exception {
        String address = Mails.address("retry");
        greenMail.stop();
        try {
            subscribe(address, "zh-CN", "monthly");
            UUID id = QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().id);
            sender.drain();
            Delivery failed = QuarkusTransaction.requiringNew().call(() -> deliveries.find("subscriberId", id).firstResult());
            assertThat(failed.state).isEqualTo(Delivery.PENDING);
            assertThat(failed.attempts).isEqualTo(1);
            assertThat(failed.lastError).isNotBlank();
            assertThat(failed.nextAttemptAt).isAfter(Instant.now().minusMillis(200));
        } finally {
            greenMail.start();
        }
        // Backoff 1 s, doubling; a send that hangs gives up after the test's send timeout (4 s) and is retried too.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            sender.drain();
            return !Mails.to(greenMail, address).isEmpty();
        });
        assertThat(Mails.to(greenMail, address)).hasSize(1);
        Delivery sent = QuarkusTransaction.requiringNew().call(() -> deliveries.find("subscriberId",
                subscribers.byEmail(address).orElseThrow().id).firstResult());
        assertThat(sent.state).isEqualTo(Delivery.SENT);
        assertThat(sent.attempts).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSendThatHangsIsATemporaryFailureAndIsRetried() throws Exception {
        String address = Mails.address("hang");
        // GreenMail holds the first mail to this address in its SMTP transaction, longer than the send timeout (4 s).
        MessageDeliveryHandler delivering = greenMail.getUserManager().getMessageDeliveryHandler();
        AtomicInteger arriving = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        greenMail.getUserManager().setMessageDeliveryHandler((message, to) -> {
            if (to.getEmail().equalsIgnoreCase(address) && arriving.incrementAndGet() == 1) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delivering.handle(message, to);
        });
        try {
            subscribe(address, "en", "monthly");
            UUID id = QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow().id);
            sender.drain();
            Delivery hung = QuarkusTransaction.requiringNew().call(() -> deliveries.find("subscriberId", id).firstResult());
            assertThat(hung.state).isEqualTo(Delivery.PENDING);
            assertThat(hung.attempts).isEqualTo(1);
            assertThat(hung.lastError).contains("TimeoutException");
        } finally {
            release.countDown();
            greenMail.getUserManager().setMessageDeliveryHandler(delivering);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            sender.drain();
            Delivery now = QuarkusTransaction.requiringNew().call(() -> deliveries.find("subscriberId",
                    subscribers.byEmail(address).orElseThrow().id).firstResult());
            return Delivery.SENT.equals(now.state);
        });
        // At least once: the hung exchange may still have ended in a delivery; every copy is the same mail.
        List<jakarta.mail.internet.MimeMessage> received = Mails.to(greenMail, address);
        assertThat(received).isNotEmpty();
        assertThat(received.stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(1);
    }

    @Test
    void hardBouncesSuppressTheAddress() {
        int year = year();
        Subscriber s = confirmed(1, "bounce", Frequency.HALF_YEARLY).get(0);
        String report = "{\"email\":\"" + s.email + "\",\"type\":\"hard\",\"reason\":\"550 5.1.1 no such user\"}";
        given().contentType(ContentType.JSON).body(report).post("/api/v1/webhooks/bounce").then().statusCode(401);
        // A wrong key is invalid credentials: 401 (RFC 6750 invalid_token), as in ingest and the catalog.
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(report)
                .post("/api/v1/webhooks/bounce").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON)
                .body("{\"email\":\"" + s.email + "\",\"type\":\"sideways\"}").post("/api/v1/webhooks/bounce")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("type"));
        given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON)
                .body("{\"email\":\"" + s.email + "\",\"type\":\"soft\"}").post("/api/v1/webhooks/bounce")
                .then().statusCode(202).body("suppressed", equalTo(false));
        given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON).body(report)
                .post("/api/v1/webhooks/bounce").then().statusCode(202).body("hardBounces", equalTo(1)).body("suppressed", equalTo(false));
        given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON).body(report)
                .post("/api/v1/webhooks/bounce").then().statusCode(202).body("hardBounces", equalTo(2)).body("suppressed", equalTo(true));
        assertThat(reload(s.id).suppressedAt).isNotNull();

        Mails.model(projector, "Gato", year + "-04-01");
        publisher.publish(Period.parse(ReviewKind.HALF_YEAR, year + "-H1"));
        sender.drain();
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.count("subscriberId", s.id))).isZero();
        assertThat(Mails.to(greenMail, s.email)).isEmpty();
        // A suppressed address cannot subscribe itself back in.
        subscribe(s.email, "en", "weekly");
        sender.drain();
        assertThat(Mails.to(greenMail, s.email)).isEmpty();
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("modelwatch_mails_bounced_total{kind=\"hard\"}"));
    }

    @Test
    void aWebhookReceiverGetsACorrectlySignedCall() throws Exception {
        List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> call = new HashMap<>();
            call.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            for (String h : List.of("X-Modelwatch-Event", "X-Modelwatch-Timestamp", "X-Modelwatch-Signature", "X-Modelwatch-Delivery")) {
                call.put(h, exchange.getRequestHeaders().getFirst(h));
            }
            calls.add(call);
            exchange.sendResponseHeaders(calls.size() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            // Private targets are refused unless allow-listed (127.0.0.1 is, in tests).
            given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON)
                    .body(Map.of("url", "http://10.1.2.3/hook", "events", List.of("digest.published")))
                    .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("The webhook cannot be registered.")).body("errors.field", org.hamcrest.Matchers.contains("url"));
            given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON)
                    .body(Map.of("url", "http://169.254.169.254/latest", "events", List.of("model.added")))
                    .post("/api/v1/webhooks").then().statusCode(400);
            given().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("digest.published")))
                    .post("/api/v1/webhooks").then().statusCode(401);
            String secret = given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of("digest.published")))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            String id = given().header("Authorization", "Bearer test-admin-key").get("/api/v1/webhooks").then().statusCode(200)
                    .extract().jsonPath().getString("find { it.url == '" + url + "' }.id");

            int year = year();
            Mails.model(projector, "Gato", year + "-09-01");
            List<Digest> published = publisher.publish(Period.parse(ReviewKind.MONTHLY, year + "-09"));
            // The receiver answers its very first call with a 503: that call is retried (after the backoff) and gets a 204.
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                webhookSender.drain();
                return calls.stream().filter(c -> c.get("body").contains(year + "-09")).count() >= published.size() + 1;
            });
            List<Map<String, String>> ours = calls.stream().filter(c -> c.get("body").contains(year + "-09")).toList();
            for (Map<String, String> call : ours) {
                assertThat(call.get("X-Modelwatch-Event")).isEqualTo("digest.published");
                String expected = "sha256=" + hmac(secret, call.get("X-Modelwatch-Timestamp") + "." + call.get("body"));
                assertThat(call.get("X-Modelwatch-Signature")).isEqualTo(expected);
                assertThat(Long.parseLong(call.get("X-Modelwatch-Timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
                        org.assertj.core.data.Offset.offset(60L));
            }
            Set<String> reviewIds = published.stream().map(d -> d.id().toString()).collect(Collectors.toSet());
            assertThat(ours.stream().map(c -> Mails.tree(c.get("body")).path("data").path("id").asText()))
                    .containsAll(reviewIds);
            // A retry carries the same delivery id, so the receiver can tell it from a new event.
            assertThat(ours.stream().map(c -> c.get("X-Modelwatch-Delivery")).distinct().count()).isEqualTo(published.size());
            given().header("Authorization", "Bearer test-admin-key").delete("/api/v1/webhooks/" + id).then().statusCode(204);
        } finally {
            receiver.stop(0);
        }
    }

    static String hmac(String secret, String data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noHeaderCanBeInjectedThroughTheAddressAndBadInputLeavesNoTrace() {
        String victim = Mails.address("victim");
        for (String bad : List.of("a@example.org\r\nBcc: " + victim, "a@example.org\nBcc: " + victim, "\"Eve\" <eve@example.org>",
                "a@example.org, " + victim, "no-at-sign", "a@localhost", "a@example.org\r\n")) {
            given().contentType(ContentType.JSON).body(Map.of("email", bad, "frequency", "weekly"))
                    .post("/api/v1/subscriptions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("email"));
        }
        given().contentType(ContentType.JSON).body(Map.of("email", Mails.address("x"), "frequency", "daily", "language", "fr",
                        "countries", List.of("CHN\r\n"), "kinds", List.of("spaceship")))
                .post("/api/v1/subscriptions").then().statusCode(400)
                .body("detail", equalTo("The subscription request has 4 problems."))
                .body("errors.field", org.hamcrest.Matchers.hasItems("frequency", "language", "countries[0]", "kinds[0]"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> subscribers.count("email like ?1", "%" + victim.substring(victim.indexOf('@')))))
                .isZero();
        sender.drain();
        assertThat(Mails.to(greenMail, victim)).isEmpty();
        // The form answers with the form again, naming the problem, and status 400.
        String page = given().contentType(ContentType.URLENC).formParam("email", "a@example.org\r\nBcc: " + victim)
                .formParam("frequency", "weekly").post("/subscribe").then().statusCode(400).extract().asString();
        assertThat(Jsoup.parse(page).select("#errors li").text()).contains("email");
    }

    @Test
    void subscribeRequestsAreRateLimitedPerMailboxWhateverItsSpelling() {
        String address = Mails.address("limited");
        for (int i = 0; i < 3; i++) {
            subscribe(address, "en", "weekly");
        }
        // The same mailbox in capitals and with a +tag: the fourth request for it, refused, with when to try again.
        String local = address.substring(0, address.indexOf('@'));
        String respelled = local.toUpperCase(java.util.Locale.ROOT) + "+news" + address.substring(address.indexOf('@')).toUpperCase(java.util.Locale.ROOT);
        given().contentType(ContentType.JSON).body(Map.of("email", respelled, "frequency", "weekly"))
                .post("/api/v1/subscriptions").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .body("detail", org.hamcrest.Matchers.startsWith("Too many subscription requests; try again in "));
        String page = given().contentType(ContentType.URLENC).formParam("email", address).formParam("frequency", "weekly")
                .post("/subscribe").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .extract().asString();
        assertThat(page).contains("<html");
        // another mailbox is not held up by it
        subscribe(Mails.address("other"), "en", "weekly");
    }

    @Test
    void theSenderWaitsForRoomInItsRateLimitInsteadOfFailing() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String address = Mails.address("paced" + i);
            subscribe(address, "en", "weekly");
            addresses.add(address);
        }
        sender.limit(2);
        long started = System.nanoTime();
        try {
            sender.drain();
        } finally {
            sender.limit(0);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        for (String address : addresses) {
            assertThat(Mails.to(greenMail, address)).as(address).hasSize(1);
        }
        // Two mails per rate window (1 s): the fifth goes two whole windows after the first, none is failed for it.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void theFormSubscribesInBothLanguages() {
        String page = given().queryParam("lang", "zh-CN").get("/subscribe").then().statusCode(200).extract().asString();
        assertThat(Jsoup.parse(page).selectFirst("h1").text()).isEqualTo("通过电子邮件接收评述");
        String address = Mails.address("form");
        String answer = given().contentType(ContentType.URLENC).formParam("lang", "en").formParam("email", address)
                .formParam("language", "zh-CN").formParam("frequency", "half-yearly").formParam("countries", "CN, us")
                .formParam("kinds", "model").post("/subscribe").then().statusCode(200).extract().asString();
        assertThat(Jsoup.parse(answer).selectFirst("h1").text()).isEqualTo("Check your inbox");
        Subscriber s = QuarkusTransaction.requiringNew().call(() -> subscribers.byEmail(address).orElseThrow());
        assertThat(s.language).isEqualTo("zh-CN");
        assertThat(s.frequency).isEqualTo("half-yearly");
        assertThat(s.topics.countries()).containsExactly("CN", "US");
        assertThat(s.topics.kinds()).containsExactly("model");
    }

    @Test
    void mailCountersAreOnTheMetricsEndpointFromTheStart() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String type : List.of("confirmation", "welcome", "digest")) {
            assertThat(metrics).contains("modelwatch_mails_sent_total{type=\"" + type + "\"}")
                    .contains("modelwatch_mails_failed_total{type=\"" + type + "\"}");
        }
        assertThat(metrics).contains("modelwatch_mails_bounced_total{kind=\"soft\"}");
    }
}
