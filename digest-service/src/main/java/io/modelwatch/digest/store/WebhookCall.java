package io.modelwatch.digest.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One call to make (the webhook outbox row); states as {@code delivery}: pending, sending, sent, failed. */
@Entity
@Table(name = "webhook_call")
public class WebhookCall {

    @Id
    public UUID id;

    @Column(name = "webhook_id")
    public UUID webhookId;

    public String event;

    public String payload;

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

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
