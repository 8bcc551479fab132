package io.modelwatch.digest.store;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An outbox table worked through by leases, shared by the mails ({@code delivery}) and the webhook calls
 * ({@code webhook_call}): both have {@code state} (pending, sending, then sent/delivered, failed or skipped),
 * {@code attempts}, {@code next_attempt_at} and {@code lease_until}. A claim takes due rows (pending ones whose time
 * has come, and sending ones whose lease ran out because their sender stopped) with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas never claim the same row; each claim counts as an attempt.
 */
public enum LeasedQueue {
    DELIVERIES("delivery"),
    WEBHOOK_CALLS("webhook_call");

    private final String claim;

    LeasedQueue(String table) {
        this.claim = """
                update %1$s set state = 'sending', lease_until = :lease, attempts = attempts + 1
                where id in (
                    select id from %1$s
                    where (state = 'pending' and next_attempt_at <= :now) or (state = 'sending' and lease_until <= :now)
                    order by next_attempt_at
                    limit :limit
                    for update skip locked)
                returning id""".formatted(table);
    }

    /** Exponential backoff after a failed attempt: {@code base} after the first, doubling after each, never more than {@code max}. */
    public static Duration retryAfter(int attempts, Duration base, Duration max) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Claims up to {@code limit} due rows until {@code leaseUntil}, in the caller's transaction; returns their ids. */
    @SuppressWarnings("unchecked")
    public List<UUID> claim(EntityManager em, int limit, Instant now, Instant leaseUntil) {
        List<Object> ids = em.createNativeQuery(claim)
                .setParameter("lease", Timestamp.from(leaseUntil)).setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit).getResultList();
        return ids.stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
    }
}
