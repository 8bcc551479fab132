package io.modelwatch.digest.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One call to make (the webhook outbox row); states as {@code delivery}: pending, sending, sent, failed. */
@Entity
@Table(name = "webhook_call")
public class WebhookCall extends LeasedRow {

    @Column(name = "webhook_id")
    public UUID webhookId;

    public String event;

    public String payload;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
