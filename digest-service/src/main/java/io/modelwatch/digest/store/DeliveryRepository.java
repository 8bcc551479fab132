package io.modelwatch.digest.subscription;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /**
     * Claims up to {@code limit} due mails for this replica: pending ones whose time has come, and ones another sender
     * claimed but did not finish before its lease ran out (it crashed). Rows locked by another claimer are skipped.
     * Each claim counts as an attempt.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> claim(int limit, Instant now, Instant leaseUntil) {
        List<Object> ids = getEntityManager().createNativeQuery("""
                        update delivery set state = 'sending', lease_until = :lease, attempts = attempts + 1
                        where id in (
                            select id from delivery
                            where (state = 'pending' and next_attempt_at <= :now) or (state = 'sending' and lease_until <= :now)
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        returning id""")
                .setParameter("lease", Timestamp.from(leaseUntil)).setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit).getResultList();
        return ids.stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
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

    public int recordWelcome(UUID subscriberId, UUID digestId, String messageId, Instant now) {
        return getEntityManager().createNativeQuery("""
                        insert into delivery (id, type, subscriber_id, digest_id, message_id, state, attempts, next_attempt_at, created_at)
                        values (:id, 'welcome', :subscriber, :digest, :messageId, 'pending', 0, :now, :now)
                        on conflict do nothing""")
                .setParameter("id", UUID.randomUUID()).setParameter("subscriber", subscriberId)
                .setParameter("digest", digestId).setParameter("messageId", messageId)
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }
}
