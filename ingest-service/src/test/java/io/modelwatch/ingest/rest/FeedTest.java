package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Feeds served by a real HTTP server in the test (127.0.0.1 is on the test profile's allow-list), polled through
 * the admin API; what they announce is read back from the real broker.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class FeedTest {

    private static final String ADMIN = "Bearer admin-key";
    private static final String ETAG = "\"feed-v1\"";
    private static final String LAST_MODIFIED = "Tue, 12 Jul 2022 10:00:00 GMT";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();

    private HttpServer server;
    /** Request headers the server saw, by path. */
    private final Map<String, List<Map<String, String>>> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void startFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            requests.computeIfAbsent(path, p -> new ArrayList<>()).add(headers);
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (file.equals("redirect")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            if (file.equals("busy")) { // "come back in an hour"
                exchange.getResponseHeaders().add("Retry-After", "3600");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            if (file.equals("too-many")) { // "not before this date"
                exchange.getResponseHeaders().add("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(2)));
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            boolean conditional = !path.contains("/unconditional/");
            if (conditional && ETAG.equals(headers.get("if-none-match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body;
            try (InputStream in = FeedTest.class.getResourceAsStream("/feeds/" + file)) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", file.endsWith(".json") ? "application/feed+json"
                    : file.contains("atom") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
            if (conditional) {
                exchange.getResponseHeaders().add("ETag", ETAG);
                exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
            }
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

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + UUID.randomUUID() + "/" + path;
    }

    private String register(String name, String url, String extra) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"%s\", \"name\": \"%s\", \"pollIntervalSeconds\": 600%s}".formatted(url, name, extra))
                .when().post("/api/v1/feeds")
                .then().statusCode(201).header("Location", containsString("/api/v1/feeds/"))
                .body("url", equalTo(url)).body("nextPollAt", org.hamcrest.Matchers.notNullValue())
                .extract().path("id");
    }

    private JsonPath poll(String id) {
        return given().header("Authorization", ADMIN).when().post("/api/v1/feeds/{id}/poll", id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The announcements this feed sent, by name. */
    private Map<String, JsonNode> announcedBy(String feedName) {
        Map<String, JsonNode> byName = new ConcurrentHashMap<>();
        for (var record : Topic.records(bootstrapServers)) {
            try {
                JsonNode data = json.readTree(record.value());
                if (("feed:" + feedName).equals(data.path("publisher").asText())) {
                    assertThat(TopicRecords.header(record, "ce_type")).isEqualTo("io.modelwatch.release.announced.v1");
                    assertThat(TopicRecords.header(record, "ce_source")).isEqualTo("/modelwatch/ingest");
                    assertThat(record.key()).isEqualTo(data.get("slug").asText());
                    byName.put(data.get("name").asText(), data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byName;
    }

    @Test
    void anArxivAtomFeedAnnouncesThePapersThatNameAModelAndTheSecondPollIsConditional() {
        String name = "arxiv-" + UUID.randomUUID();
        String url = url("arxiv.atom.xml");
        String id = register(name, url, "");

        JsonPath first = poll(id);
        assertThat(first.getString("status")).isEqualTo("ok");
        assertThat(first.getInt("entries")).isEqualTo(3);
        assertThat(first.getInt("announced")).isEqualTo(2);
        assertThat(first.getInt("notReleases")).isEqualTo(1);

        Map<String, JsonNode> announced = announcedBy(name);
        assertThat(announced).containsOnlyKeys("OPT", "Gato");
        JsonNode opt = announced.get("OPT");
        assertThat(opt.get("confidence").asText()).isEqualTo("speculative");
        assertThat(opt.get("parameters").get("value").asLong()).isEqualTo(175_000_000_000L);
        assertThat(opt.get("source").get("url").asText()).isEqualTo("http://arxiv.org/abs/2205.01068v4");
        assertThat(opt.get("source").get("name").asText()).isEqualTo(name);
        assertThat(opt.get("published").asText()).isEqualTo("2022-05-02");
        JsonNode gato = announced.get("Gato");
        assertThat(gato.get("parameters").get("value").asLong()).isEqualTo(1_200_000_000L);
        assertThat(gato.get("organizations").get(0).get("name").asText()).isEqualTo("DeepMind");
        assertThat(gato.get("organizations").get(0).get("country").asText()).isEqualTo("GB");

        long before = Topic.endOffset(bootstrapServers);
        JsonPath second = poll(id);
        assertThat(second.getString("status")).isEqualTo("not-modified");
        List<Map<String, String>> seen = requests.get(java.net.URI.create(url).getPath());
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).doesNotContainKey("if-none-match");
        assertThat(seen.get(1)).containsEntry("if-none-match", ETAG).containsEntry("if-modified-since", LAST_MODIFIED);
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);

        given().header("Authorization", ADMIN).when().get("/api/v1/feeds/{id}", id)
                .then().statusCode(200).body("lastStatus", equalTo("not-modified")).body("lastHttpStatus", equalTo(304))
                .body("entriesSeen", equalTo(3)).body("announcementsSent", equalTo(2)).body("consecutiveFailures", equalTo(0));
    }

    @Test
    void aServerThatAnswers503Or429WithRetryAfterIsNotPolledBeforeThen() {
        // poll interval 600 s: without Retry-After the first failure would wait 1,200 s
        String busy = register("busy-" + UUID.randomUUID(), url("busy"), "");
        JsonPath first = poll(busy);
        assertThat(first.getString("status")).isEqualTo("error");
        assertThat(first.getInt("httpStatus")).isEqualTo(503);
        Instant next = Instant.parse(first.getString("nextPollAt"));
        assertThat(next).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));

        String tooMany = register("too-many-" + UUID.randomUUID(), url("too-many"), "");
        JsonPath second = poll(tooMany);
        assertThat(second.getInt("httpStatus")).isEqualTo(429);
        assertThat(Instant.parse(second.getString("nextPollAt")))
                .isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7300));
        given().header("Authorization", ADMIN).when().get("/api/v1/feeds/{id}", tooMany)
                .then().statusCode(200).body("lastHttpStatus", equalTo(429)).body("consecutiveFailures", equalTo(1))
                .body("lastError", containsString("retry after"));
    }

    @Test
    void aBlogRssFeedWithBlockRulesAndAServerThatIgnoresConditionsIsDeduplicated() {
        String name = "blog-" + UUID.randomUUID();
        String id = register(name, url("unconditional/blog.rss.xml"),
                ", \"organization\": \"Example Lab\", \"country\": \"us\", \"block\": [{\"field\": \"title\", \"pattern\": \"(?i)^hiring\"}]");

        JsonPath first = poll(id);
        assertThat(first.getInt("entries")).isEqualTo(4);
        assertThat(first.getInt("announced")).isEqualTo(2);
        assertThat(first.getInt("filtered")).isEqualTo(1);
        assertThat(first.getInt("notReleases")).isEqualTo(1);

        Map<String, JsonNode> announced = announcedBy(name);
        assertThat(announced).containsOnlyKeys("BLOOM", "T0pp");
        JsonNode bloom = announced.get("BLOOM");
        assertThat(bloom.get("parameters").get("value").asLong()).isEqualTo(176_000_000_000L);
        assertThat(bloom.get("organizations").findValuesAsText("name")).containsExactlyInAnyOrder("BigScience", "Hugging Face");
        assertThat(bloom.get("source").get("url").asText()).isEqualTo("https://blog.example.org/bloom");
        assertThat(bloom.get("published").asText()).isEqualTo("2022-07-12");
        // No organisation named in the entry: the feed's own.
        JsonNode t0pp = announced.get("T0pp");
        assertThat(t0pp.get("organizations").get(0).get("name").asText()).isEqualTo("Example Lab");
        assertThat(t0pp.get("organizations").get(0).get("country").asText()).isEqualTo("US");
        assertThat(t0pp.get("parameters").get("value").asLong()).isEqualTo(11_000_000_000L);

        long before = Topic.endOffset(bootstrapServers);
        JsonPath second = poll(id);
        assertThat(second.getString("status")).isEqualTo("ok");
        assertThat(second.getInt("entries")).isEqualTo(4);
        assertThat(second.getInt("newEntries")).isZero();
        assertThat(second.getInt("announced")).isZero();
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aJsonFeedAndAChineseFeedAreReadToo() {
        String jsonName = "json-" + UUID.randomUUID();
        assertThat(poll(register(jsonName, url("feed.json"), "")).getInt("announced")).isEqualTo(1);
        JsonNode opt = announcedBy(jsonName).get("OPT-175B");
        assertThat(opt).isNotNull();
        assertThat(opt.get("parameters").get("value").asLong()).isEqualTo(175_000_000_000L);
        assertThat(opt.get("organizations").findValuesAsText("name")).containsExactly("Meta AI");
        assertThat(opt.get("source").get("url").asText()).isEqualTo("https://notes.example.com/2022/05/opt-175b");

        String zhName = "zh-" + UUID.randomUUID();
        JsonPath result = poll(register(zhName, url("chinese.rss.xml"), ""));
        assertThat(result.getInt("announced")).isEqualTo(2);
        assertThat(result.getInt("notReleases")).isEqualTo(1);
        Map<String, JsonNode> announced = announcedBy(zhName);
        assertThat(announced).containsOnlyKeys("M6", "盘古");
        JsonNode m6 = announced.get("M6");
        assertThat(m6.get("parameters").get("value").asLong()).isEqualTo(10_000_000_000_000L);
        assertThat(m6.get("parameters").get("asWritten").asText()).isEqualTo("10万亿");
        assertThat(m6.get("organizations").get(0).get("name").asText()).isEqualTo("Alibaba");
        assertThat(m6.get("organizations").get(0).get("country").asText()).isEqualTo("CN");
        JsonNode pangu = announced.get("盘古");
        assertThat(pangu.get("organizations").get(0).get("name").asText()).isEqualTo("Huawei");
        assertThat(pangu.get("parameters").get("approximate").asBoolean()).isTrue();
    }

    @Test
    void internalAddressesAreRefusedOnRegistrationAndAfterARedirect() {
        for (String internal : List.of("http://10.1.2.3/feed.xml", "http://169.254.169.254/latest/meta-data/",
                "http://192.168.0.1/rss", "http://[::1]/feed", "file:///etc/passwd")) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body("{\"url\": \"%s\", \"name\": \"internal\"}".formatted(internal))
                    .when().post("/api/v1/feeds")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("url"));
        }

        String id = register("redirect-" + UUID.randomUUID(), url("redirect"), "");
        Instant before = Instant.now();
        JsonPath result = poll(id);
        assertThat(result.getString("status")).isEqualTo("error");
        assertThat(result.getString("error")).contains("169.254.169.254");
        // backed off: twice the interval after the first failure
        assertThat(Instant.parse(result.getString("nextPollAt"))).isAfter(before.plusSeconds(1100));
        given().header("Authorization", ADMIN).when().get("/api/v1/feeds/{id}", id)
                .then().statusCode(200).body("lastStatus", equalTo("error")).body("consecutiveFailures", equalTo(1))
                .body("lastError", containsString("link-local"));
    }

    @Test
    void feedsAreForAdminsAndRegistrationsAreChecked() {
        given().header("Authorization", "Bearer publisher-a-key").when().get("/api/v1/feeds")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body("{\"url\": \"https://example.org/feed\", \"name\": \"x\"}")
                .when().post("/api/v1/feeds")
                .then().statusCode(403);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"" + url("blog.rss.xml") + "\", \"pollIntervalSeconds\": 5, \"keep\": [{\"field\": \"body\", \"pattern\": \"(\"}]}")
                .when().post("/api/v1/feeds")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("name", "pollIntervalSeconds", "keep[0].field", "keep[0].pattern"));
        String url = url("blog.rss.xml");
        register("dup-" + UUID.randomUUID(), url, "");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"" + url + "\", \"name\": \"again\"}")
                .when().post("/api/v1/feeds")
                .then().statusCode(409).contentType("application/problem+json");
    }
}
