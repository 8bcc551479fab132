package io.modelwatch.digest.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered outgoing webhook: where to POST, for which events, and the secret its calls are signed with. */
@Entity
@Table(name = "webhook")
public class Webhook {

    public static final String DIGEST_PUBLISHED = "digest.published";
    public static final String MODEL_ADDED = "model.added";

    @Id
    public UUID id;

    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] events;

    public String secret;

    @Column(name = "created_at")
    public Instant createdAt;
}
