package io.modelwatch.ingest.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A feed an admin registered, with what conditional polling needs and the state shown to admins. */
@Entity
@Table(name = "feed")
public class Feed extends PanacheEntityBase {

    @Id
    public UUID id;

    public String url;

    public String name;

    public String organization;

    public String country;

    @Column(name = "poll_interval_seconds")
    public int pollIntervalSeconds;

    @Column(name = "keep_rules")
    public String keepRules;

    @Column(name = "block_rules")
    public String blockRules;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    public String etag;

    @Column(name = "last_modified")
    public String lastModified;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_status")
    public String lastStatus;

    @Column(name = "last_http_status")
    public Integer lastHttpStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "consecutive_failures")
    public int consecutiveFailures;

    @Column(name = "next_poll_at")
    public Instant nextPollAt;

    @Column(name = "entries_seen")
    public long entriesSeen;

    @Column(name = "announcements_sent")
    public long announcementsSent;

    /**
     * Takes up to {@code limit} due feeds, in the caller's transaction: their next poll moves to {@code leaseUntil} in
     * the same statement, and rows another replica is taking are skipped (SKIP LOCKED), not waited for.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<java.util.UUID> claimDue(Instant now, int limit, Instant leaseUntil) {
        java.util.List<Object> ids = getEntityManager().createNativeQuery("""
                update feed set next_poll_at = :lease where id in (
                    select id from feed where next_poll_at <= :now order by next_poll_at limit :limit for update skip locked)
                returning id""")
                .setParameter("lease", java.sql.Timestamp.from(leaseUntil)).setParameter("now", java.sql.Timestamp.from(now))
                .setParameter("limit", limit).getResultList();
        return ids.stream().map(o -> o instanceof java.util.UUID u ? u : java.util.UUID.fromString(o.toString())).toList();
    }
}
