package io.modelwatch.catalog.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads outbox_dead_letter: the changes the outbox relay could never send (written by the relay itself). */
@ApplicationScoped
public class OutboxDeadLetterStore {

    /** A change that was never sent; its snapshot is model_revision's (slug, revision). */
    public record DeadLetter(long id, UUID eventId, String eventType, String slug, long revision, long payloadBytes,
                             Instant createdAt, Instant failedAt, String reason) {
    }

    private final Jdbc jdbc;

    public OutboxDeadLetterStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest first, at most {@code limit}. */
    public List<DeadLetter> newest(int limit) {
        return jdbc.sql("select id, event_id, event_type, aggregate_id, revision, payload_bytes, created_at, failed_at, reason "
                + "from outbox_dead_letter order by id desc limit ?", s -> {
            s.setInt(1, limit);
            List<DeadLetter> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new DeadLetter(r.getLong(1), r.getObject(2, UUID.class), r.getString(3),
                    r.getString(4), r.getLong(5), r.getLong(6), r.getTimestamp(7).toInstant(),
                    r.getTimestamp(8).toInstant(), r.getString(9))));
            return rows;
        });
    }
}
