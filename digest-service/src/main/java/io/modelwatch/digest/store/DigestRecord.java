package io.modelwatch.digest.store;

import io.modelwatch.digest.review.Digest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A generated review, stored whole, one row per (kind, period, language, version). */
@Entity
@Table(name = "digest")
public class DigestRecord {

    @Id
    public UUID id;

    public String kind;

    @Column(name = "period_key")
    public String periodKey;

    public int version;

    @Column(name = "period_from")
    public LocalDate from;

    @Column(name = "period_to")
    public LocalDate to;

    public String language;

    public String title;

    public String summary;

    @JdbcTypeCode(SqlTypes.JSON)
    public Digest content;

    @Column(name = "created_at")
    public Instant createdAt;
}
