package io.modelwatch.digest.webhook;

import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.store.LeasedQueue;
import io.modelwatch.digest.store.LeasedRow;
import io.modelwatch.digest.store.WebhookCall;
import io.modelwatch.digest.store.WebhookCallRepository;
import io.modelwatch.guard.AddressGuard;
import io.modelwatch.guard.GuardedHttp;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Calls the registered webhooks from the outbox: a JSON POST with {@code X-Modelwatch-Event}, {@code X-Modelwatch-Delivery}
 * (the call's id: receivers deduplicate on it, delivery is at least once), {@code X-Modelwatch-Timestamp} and
 * {@code X-Modelwatch-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body" with the webhook's secret>}. A 2xx answer
 * is success; anything else, or no answer, is retried with exponential backoff up to {@code max-attempts}. The target
 * is checked against the address guard before every call and the call goes to the address it checked ({@link GuardedHttp}:
 * no second lookup for DNS rebinding to answer), and redirects are not followed.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final WebhookService webhooks;
    private final WebhookCallRepository calls;
    private final MailConfig.Webhooks config;
    private final GuardedHttp http;
    private final Clock clock = Clock.systemUTC();

    public WebhookSender(WebhookService webhooks, WebhookCallRepository calls, MailConfig config, Vertx vertx) {
        this.webhooks = webhooks;
        this.calls = calls;
        this.config = config.webhooks();
        this.http = new GuardedHttp(vertx, webhooks.guard(), this.config.timeout());
    }

    @Scheduled(identity = "webhook-sender", every = "${modelwatch.digest.mail.poll}", delayed = "${modelwatch.digest.mail.poll-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drain();
    }

    private record Call(UUID id, String url, String secret, String event, String payload) {
    }

    /** Makes every due call; returns how many succeeded. */
    public int drain() {
        int delivered = 0;
        while (true) {
            List<Call> batch = QuarkusTransaction.requiringNew().call(this::claim);
            if (batch.isEmpty()) {
                return delivered;
            }
            for (Call call : batch) {
                if (send(call)) {
                    delivered++;
                }
            }
        }
    }

    private List<Call> claim() {
        Instant now = clock.instant();
        return calls.claim(20, now, now.plus(config.timeout().multipliedBy(3))).stream()
                .map(d -> new Call(d.id(), d.url(), d.secret(), d.event(), d.payload())).toList();
    }

    private boolean send(Call call) {
        String error;
        try {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "modelwatch-digest-webhooks");
            headers.put("X-Modelwatch-Event", call.event());
            headers.put("X-Modelwatch-Delivery", call.id().toString());
            headers.put("X-Modelwatch-Timestamp", timestamp);
            headers.put("X-Modelwatch-Signature", "sha256=" + sign(call.secret(), timestamp, call.payload()));
            // checked by the guard and sent to the address it checked; the receiver's answer body is not read
            int status = http.send(HttpMethod.POST, URI.create(call.url()), headers,
                    call.payload().getBytes(StandardCharsets.UTF_8), 0).status();
            if (status / 100 == 2) {
                QuarkusTransaction.requiringNew().run(() -> calls.delivered(call.id()));
                return true;
            }
            error = "HTTP " + status;
        } catch (AddressGuard.RefusedAddressException e) {
            error = "refused: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        String reason = error;
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookCall c = calls.findById(call.id());
            if (c == null) {
                return;
            }
            c.lastError = reason;
            c.leaseUntil = null;
            if (c.attempts >= config.maxAttempts()) {
                c.state = LeasedRow.FAILED;
                LOG.warnf("webhook call %s (%s) failed after %d attempts: %s", c.id, c.event, c.attempts, reason);
            } else {
                c.state = LeasedRow.PENDING;
                c.nextAttemptAt = clock.instant().plus(LeasedQueue.retryAfter(c.attempts, config.backoffBase(), config.backoffMax()));
            }
        });
        return false;
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}: what a receiver recomputes with the secret it was given. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
