package io.modelwatch.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * The ledger's rows in SQL, on the caller's transaction (but for {@link #insertRequests}): {@code accepted_request} (one
 * row per accepted request: its publisher, its announcedAt and the slug of each of its announcements, in order) and
 * {@code retraction}.
 */
@ApplicationScoped
public class LedgerStore {

    /** The publisher and slug of one recorded announcement. */
    public record Announcement(String publisher, String slug) {
    }

    private final EntityManager entities;
    private final DataSource dataSource;

    public LedgerStore(EntityManager entities, DataSource dataSource) {
        this.entities = entities;
        this.dataSource = dataSource;
    }

    /**
     * Inserts the row of request {@code id}; with {@code skipExisting} the insert does nothing when the id exists.
     *
     * @return whether the row was written
     */
    public boolean insertRequest(UUID id, String publisher, Instant announcedAt, String[] slugs, boolean skipExisting) {
        int written = session().doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into accepted_request"
                    + " (id, publisher, announced_at, slugs) values (?, ?, ?, ?)"
                    + (skipExisting ? " on conflict (id) do nothing" : ""))) {
                insert.setObject(1, id);
                insert.setString(2, publisher);
                insert.setObject(3, announcedAt.atOffset(ZoneOffset.UTC));
                insert.setArray(4, connection.createArrayOf("text", slugs));
                return insert.executeUpdate();
            }
        });
        return written == 1;
    }

    /**
     * Inserts one request of one announcement per id, each with its own publisher, announcedAt and slug, in one
     * statement. The ids are random (a clash is a primary-key violation, an error).
     *
     * <p>Not on the caller's transaction: the statement runs alone on a connection of its own in autocommit, so it is
     * atomic by itself, and the group commit's writer, which calls this for every group of single announcements, pays
     * for neither a JTA transaction nor a Hibernate session.
     */
    public void insertRequests(UUID[] ids, String[] publishers, Instant[] announcedAt, String[] slugs) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into accepted_request (id, publisher, announced_at, slugs) select r.id, r.publisher, r.announced_at,"
                        + " array[r.slug] from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[]) as r(id, publisher, announced_at, slug)")) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("text", publishers));
            insert.setArray(3, connection.createArrayOf("text", java.util.Arrays.stream(announcedAt).map(Instant::toString).toArray()));
            insert.setArray(4, connection.createArrayOf("text", slugs));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The ledger could not record " + ids.length + " single announcements: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts one request of one announcement per id (ids[i] with slugs[i]) unless it exists, in one statement.
     *
     * @return the announcedAt of each id that existed already (the others were written now)
     */
    public java.util.Map<UUID, Instant> insertRequestsOfOne(UUID[] ids, String publisher, Instant announcedAt, String[] slugs) {
        return session().doReturningWork(connection -> {
            java.util.Set<UUID> written = new java.util.HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement("insert into accepted_request"
                    + " (id, publisher, announced_at, slugs) select r.id, ?, ?, array[r.slug] from unnest(?::uuid[], ?::text[])"
                    + " as r(id, slug) on conflict (id) do nothing returning id")) {
                insert.setString(1, publisher);
                insert.setObject(2, announcedAt.atOffset(ZoneOffset.UTC));
                insert.setArray(3, connection.createArrayOf("uuid", ids));
                insert.setArray(4, connection.createArrayOf("text", slugs));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        written.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            java.util.Map<UUID, Instant> existing = new java.util.HashMap<>();
            if (written.size() < ids.length) {
                try (PreparedStatement select = connection.prepareStatement(
                        "select id, announced_at from accepted_request where id = any(?)")) {
                    select.setArray(1, connection.createArrayOf("uuid",
                            java.util.Arrays.stream(ids).filter(id -> !written.contains(id)).distinct().toArray()));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            existing.put(rows.getObject(1, UUID.class), rows.getObject(2, OffsetDateTime.class).toInstant());
                        }
                    }
                }
            }
            return existing;
        });
    }

    /** The announcedAt of request {@code id}, or null when there is no such request. */
    public Instant announcedAt(UUID id) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select announced_at from accepted_request where id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getObject(1, OffsetDateTime.class).toInstant() : null;
                }
            }
        });
    }

    /** The announcement at {@code position} (from 0) of request {@code id}, or null when there is none. */
    public Announcement announcement(UUID id, int position) {
        return session().doReturningWork(connection -> {
            // slugs[] is 1-based; a position outside the request's announcements reads null
            try (PreparedStatement select = connection.prepareStatement(
                    "select publisher, slugs[? - first_index + 1] from accepted_request where id = ?")) {
                select.setInt(1, position);
                select.setObject(2, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getString(2) != null ? new Announcement(row.getString(1), row.getString(2)) : null;
                }
            }
        });
    }

    /** Inserts a retraction unless the announcement has one; a concurrent insert for it waits for the first. */
    public void insertRetraction(UUID announcementEventId, UUID eventId, String slug, String reason, String retractedBy,
                                 Instant retractedAt) {
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into retraction"
                    + " (announcement_event_id, event_id, slug, reason, retracted_by, retracted_at) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (announcement_event_id) do nothing")) {
                insert.setObject(1, announcementEventId);
                insert.setObject(2, eventId);
                insert.setString(3, slug);
                insert.setString(4, reason);
                insert.setString(5, retractedBy);
                insert.setObject(6, retractedAt.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        });
    }

    /**
     * Whether {@code failure} or one of its causes is a constraint violation as Hibernate reports it, or PostgreSQL's
     * unique violation (SQL state 23505).
     */
    public static boolean isKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Session session() {
        return entities.unwrap(Session.class);
    }
}
