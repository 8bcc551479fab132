package io.modelwatch.catalog.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * The oldest pending events, locked until the transaction ends. Rows another relay replica holds are
     * skipped rather than waited for, so replicas share the work without publishing an event twice.
     */
    /** One relay at a time (see OutboxRelay); held until the transaction ends. */
    public boolean lockRelay() {
        Object locked = getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(1297547266, 0)").getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    public void deleteSent(List<Long> ids) {
        delete("id in ?1", ids);
    }

    @SuppressWarnings("unchecked")
    public List<OutboxEvent> lockOldest(int limit) {
        return getEntityManager()
                .createNativeQuery("select * from outbox_event order by id limit :limit for update skip locked", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
