package io.modelwatch.digest.subscription;

import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.digest.telemetry.MailMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Records bounces reported by the mail provider; after {@code hard-bounce-limit} hard bounces the address is suppressed. */
@ApplicationScoped
public class BounceService {

    /** The body of {@code POST /api/v1/webhooks/bounce}: {@code type} is soft or hard. */
    public record BounceReport(@NotNull(message = EMAIL) @ReadableAs(value = ReadableAs.What.MAIL_ADDRESS, message = EMAIL) String email,
                               @NotNull(message = TYPE) @ReadableAs(value = ReadableAs.What.BOUNCE_TYPE, message = TYPE) String type,
                               String reason) {

        static final String EMAIL = "must be one plain e-mail address";
        static final String TYPE = "must be 'soft' or 'hard'";

        /** What an empty body is checked as: every required field missing. */
        public static final BounceReport EMPTY = new BounceReport(null, null, null);
    }

    /** "soft" or "hard", in any case and with spaces around; empty for anything else. */
    static Optional<String> type(String type) {
        String kind = type.strip().toLowerCase(Locale.ROOT);
        return kind.equals("soft") || kind.equals("hard") ? Optional.of(kind) : Optional.empty();
    }

    private final SubscriberRepository subscribers;
    private final MailConfig config;
    private final MailMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public BounceService(SubscriberRepository subscribers, MailConfig config, MailMetrics metrics) {
        this.subscribers = subscribers;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records a report that has passed its constraints (see {@link BounceReport}). */
    @Transactional
    public Map<String, Object> record(BounceReport report) {
        String email = EmailAddresses.parse(report.email()).orElseThrow();
        String kind = type(report.type()).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Subscriber> found = subscribers.byEmail(email);
        out.put("matched", found.isPresent());
        if (found.isEmpty()) {
            return out;
        }
        Subscriber s = subscribers.findById(found.get().id, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        String reason = report.reason() == null ? null : report.reason().substring(0, Math.min(1000, report.reason().length()));
        subscribers.recordBounce(s.id, kind, reason, now);
        if (kind.equals("hard")) {
            s.hardBounces++;
            if (s.hardBounces >= config.hardBounceLimit() && s.suppressedAt == null) {
                s.suppressedAt = now;
            }
        } else {
            s.softBounces++;
        }
        metrics.bounced(kind);
        out.put("hardBounces", s.hardBounces);
        out.put("softBounces", s.softBounces);
        out.put("suppressed", s.suppressedAt != null);
        return out;
    }
}
