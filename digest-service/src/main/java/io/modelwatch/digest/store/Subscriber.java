package io.modelwatch.digest.store;

import io.modelwatch.digest.review.Interests;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One subscription: an address, its language, frequency and topics, and where it is in its life. */
@Entity
@Table(name = "subscriber")
public class Subscriber {

    public static final String PENDING = "pending";
    public static final String CONFIRMED = "confirmed";
    public static final String UNSUBSCRIBED = "unsubscribed";

    @Id
    public UUID id;

    public String email;

    @Column(name = "email_key")
    public String emailKey;

    public String language;

    public String frequency;

    @JdbcTypeCode(SqlTypes.JSON)
    public Interests topics;

    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    @Column(name = "hard_bounces")
    public int hardBounces;

    @Column(name = "soft_bounces")
    public int softBounces;

    @Column(name = "suppressed_at")
    public Instant suppressedAt;

    /** Whether review mails (and the welcome mail) may go to this address. */
    public boolean receivesReviews() {
        return CONFIRMED.equals(status) && suppressedAt == null;
    }
}
