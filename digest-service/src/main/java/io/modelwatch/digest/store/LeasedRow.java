package io.modelwatch.digest.store;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns of a {@link LeasedQueue} row, shared by mails and webhook calls. {@code state} is pending (due at
 * {@code nextAttemptAt}), sending (claimed until {@code leaseUntil}; {@code attempts} counts the claims), then sent,
 * failed (with {@code lastError}) or, for mails, skipped.
 */
@MappedSuperclass
public abstract class LeasedRow {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

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
}
