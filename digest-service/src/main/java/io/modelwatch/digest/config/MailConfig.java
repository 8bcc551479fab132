package io.modelwatch.digest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Subscriptions, the mail sender and outgoing webhooks (SMTP itself is configured under {@code quarkus.mailer}). */
@ConfigMapping(prefix = "modelwatch.digest.mail")
public interface MailConfig {

    /** The secret that signs the links in mails (HMAC-SHA256). Every replica needs the same one. */
    Optional<String> tokenSecret();

    /** How long a confirmation link is valid. */
    @WithDefault("48h")
    Duration confirmTtl();

    /** How long the preferences and unsubscribe links of a mail stay valid. */
    @WithDefault("400d")
    Duration manageTtl();

    /** The List-Id of review mails: "modelwatch reviews &lt;list-id&gt;". */
    @WithDefault("reviews.modelwatch.local")
    String listId();

    /** The domain part of the Message-IDs. */
    @WithDefault("modelwatch.local")
    String messageIdDomain();

    /** How often the mail sender and the webhook caller look for due work ("off": never; tests drive them). */
    @WithDefault("5s")
    String poll();

    /** Delay after startup before the first round. */
    @WithDefault("5s")
    String pollDelay();

    /** Mails claimed per round. */
    @WithDefault("50")
    int batchSize();

    /** How long a claimed mail is reserved for the replica that claimed it; after that another replica may send it. */
    @WithDefault("2m")
    Duration lease();

    /** How long one mail's SMTP exchange may take before it counts as a temporary failure (retried); below the lease. */
    @WithDefault("1m")
    Duration sendTimeout();

    /** Attempts before a mail that keeps failing temporarily is given up (state failed). */
    @WithDefault("8")
    int maxAttempts();

    /** Backoff after the first temporary failure; doubles with each attempt up to {@link #backoffMax()}. */
    @WithDefault("30s")
    Duration backoffBase();

    @WithDefault("6h")
    Duration backoffMax();

    /** Sliding-window rate limit: at most this many mails per {@link #rateWindow()} per replica; 0 = no limit. */
    @WithDefault("20")
    int rateLimit();

    @WithDefault("1s")
    Duration rateWindow();

    /** Subscribe requests allowed per address and per client within {@link #subscribeWindow()}. */
    @WithDefault("3")
    int subscribePerAddress();

    @WithDefault("20")
    int subscribePerClient();

    @WithDefault("1h")
    Duration subscribeWindow();

    /** After this many hard bounces the address is suppressed: nothing more is sent to it. */
    @WithDefault("2")
    int hardBounceLimit();

    /** Outgoing webhooks. */
    Webhooks webhooks();

    interface Webhooks {
        /** IP addresses a webhook may reach although they are not public (127.0.0.1 in tests); empty by default. */
        Optional<List<String>> allowedAddresses();

        @WithDefault("8")
        int maxAttempts();

        @WithDefault("10s")
        Duration backoffBase();

        @WithDefault("1h")
        Duration backoffMax();

        @WithDefault("10s")
        Duration timeout();
    }
}
