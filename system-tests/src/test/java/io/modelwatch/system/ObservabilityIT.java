package io.modelwatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PlatformEndpoints;
import io.modelwatch.platform.PrometheusText;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services with OpenTelemetry on, as on Kubernetes, exporting to a small OTLP collector run by
 * the test: one trace follows an announcement from ingest's HTTP request through model-releases into the catalog,
 * through its outbox and catalog.model-changes into the digest-service; and the metrics the operators watch are on
 * /q/metrics with the values the traffic implies.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "observability-test-key-" + UUID.randomUUID();

    private static OtlpCollector collector;
    private static Pipeline services;
    private static ServiceProcess ingest;
    private static ServiceProcess catalog;
    private static ServiceProcess digest;
    private static PlatformEndpoints platform;

    @BeforeAll
    static void startEverything() {
        platform = EmbeddedPlatformTestResource.platform();
        collector = new OtlpCollector();
        // Tracing on, as deploy/k8s sets it, towards the test's collector (OTLP over HTTP), exported without delay.
        Map<String, String> tracing = Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        // The JSON log line of an accepted announcement (DEBUG) carries the request's trace id.
        services = Pipeline.start(platform, KEY, "observability-test", tracing,
                Map.of("QUARKUS_LOG_CATEGORY__IO_MODELWATCH_INGEST_REST__LEVEL", "DEBUG"));
        ingest = services.ingest();
        catalog = services.catalog();
        digest = services.digest();
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static String announcement(String name, int year) {
        return """
                {"name": "%s", "organizations": [{"name": "Zhipu AI", "country": "CN"}], "published": "%d-03",
                 "parameters": "130B", "accessibility": "open-weights-restricted"}
                """.formatted(name, year);
    }

    private static long inDigest(List<String> slugs) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(platform.jdbcUrl() + "?currentSchema=digest",
                platform.username(), platform.password());
             java.sql.PreparedStatement s = c.prepareStatement("select count(*) from model where slug = any (?)")) {
            s.setArray(1, c.createArrayOf("text", slugs.toArray()));
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static PrometheusText metrics(ServiceProcess service) {
        return new PrometheusText(given().baseUri(service.url()).when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void oneTraceFollowsAnAnnouncementFromIngestThroughTheCatalogIntoTheDigest() throws Exception {
        String traceId = hex(16);
        String name = "GLM " + UUID.randomUUID();
        String slug = given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .contentType(ContentType.JSON).body(announcement(name, Years.unused()))
                .when().post("/api/v1/announcements").then().statusCode(202).extract().path("slug");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<OtlpCollector.ReceivedSpan> trace = collector.trace(traceId);
            assertThat(trace.stream().map(OtlpCollector.ReceivedSpan::service).collect(Collectors.toSet()))
                    .as("services with spans in trace %s: %s (collector failures: %s)", traceId, trace, collector.failures())
                    .contains("ingest-service", "catalog-service", "digest-service");
            Map<String, OtlpCollector.ReceivedSpan> byId = trace.stream()
                    .collect(Collectors.toMap(OtlpCollector.ReceivedSpan::spanId, s -> s, (a, b) -> a));
            // Causality, not just a shared id: the catalog consumed what ingest produced, the digest what the catalog produced.
            assertThat(trace).as("a catalog span whose parent is an ingest span").anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("catalog-service");
                assertThat(byId.get(s.parentSpanId())).isNotNull().extracting(OtlpCollector.ReceivedSpan::service).isEqualTo("ingest-service");
            });
            assertThat(trace).as("a digest consumer span whose parent is a catalog producer span").anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("digest-service");
                assertThat(s.kind()).isEqualTo("SPAN_KIND_CONSUMER");
                OtlpCollector.ReceivedSpan parent = byId.get(s.parentSpanId());
                assertThat(parent).isNotNull();
                assertThat(parent.service()).isEqualTo("catalog-service");
                assertThat(parent.kind()).isEqualTo("SPAN_KIND_PRODUCER");
            });
        });
        given().baseUri(digest.url()).when().get("/q/health/ready").then().statusCode(200);

        // The prod profile logs JSON, with the trace id of the request that was being served.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> lines = Files.readAllLines(ingest.log()).stream().filter(l -> l.startsWith("{") && l.contains(traceId))
                    .map(ObservabilityIT::json).toList();
            assertThat(lines).as("JSON log lines of ingest with trace id " + traceId).isNotEmpty()
                    .anySatisfy(l -> {
                        assertThat(l.path("mdc").path("traceId").asText()).isEqualTo(traceId);
                        assertThat(l.path("mdc").path("spanId").asText()).hasSize(16);
                        assertThat(l.path("message").asText()).contains(slug);
                    });
        });
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void theMetricsFollowTheTraffic() {
        PrometheusText ingestBefore = metrics(ingest);
        PrometheusText catalogBefore = metrics(catalog);
        PrometheusText digestBefore = metrics(digest);
        int year = Years.unused();
        int accepted = 4;
        List<String> slugs = new java.util.ArrayList<>();
        for (int i = 0; i < accepted; i++) {
            slugs.add(given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body(announcement("CogView " + i + " " + UUID.randomUUID(), year))
                    .when().post("/api/v1/announcements").then().statusCode(202).extract().path("slug"));
        }
        for (int i = 0; i < 2; i++) {
            given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body("{\"organizations\": [{\"name\": \"Zhipu AI\"}]}")
                    .when().post("/api/v1/announcements").then().statusCode(400);
        }
        given().baseUri(ingest.url()).contentType(ContentType.JSON).body(announcement("No key", year))
                .when().post("/api/v1/announcements").then().statusCode(401);
        given().baseUri(ingest.url()).header("Authorization", "Bearer " + KEY).contentType(ContentType.TEXT).body("x")
                .when().post("/api/v1/announcements").then().statusCode(415);

        PrometheusText ingestAfter = metrics(ingest);
        assertThat(delta(ingestBefore, ingestAfter, "modelwatch_announcements_accepted_total", "endpoint", "single")).isEqualTo(accepted);
        assertThat(delta(ingestBefore, ingestAfter, "modelwatch_announcements_rejected_total", "reason", "validation")).isEqualTo(2);
        assertThat(delta(ingestBefore, ingestAfter, "modelwatch_announcements_rejected_total", "reason", "auth")).isEqualTo(1);
        assertThat(delta(ingestBefore, ingestAfter, "modelwatch_announcements_rejected_total", "reason", "unsupported-type")).isEqualTo(1);
        assertThat(delta(ingestBefore, ingestAfter, "modelwatch_events_produced_total", "topic", "model-releases")).isEqualTo(accepted);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusText after = metrics(catalog);
            assertThat(delta(catalogBefore, after, "modelwatch_events_consumed_total", "outcome", "applied")).isGreaterThanOrEqualTo(accepted);
            assertThat(delta(catalogBefore, after, "modelwatch_announcement_latency_seconds_count")).isGreaterThanOrEqualTo(accepted);
            assertThat(after.value("modelwatch_announcement_latency_seconds_max")).isPositive().isLessThan(60);
            assertThat(after.has("modelwatch_events_consumed_total", "outcome", "dead-lettered")).isTrue();
            assertThat(after.has("modelwatch_dead_letters_total", "topic", "model-releases.dlq")).isTrue();
            assertThat(after.has("modelwatch_outbox_backlog")).isTrue();
            assertThat(after.has("kafka_consumer_fetch_manager_records_lag_max", "client_id", "kafka-consumer-model-releases")).isTrue();
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusText after = metrics(digest);
            assertThat(delta(digestBefore, after, "modelwatch_events_consumed_total", "outcome", "processed")).isGreaterThanOrEqualTo(accepted);
            // The counter moves a whole poll at a time, other tests' changes included: the read model says when these are in.
            assertThat(inDigest(slugs)).isEqualTo(accepted);
            assertThat(after.has("modelwatch_dead_letters_total", "topic", "catalog.model-changes.dlq")).isTrue();
            assertThat(after.has("kafka_consumer_fetch_manager_records_lag_max", "client_id", "kafka-consumer-model-changes")).isTrue();
            // The mail counters (issue 7) are there from the start; no subscriber here, so no mail is sent.
            assertThat(after.has("modelwatch_mails_sent_total")).isTrue();
            assertThat(after.has("modelwatch_mails_failed_total")).isTrue();
            assertThat(after.has("modelwatch_mails_bounced_total")).isTrue();
        });

        given().baseUri(digest.url()).contentType(ContentType.JSON)
                .body("{\"from\": \"" + year + "-01-01\", \"to\": \"" + year + "-12-31\", \"language\": \"en\"}")
                .when().post("/api/v1/digests").then().statusCode(201).body("releases.size()", equalTo(accepted));
        assertThat(delta(digestBefore, metrics(digest), "modelwatch_reviews_generated_total", "kind", "on-demand", "language", "en"))
                .isEqualTo(1);
    }

    @Test
    void readinessChecksTheBrokerAndTheDatabaseAndLivenessNeither() {
        for (ServiceProcess service : List.of(ingest, catalog, digest)) {
            given().baseUri(service.url()).when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.name", hasItems("Kafka connection health check", "Database connections health check"));
            given().baseUri(service.url()).when().get("/q/health/live").then().statusCode(200)
                    .body("checks.name", not(hasItem("Kafka connection health check")))
                    .body("checks.name", not(hasItem("Database connections health check")));
        }
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
