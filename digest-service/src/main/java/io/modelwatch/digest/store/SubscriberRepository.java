package io.modelwatch.digest.subscription;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriberRepository implements PanacheRepositoryBase<Subscriber, UUID> {

    public Optional<Subscriber> byEmail(String email) {
        return find("emailKey", email.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /** Confirmed, not suppressed subscribers of a frequency in a language. */
    public List<Subscriber> audience(Frequency frequency, String language) {
        return list("frequency = ?1 and language = ?2 and status = ?3 and suppressedAt is null",
                frequency.tag(), language, Subscriber.CONFIRMED);
    }
}
