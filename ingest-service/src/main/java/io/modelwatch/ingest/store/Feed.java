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
}
