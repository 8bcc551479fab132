package io.modelwatch.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A guarded request goes to the address the guard checked: the host names here exist only in the test's resolver, so
 * a second lookup by the HTTP client (the DNS-rebinding window) would fail with an unknown host.
 */
class GuardedHttpTest {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private Vertx vertx;
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Host") + " "
                    + exchange.getRequestHeaders().getFirst("X-Test") + " " + body);
            byte[] answer = "0123456789".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static AddressGuard guardKnowing(String host, AtomicInteger lookups) {
        return new AddressGuard(List.of("127.0.0.1"), "hooks", "called", "allowed-addresses", name -> {
            lookups.incrementAndGet();
            if (name.equals(host)) {
                return new InetAddress[] {InetAddress.getByAddress(name, LOOPBACK)};
            }
            throw new UnknownHostException(name);
        });
    }

    private URI url(String host) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/hook");
    }

    @Test
    void aPostGoesToTheCheckedAddressWithTheNameAsHostAndTheNameIsLookedUpOnce() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        GuardedHttp http = new GuardedHttp(vertx, guardKnowing("hooks.example.test", lookups), Duration.ofSeconds(10));

        GuardedHttp.Answer answer = http.send(HttpMethod.POST, url("hooks.example.test"), Map.of("X-Test", "yes"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 1_000);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
        assertThat(lookups).hasValue(1);
        assertThat(received).containsExactly("POST hooks.example.test:" + server.getAddress().getPort() + " yes {\"a\":1}");
    }

    @Test
    void aRefusedAddressIsNeverContacted() {
        AddressGuard guard = new AddressGuard(List.of(), "hooks", "called", "allowed-addresses",
                name -> new InetAddress[] {InetAddress.getByAddress(name, LOOPBACK)});
        GuardedHttp http = new GuardedHttp(vertx, guard, Duration.ofSeconds(10));

        assertThatThrownBy(() -> http.send(HttpMethod.POST, url("hooks.example.test"), Map.of(), new byte[0], 0))
                .isInstanceOf(AddressGuard.RefusedAddressException.class).hasMessageContaining("127.0.0.1");
        assertThat(received).isEmpty();
    }

    @Test
    void aBodyOverTheLimitFailsAndALimitOfZeroDiscardsIt() throws Exception {
        GuardedHttp http = new GuardedHttp(vertx, guardKnowing("hooks.example.test", new AtomicInteger()), Duration.ofSeconds(10));

        assertThatThrownBy(() -> http.send(HttpMethod.GET, url("hooks.example.test"), Map.of(), null, 5))
                .isInstanceOf(GuardedHttp.TooLargeException.class).hasMessageContaining("larger than 5 bytes");
        GuardedHttp.Answer discarded = http.send(HttpMethod.GET, url("hooks.example.test"), Map.of(), null, 0);
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.body()).isEmpty();
    }
}
