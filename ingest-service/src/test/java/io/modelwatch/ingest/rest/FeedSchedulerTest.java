package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scheduler itself: a registered feed is polled at its interval with nobody calling the poll endpoint, and the
 * later polls are conditional.
 */
@QuarkusTest
@TestProfile(FeedSchedulerTest.SchedulerOn.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class FeedSchedulerTest {

    /** The scheduler looks every second; feeds may be polled every 2 s. */
    public static class SchedulerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelwatch.ingest.feeds.check-every", "1s",
                    "modelwatch.ingest.feeds.first-check-after", "1s",
                    "modelwatch.ingest.feeds.min-poll-interval", "1s");
        }
    }

    private static final String ETAG = "\"scheduled-v1\"";

    private HttpServer server;
    /** When each request came, and its If-None-Match. */
    private final List<long[]> times = new CopyOnWriteArrayList<>();
    private final List<String> conditions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            times.add(new long[] {System.nanoTime()});
            String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
            conditions.add(String.valueOf(condition));
            if (ETAG.equals(condition)) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body;
            try (InputStream in = FeedSchedulerTest.class.getResourceAsStream("/feeds/arxiv.atom.xml")) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/atom+xml; charset=utf-8");
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopFeedServer() {
        server.stop(0);
    }

    @Test
    void aRegisteredFeedIsPolledAtItsIntervalWithoutAPollCall() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + UUID.randomUUID() + "/feed.atom";
        String id = given().header("Authorization", "Bearer admin-key").contentType(ContentType.JSON)
                .body("{\"url\": \"%s\", \"name\": \"scheduled-%s\", \"pollIntervalSeconds\": 2}".formatted(url, UUID.randomUUID()))
                .when().post("/api/v1/feeds")
                .then().statusCode(201).extract().path("id");

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> times.size() >= 3);
        // due at once after registration, then every 2 s (the scheduler looks every 1 s: at most ~1 s late)
        double firstGap = (times.get(1)[0] - times.get(0)[0]) / 1e9;
        double secondGap = (times.get(2)[0] - times.get(1)[0]) / 1e9;
        assertThat(firstGap).isGreaterThanOrEqualTo(1.9);
        assertThat(secondGap).isGreaterThanOrEqualTo(1.9);
        assertThat(conditions.get(0)).isEqualTo("null");
        assertThat(conditions.subList(1, 3)).containsOnly(ETAG);

        given().header("Authorization", "Bearer admin-key").when().get("/api/v1/feeds/{id}", id)
                .then().statusCode(200).body("lastStatus", equalTo("not-modified")).body("announcementsSent", equalTo(2))
                .body("entriesSeen", equalTo(3));
        given().header("Authorization", "Bearer admin-key").when().delete("/api/v1/feeds/{id}", id).then().statusCode(204);
    }
}
