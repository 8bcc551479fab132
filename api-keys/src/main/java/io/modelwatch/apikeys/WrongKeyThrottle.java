package io.modelwatch.apikeys;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wrong API keys are throttled per client: after {@code modelwatch.api-keys.wrong-key.limit} wrong keys from one client
 * address within {@code modelwatch.api-keys.wrong-key.window}, every key it presents (right ones too) is refused with
 * 429 and Retry-After until the window ends, so keys cannot be guessed at the speed of the network. Fixed windows per
 * address, forgotten when they end; the client address is the one Quarkus reports (the forwarded one behind a trusted
 * proxy when {@code quarkus.http.proxy.*} says so).
 */
@ApplicationScoped
public class WrongKeyThrottle {

    /** Beyond this many remembered clients, ended windows are dropped before another is added. */
    private static final int MAX_CLIENTS = 100_000;

    private record Window(long start, int wrong) {
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public WrongKeyThrottle(@ConfigProperty(name = "modelwatch.api-keys.wrong-key.limit", defaultValue = "20") int limit,
                            @ConfigProperty(name = "modelwatch.api-keys.wrong-key.window", defaultValue = "PT1M") Duration window) {
        this(limit, window, Clock.systemUTC());
    }

    WrongKeyThrottle(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Seconds until {@code client} may present a key again; 0 when it may now. */
    public long retryAfterSeconds(String client) {
        Window w = windows.get(client);
        long now = clock.millis();
        if (w == null || now - w.start() >= windowMillis || w.wrong() < limit) {
            return 0;
        }
        return Math.max(1, (w.start() + windowMillis - now + 999) / 1000);
    }

    /** Counts a wrong key presented by {@code client}. */
    public void wrongKey(String client) {
        long now = clock.millis();
        if (windows.size() >= MAX_CLIENTS) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
        }
        windows.compute(client, (c, w) -> w == null || now - w.start() >= windowMillis
                ? new Window(now, 1) : new Window(w.start(), w.wrong() + 1));
    }

    /** The cause of the authentication failure when the key was not checked because the client is throttled. */
    public static final class Throttled extends RuntimeException {
        private final long retryAfterSeconds;

        Throttled(long retryAfterSeconds) {
            super("Too many wrong API keys from this client; try again in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
