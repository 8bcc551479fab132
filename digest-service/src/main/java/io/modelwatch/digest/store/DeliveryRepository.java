package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /** Claims up to {@code limit} due mails for this replica: see {@link LeasedQueue}. */
    public List<UUID> claim(int limit, Instant now, Instant leaseUntil) {
        return LeasedQueue.DELIVERIES.claim(getEntityManager(), limit, now, leaseUntil);
    }

    /** Records one digest mail per subscriber, once: a second call for the same review adds nothing. */
    public int recordDigest(UUID digestId, UUID subscriberId, String messageId, Instant now) {
        return getEntityManager().createNativeQuery("""
                        insert into delivery (id, type, subscriber_id, digest_id, message_id, state, attempts, next_attempt_at, created_at)
                        values (:id, 'digest', :subscriber, :digest, :messageId, 'pending', 0, :now, :now)
                        on conflict do nothing""")
                .setParameter("id", UUID.randomUUID()).setParameter("subscriber", subscriberId)
                .setParameter("digest", digestId).setParameter("messageId", messageId)
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }

    /**
     * Records one digest mail for every confirmed, non-suppressed subscriber of the frequency and language, in one
     * statement; the Message-ID is {@code <review.{review}.{subscriber}@domain>}, as {@code SubscriptionService.messageId}.
     */
    public int recordDigests(UUID digestId, String frequency, String language, String domain, Instant now) {
        return getEntityManager().createNativeQuery("""
                        insert into delivery (id, type, subscriber_id, digest_id, message_id, state, attempts, next_attempt_at, created_at)
                        select gen_random_uuid(), 'digest', s.id, :digest, '<review.' || :digestText || '.' || s.id || '@' || :domain || '>',
                               'pending', 0, :now, :now
                        from subscriber s
                        where s.frequency = :frequency and s.language = :language and s.status = 'confirmed' and s.suppressed_at is null
                        on conflict do nothing""")
                .setParameter("digest", digestId).setParameter("digestText", digestId.toString()).setParameter("domain", domain)
                .setParameter("frequency", frequency).setParameter("language", language)
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }
}
