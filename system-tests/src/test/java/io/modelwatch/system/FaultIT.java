package io.modelwatch.system;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.platform.DatabaseOutage;
import io.modelwatch.platform.EmbeddedDatabase;
import io.modelwatch.platform.EmbeddedKafka;
import io.modelwatch.platform.EmbeddedPlatform;
import io.modelwatch.platform.PlatformEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faults of the issue "The stream", one after the other, each under a steady load of single announcements, against
 * the three packaged services on a platform of this class's own (the broker is restarted, which the shared one must not
 * be): PostgreSQL stopped for 60 s, the broker stopped and started again, the catalog and then the digest killed with
 * SIGKILL and started again. Afterwards every announcement answered 202 is in the catalog exactly once and in the
 * digest's read model exactly once, no service was restarted by hand except the killed ones, and each killed consumer
 * was moving again within 10 s of being ready. The figures are printed for the closing note.
 */
class FaultIT {

    private static final String KEY = "fault-test-key-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int PER_SECOND = 40;
    private static final Duration DATABASE_DOWN = Duration.ofSeconds(Long.getLong("modelwatch.fault.database-down-seconds", 60));

    private static Path kafkaDir;
    private static int kafkaPort;
    private static int controllerPort;
    private static EmbeddedKafka kafka;
    private static EmbeddedPlatform platform;
    private static PlatformEndpoints endpoints;
    private static Pipeline services;

    @BeforeAll
    static void start() throws IOException {
        kafkaDir = Files.createTempDirectory("modelwatch-fault-kafka-");
        kafkaPort = EmbeddedPlatformTestResource.freePort();
        controllerPort = EmbeddedPlatformTestResource.freePort();
        int postgresPort = EmbeddedPlatformTestResource.freePort();
        platform = EmbeddedPlatform.start(() -> EmbeddedKafka.start(kafkaDir, kafkaPort, controllerPort),
                () -> EmbeddedDatabase.start(null, postgresPort));
        kafka = platform.kafka();
        endpoints = platform.endpoints();
        services = Pipeline.start(endpoints, KEY, "fault-test", Map.of(),
                // the load is this test's; the per-key limit (600 a minute) would refuse most of it
                Map.of("MODELWATCH_INGEST_RATE_LIMIT_REQUESTS", "100000000"));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (platform != null) {
            platform.database().ifPresent(EmbeddedDatabase::close);
        }
    }

    /** Posts single announcements at a steady rate until stopped; keeps the slugs answered 202 and counts the rest. */
    private static final class Load implements Runnable {
        final String prefix = "fault-" + UUID.randomUUID().toString().substring(0, 8);
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);

        @Override
        public void run() {
            long next = System.nanoTime();
            while (running.get()) {
                int i = sent.getAndIncrement();
                String body = """
                        {"name": "%s %d", "organizations": [{"name": "Fault Lab", "country": "CN"}], "published": "2019-05",
                         "parameters": "%dB", "source": {"url": "https://example.org/fault", "name": "fault test"}}
                        """.formatted(prefix, i, 1 + i % 500);
                int status;
                String answer = "";
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(services.ingest().url() + "/api/v1/announcements"))
                            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + KEY)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    answer = response.body();
                } catch (IOException e) {
                    status = -1; // no answer: not accepted
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (status == 202) {
                    accepted.add(answer.replaceAll("(?s).*\"slug\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
                } else {
                    refused.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                next += 1_000_000_000L / PER_SECOND;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                } else {
                    next = System.nanoTime(); // behind (a slow answer): no burst to catch up
                }
            }
        }
    }

    @Test
    void everyAcceptedAnnouncementIsInTheCatalogAndTheDigestExactlyOnceAfterEachFault() throws Exception {
        Load load = new Load();
        Thread loader = new Thread(load, "fault-load");
        loader.start();
        List<String> figures = new ArrayList<>();
        try {
            awaitAccepted(load, 200);

            DatabaseOutage outage = DatabaseOutage.of(endpoints);
            long stoppedAt = System.nanoTime();
            outage.stop();
            sleepNanos(DATABASE_DOWN.toNanos());
            outage.start();
            figures.add("PostgreSQL stopped for " + millis(System.nanoTime() - stoppedAt) + " ms");
            awaitAccepted(load, load.accepted.size() + 200);

            long brokerStopped = System.nanoTime();
            kafka.stop();
            sleepNanos(Duration.ofSeconds(5).toNanos());
            kafka = EmbeddedKafka.start(kafkaDir, kafkaPort, controllerPort);
            figures.add("broker stopped and started again in " + millis(System.nanoTime() - brokerStopped) + " ms");
            awaitAccepted(load, load.accepted.size() + 200);

            figures.add("catalog " + killAndRestart(services.catalog(), load));
            awaitAccepted(load, load.accepted.size() + 200);
            figures.add("digest " + killAndRestart(services.digest(), load));
            awaitAccepted(load, load.accepted.size() + 200);
        } finally {
            load.running.set(false);
            loader.join(30_000);
        }

        Set<String> accepted = Set.copyOf(load.accepted);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(slugs("catalog", load.prefix)).containsAll(accepted);
            assertThat(slugs("digest", load.prefix)).containsAll(accepted);
        });
        long[] catalog = row("catalog", "select count(*), count(distinct slug), coalesce(max(announcements), 0) from model where slug like '"
                + load.prefix + "%'");
        long[] assertions = row("catalog", "select count(*), count(distinct event_id) from assertion where slug like '" + load.prefix + "%'");
        long[] digest = row("digest", "select count(*), count(distinct slug) from model where slug like '" + load.prefix + "%'");
        System.out.printf("FaultIT: sent %d, accepted (202) %d, refused %s; in the catalog %d (announcements per entry at most %d,"
                        + " assertions %d for %d events), in the digest %d; %s%n", load.sent.get(), accepted.size(),
                new TreeMap<>(load.refused), catalog[0], catalog[2], assertions[0], assertions[1], digest[0], String.join("; ", figures));
        assertThat(catalog[0]).as("entries in the catalog").isEqualTo(accepted.size()).isEqualTo(catalog[1]);
        assertThat(catalog[2]).as("announcements of an entry (a redelivery counted twice would make 2)").isEqualTo(1);
        assertThat(assertions[0]).as("assertions, one per accepted announcement").isEqualTo(accepted.size()).isEqualTo(assertions[1]);
        assertThat(digest[0]).as("entries in the digest's read model").isEqualTo(accepted.size());
        assertThat(load.refused.keySet()).as("answers other than 202: unavailable while a dependency is away, never a 500")
                .allSatisfy(status -> assertThat(status).isIn(503, -1));
    }

    /** Kills the service, starts it again, and says how long its consumer took to move again once it was ready. */
    private static String killAndRestart(ServiceProcess service, Load load) throws Exception {
        String schema = service == services.catalog() ? "catalog" : "digest";
        service.kill();
        long restarted = System.nanoTime();
        service.start();
        long ready = System.nanoTime();
        long before = count(schema, load.prefix);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> count(schema, load.prefix) > before);
        long moving = System.nanoTime();
        return "killed: ready again after " + millis(ready - restarted) + " ms, its consumer moving " + millis(moving - ready)
                + " ms after that";
    }

    private static void awaitAccepted(Load load, int atLeast) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> load.accepted.size() >= atLeast);
    }

    private static Set<String> slugs(String schema, String prefix) throws Exception {
        Set<String> slugs = new java.util.HashSet<>();
        try (Connection c = connection(schema); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select slug from model where slug like '" + prefix + "%'")) {
            while (r.next()) {
                slugs.add(r.getString(1));
            }
        }
        return slugs;
    }

    private static long count(String schema, String prefix) throws Exception {
        return row(schema, "select count(*) from model where slug like '" + prefix + "%'")[0];
    }

    private static long[] row(String schema, String query) throws Exception {
        try (Connection c = connection(schema); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            long[] values = new long[r.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.getLong(i + 1);
            }
            return values;
        }
    }

    private static Connection connection(String schema) throws Exception {
        return DriverManager.getConnection(endpoints.jdbcUrl() + "?currentSchema=" + schema, endpoints.username(), endpoints.password());
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
