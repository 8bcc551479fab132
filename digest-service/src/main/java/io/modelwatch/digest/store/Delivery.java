package io.modelwatch.digest.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One mail to send (the outbox row): see V3__subscriptions.sql for its states. */
@Entity
@Table(name = "delivery")
public class Delivery {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public enum Type {
        CONFIRMATION, WELCOME, DIGEST;

        public String tag() {
            return name().toLowerCase();
        }
    }

    @Id
    public UUID id;

    public String type;

    @Column(name = "subscriber_id")
    public UUID subscriberId;

    @Column(name = "digest_id")
    public UUID digestId;

    @Column(name = "message_id")
    public String messageId;

    public String state;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
