package io.modelwatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.modelwatch.guard.AddressGuard;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher connects to the address the guard checked and never resolves the host name itself: the names here
 * exist only in the test's resolver, so any second lookup (by the HTTP client) would fail.
 */
class FeedFetcherTest {

    private Vertx vertx;
    private HttpServer server;
    private final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "http://rebound.example.test:" + server.getAddress().getPort() + "/feed");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            byte[] body = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theNameIsResolvedOnceByTheGuardAndTheRequestGoesToThatAddressWithTheNameAsHost() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        AddressGuard guard = new AddressGuard(List.of("127.0.0.1"), "feeds", "fetched", "allowed-addresses", host -> {
            lookups.incrementAndGet();
            if (host.equals("feeds.example.test")) {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }
            throw new UnknownHostException(host);
        });
        FeedFetcher fetcher = new FeedFetcher(vertx, guard, Duration.ofSeconds(10), 1_000_000);
        int port = server.getAddress().getPort();

        FeedFetcher.Fetched fetched = fetcher.fetch(URI.create("http://feeds.example.test:" + port + "/feed"), null, null);

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.etag()).isEqualTo("\"v1\"");
        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).contains("<rss");
        assertThat(lookups).hasValue(1);
        assertThat(hosts).containsExactly("feeds.example.test:" + port);
    }

    @Test
    void aRedirectIsCheckedAgainAndANameThatNowResolvesToTheMetadataAddressIsRefused() {
        // The second name "rebinds" to the cloud metadata address: refused before any connection.
        AddressGuard guard = new AddressGuard(List.of("127.0.0.1"), "feeds", "fetched", "allowed-addresses", host -> switch (host) {
            case "feeds.example.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            case "rebound.example.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
            default -> throw new UnknownHostException(host);
        });
        FeedFetcher fetcher = new FeedFetcher(vertx, guard, Duration.ofSeconds(10), 1_000_000);
        int port = server.getAddress().getPort();

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://feeds.example.test:" + port + "/moved"), null, null))
                .isInstanceOf(AddressGuard.RefusedAddressException.class).hasMessageContaining("169.254.169.254");
        assertThat(hosts).containsExactly("feeds.example.test:" + port);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(FeedFetcher.retryAfter("120", now)).isEqualTo(now.plusSeconds(120));
        assertThat(FeedFetcher.retryAfter("Thu, 01 Jan 2026 02:00:00 GMT", now)).isEqualTo(now.plusSeconds(7200));
        assertThat(FeedFetcher.retryAfter("soon", now)).isNull();
        assertThat(FeedFetcher.retryAfter(null, now)).isNull();
    }
}
