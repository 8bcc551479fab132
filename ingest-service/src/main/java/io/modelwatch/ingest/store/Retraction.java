package io.modelwatch.ingest.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The retraction of an accepted announcement, kept under its own event id so that a repeated retraction re-sends it. */
@Entity
@Table(name = "retraction")
public class Retraction extends PanacheEntityBase {

    @Id
    @Column(name = "announcement_event_id")
    public UUID announcementEventId;

    @Column(name = "event_id")
    public UUID eventId;

    public String slug;

    public String reason;

    @Column(name = "retracted_by")
    public String retractedBy;

    @Column(name = "retracted_at")
    public Instant retractedAt;
}
