package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {

    /** Which of these event ids were processed already (one query). */
    public Set<String> processedAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(getEntityManager().createQuery("select e.eventId from ProcessedEvent e where e.eventId in :ids", String.class)
                .setParameter("ids", eventIds).getResultList());
    }
}
