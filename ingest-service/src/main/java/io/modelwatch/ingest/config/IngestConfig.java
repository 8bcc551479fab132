package io.modelwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "modelwatch.ingest")
public interface IngestConfig {

    /**
     * The API keys of this environment, by name: {@code modelwatch.ingest.keys."<name>".sha256} (the SHA-256 of
     * the key, hex) and {@code .role}. The keys themselves are never configured, only their hashes.
     */
    Map<String, ApiKey> keys();

    /**
     * A convenience for one-command local runs and the system tests: the plain key from MODELWATCH_API_KEY is
     * hashed at start and becomes an admin key (admins may also publish) named {@link #apiKeyName()}.
     */
    Optional<String> apiKey();

    /** The name of the key given by {@link #apiKey()}; recorded as the publisher of what it sends. */
    @WithDefault("default")
    String apiKeyName();

    /** The default per-key rate limit. */
    RateLimit rateLimit();

    /** How long a request waits for the broker's acknowledgement before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** The largest body of a single announcement (bigger: 413). */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxAnnouncementSize();

    /** The largest body of a batch (bigger: 413); keep quarkus.http.limits.max-body-size above it. */
    @WithDefault("16M")
    io.quarkus.runtime.configuration.MemorySize maxBatchSize();

    /** The largest CSV file an import takes (bigger: 413); keep quarkus.http.limits.max-body-size above it. */
    @WithDefault("50M")
    io.quarkus.runtime.configuration.MemorySize maxImportSize();

    /** The most announcements one batch may hold (more: 413). */
    @WithDefault("10000")
    int maxBatchLines();

    /**
     * Whether the Kafka producer compresses (lz4) with lz4-java's native library instead of its slower Java port;
     * loaded at start, with the Java port when the library cannot be loaded
     * ({@code io.modelwatch.ingest.messaging.NativeLz4}). False: always the Java port.
     */
    @WithDefault("true")
    boolean nativeLz4();

    /** Feed polling. */
    Feeds feeds();

    /** How long Idempotency-Keys are remembered. */
    Idempotency idempotency();

    interface Idempotency {
        /**
         * How long a request's Idempotency-Key is kept (a retry within it gets the first answer's event ids; after it,
         * the same key is a 409 asking for a new one).
         */
        @WithDefault("24h")
        Duration retention();

        /** How often keys older than the retention are deleted ("off" disables). Read by the @Scheduled method. */
        @WithDefault("1h")
        String cleanupEvery();
    }

    interface Feeds {
        /**
         * IP addresses that feeds may be fetched from although they are not public (loopback, private, link-local):
         * none by default; the tests allow 127.0.0.1 for their local server.
         */
        Optional<List<String>> allowedAddresses();

        /** How often the scheduler looks for feeds that are due ("off" disables polling). Read by the @Scheduled method. */
        @WithDefault("30s")
        String checkEvery();

        /** How long after start the scheduler first looks. Read by the @Scheduled method. */
        @WithDefault("10s")
        String firstCheckAfter();

        /** The shortest poll interval a feed may be registered with. */
        @WithDefault("60s")
        Duration minPollInterval();

        /** One request's connect and read timeout. */
        @WithDefault("20s")
        Duration fetchTimeout();

        /** The largest feed document read. */
        @WithDefault("5M")
        io.quarkus.runtime.configuration.MemorySize maxSize();

        /** The longest wait between polls of a failing feed (the wait doubles with every failure up to this). */
        @WithDefault("6h")
        Duration maxBackoff();
    }

    interface ApiKey {
        /** SHA-256 of the key, 64 hex digits. */
        String sha256();

        /** publisher or admin. */
        Role role();

        /** This key's own limit of requests per {@link RateLimit#window()}, instead of the default. */
        Optional<Integer> requests();
    }

    interface RateLimit {
        /** Requests one key may make per window. */
        @WithDefault("600")
        int requests();

        @WithDefault("1m")
        Duration window();
    }

    /** What a key may do: a publisher announces and retracts its own announcements; an admin may do anything. */
    enum Role {
        PUBLISHER, ADMIN
    }
}
