package io.modelwatch.digest.mail;

import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.store.Delivery;
import io.modelwatch.digest.store.DeliveryRepository;
import io.modelwatch.digest.store.LeasedQueue;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.digest.subscription.RateLimits;
import io.modelwatch.digest.telemetry.MailMetrics;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Works through the mail outbox: claims due mails in batches ({@code FOR UPDATE SKIP LOCKED}, with a lease), sends each
 * over SMTP within a sliding-window rate limit, and records the outcome of each mail in its own transaction right after
 * the SMTP server answered: sent; a temporary failure (4xx, no connection, timeout) retried with exponential backoff up
 * to {@code max-attempts}; a permanent failure (5xx) failed at once. A sender that stops (crash, shutdown) mid-batch
 * leaves its unsent claims to expire; they are then claimed again. What remains: a crash after the SMTP server accepted
 * a mail and before the row says so sends that one mail again, with the same Message-ID (SMTP has no idempotency).
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private final ReactiveMailer mailer;
    private final MailComposer composer;
    private final DeliveryRepository deliveries;
    private final SubscriberRepository subscribers;
    private final MailConfig config;
    private final MailMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile RateLimits limits;

    public MailSender(ReactiveMailer mailer, MailComposer composer, DeliveryRepository deliveries, SubscriberRepository subscribers,
                      MailConfig config, MailMetrics metrics) {
        this.mailer = mailer;
        this.composer = composer;
        this.deliveries = deliveries;
        this.subscribers = subscribers;
        this.config = config;
        this.metrics = metrics;
        this.limits = smtpLimits(config.rateLimit());
    }

    @Scheduled(identity = "mail-sender", every = "${modelwatch.digest.mail.poll}", delayed = "${modelwatch.digest.mail.poll-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drain();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops sending after the mail in flight; the rest of the claimed batch waits for its lease to run out. */
    public void stop() {
        stopped.set(true);
    }

    public void start() {
        stopped.set(false);
    }

    /** Replaces the rate limit (0: none), as {@code rate-limit} per {@code rate-window}. */
    public void limit(int mails) {
        limits = smtpLimits(mails);
    }

    private RateLimits smtpLimits(int mails) {
        return new RateLimits("mails sent", mails, config.rateWindow());
    }

    /** Waits until the rate limit has room for one more mail, and takes it. */
    private void acquire() throws InterruptedException {
        while (true) {
            try {
                limits.take("smtp");
                return;
            } catch (RateLimitException e) {
                Thread.sleep(Math.max(1, e.getRetryAfterMillis()));
            }
        }
    }

    /** Sends every due mail, batch after batch, until none is due or the sender is stopped; returns how many were sent. */
    public int drain() {
        int sent = 0;
        while (!stopped.get()) {
            Instant now = clock.instant();
            List<UUID> batch = QuarkusTransaction.requiringNew()
                    .call(() -> deliveries.claim(config.batchSize(), now, now.plus(config.lease())));
            if (batch.isEmpty()) {
                break;
            }
            for (UUID id : batch) {
                if (stopped.get()) {
                    return sent;
                }
                if (sendOne(id)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private record Prepared(String type, MailComposer.Outgoing outgoing, int attempts) {
    }

    private boolean sendOne(UUID id) {
        Prepared prepared;
        try {
            prepared = QuarkusTransaction.requiringNew().call(() -> prepare(id));
        } catch (RuntimeException e) {
            LOG.errorf(e, "mail %s could not be written; retried later", id);
            QuarkusTransaction.requiringNew().run(() -> failed(id, null, e, false));
            return false;
        }
        if (prepared == null) {
            return false;
        }
        if (prepared.outgoing().skip() != null) {
            QuarkusTransaction.requiringNew().run(() -> deliveries.update(
                    "state = ?1, lastError = ?2, leaseUntil = null where id = ?3 and state = ?4",
                    Delivery.SKIPPED, prepared.outgoing().skip(), id, Delivery.SENDING));
            return false;
        }
        try {
            acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return false;
        }
        try {
            // An SMTP exchange that hangs is a temporary failure, well before the lease lets another replica claim the mail.
            mailer.send(prepared.outgoing().mail()).await().atMost(config.sendTimeout());
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> failed(id, prepared.type(), e, permanent(e)));
            return false;
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> deliveries.update(
                "state = ?1, sentAt = ?2, leaseUntil = null, lastError = null where id = ?3", Delivery.SENT, now, id));
        metrics.sent(prepared.type());
        return true;
    }

    /** Loads the claimed mail and its subscriber and writes it; null when the claim was lost to another sender. */
    private Prepared prepare(UUID id) {
        Delivery d = deliveries.findById(id);
        if (d == null || !Delivery.SENDING.equals(d.state)) {
            return null;
        }
        Subscriber s = subscribers.findById(d.subscriberId);
        String skip = null;
        if (s == null) {
            skip = "no subscriber";
        } else if (s.suppressedAt != null) {
            skip = "address suppressed after hard bounces";
        } else if (Delivery.Type.CONFIRMATION.tag().equals(d.type)) {
            if (!Subscriber.PENDING.equals(s.status)) {
                skip = "no confirmation needed any more (" + s.status + ")";
            }
        } else if (!s.receivesReviews()) {
            // Nothing but the confirmation ever goes to an address that has not confirmed (or has unsubscribed since).
            skip = "subscriber is " + s.status;
        }
        if (skip != null) {
            return new Prepared(d.type, new MailComposer.Outgoing(null, skip), d.attempts);
        }
        return new Prepared(d.type, composer.compose(d, s), d.attempts);
    }

    private void failed(UUID id, String type, Exception e, boolean permanent) {
        Delivery d = deliveries.findById(id);
        if (d == null) {
            return;
        }
        String reason = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
        d.lastError = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        d.leaseUntil = null;
        if (permanent || d.attempts >= config.maxAttempts()) {
            d.state = Delivery.FAILED;
            LOG.warnf("mail %s (%s) failed after %d attempts: %s", id, d.type, d.attempts, d.lastError);
            metrics.failed(d.type);
        } else {
            d.state = Delivery.PENDING;
            d.nextAttemptAt = clock.instant().plus(LeasedQueue.retryAfter(d.attempts, config.backoffBase(), config.backoffMax()));
            LOG.infof("mail %s (%s): temporary failure, attempt %d, next at %s: %s", id, d.type, d.attempts, d.nextAttemptAt, d.lastError);
        }
    }

    /** A 5xx answer is permanent; everything else (4xx, no connection, timeouts) is worth another try. */
    static boolean permanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }
}
