package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriberRepository implements PanacheRepositoryBase<Subscriber, UUID> {

    public Optional<Subscriber> byEmail(String email) {
        return find("emailKey", email.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /** Keeps one bounce report of the subscriber ("soft" or "hard"), with the receiving server's reason. */
    public void recordBounce(UUID subscriber, String kind, String reason, Instant receivedAt) {
        getEntityManager().createNativeQuery(
                        "insert into bounce (id, subscriber_id, kind, reason, received_at) values (:id, :s, :k, :r, :t)")
                .setParameter("id", UUID.randomUUID()).setParameter("s", subscriber).setParameter("k", kind)
                .setParameter("r", reason == null ? "" : reason).setParameter("t", Timestamp.from(receivedAt)).executeUpdate();
    }
}
