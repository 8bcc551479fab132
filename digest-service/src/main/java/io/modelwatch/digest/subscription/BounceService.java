package io.modelwatch.digest.subscription;

import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.digest.telemetry.MailMetrics;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Records bounces reported by the mail provider; after {@code hard-bounce-limit} hard bounces the address is suppressed. */
@ApplicationScoped
public class BounceService {

    /** The body of {@code POST /api/v1/webhooks/bounce}: {@code type} is soft or hard. */
    public record BounceReport(String email, String type, String reason) {
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

    @Transactional
    public Map<String, Object> record(BounceReport report) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<String> email = report == null ? Optional.empty() : EmailAddresses.parse(report.email());
        if (email.isEmpty()) {
            errors.add(new Problem.FieldError("email", "must be one plain e-mail address"));
        }
        String kind = report == null || report.type() == null ? "" : report.type().strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("soft") && !kind.equals("hard")) {
            errors.add(new Problem.FieldError("type", "must be 'soft' or 'hard'"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The bounce report is not valid.", errors));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Subscriber> found = subscribers.byEmail(email.get());
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
