package io.modelwatch.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accepted announcement, kept so that its publisher (or an admin) can retract it later. */
@Entity
@Table(name = "announcement")
public class Announcement extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    public String slug;

    public String publisher;

    @Column(name = "announced_at")
    public Instant announcedAt;

    @Column(name = "retraction_event_id")
    public UUID retractionEventId;

    @Column(name = "retraction_reason")
    public String retractionReason;

    @Column(name = "retracted_by")
    public String retractedBy;

    @Column(name = "retracted_at")
    public Instant retractedAt;
}
