package io.modelwatch.digest.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One mail to send (the outbox row): see V3__subscriptions.sql for its states. */
@Entity
@Table(name = "delivery")
public class Delivery extends LeasedRow {

    public static final String SKIPPED = "skipped";

    public enum Type {
        CONFIRMATION, WELCOME, DIGEST;

        public String tag() {
            return name().toLowerCase();
        }
    }

    public String type;

    @Column(name = "subscriber_id")
    public UUID subscriberId;

    @Column(name = "digest_id")
    public UUID digestId;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "sent_at")
    public Instant sentAt;
}
