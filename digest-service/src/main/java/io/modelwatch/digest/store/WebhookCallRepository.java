package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The webhook outbox ({@code webhook_call}), worked through as a {@link LeasedQueue}. */
@ApplicationScoped
public class WebhookCallRepository implements PanacheRepositoryBase<WebhookCall, UUID> {

    /** A claimed call with what it takes to make it. */
    public record Due(UUID id, String url, String secret, String event, String payload) {
    }

    /** Records one call per webhook registered for the event, in the caller's transaction; returns how many. */
    /** Whether any webhook is registered for the event (so that a batch need not record calls one by one for none). */
    public boolean anyListensTo(String event) {
        return ((Boolean) getEntityManager().createNativeQuery("select exists (select 1 from webhook w where :event = any (w.events))")
                .setParameter("event", event).getSingleResult());
    }

    public int record(String event, String payload, Instant now) {
        return getEntityManager().createNativeQuery("""
                        insert into webhook_call (id, webhook_id, event, payload, state, attempts, next_attempt_at, created_at)
                        select gen_random_uuid(), w.id, :event, :payload, 'pending', 0, :now, :now
                        from webhook w where :event = any (w.events)""")
                .setParameter("event", event).setParameter("payload", payload).setParameter("now", Timestamp.from(now))
                .executeUpdate();
    }

    /** Claims up to {@code limit} due calls until {@code leaseUntil}, with their webhook's URL and secret. */
    @SuppressWarnings("unchecked")
    public List<Due> claim(int limit, Instant now, Instant leaseUntil) {
        List<UUID> ids = LeasedQueue.WEBHOOK_CALLS.claim(getEntityManager(), limit, now, leaseUntil);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select c.id, w.url, w.secret, c.event, c.payload
                        from webhook_call c join webhook w on w.id = c.webhook_id
                        where c.id in (:ids)""")
                .setParameter("ids", ids).getResultList();
        return rows.stream().map(r -> new Due(r[0] instanceof UUID u ? u : UUID.fromString(r[0].toString()),
                        (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
                .sorted(Comparator.comparingInt(d -> ids.indexOf(d.id()))).toList();
    }

    public void delivered(UUID id) {
        getEntityManager().createNativeQuery(
                        "update webhook_call set state = 'sent', delivered_at = now(), lease_until = null, last_error = null where id = :id")
                .setParameter("id", id).executeUpdate();
    }
}
