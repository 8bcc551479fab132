package io.modelwatch.catalog.model;

import io.modelwatch.contract.ModelChanged;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One catalog entry: the current snapshot, and the columns queries filter on (derived from it). */
@Entity
@Table(name = "model")
public class CatalogModel {

    @Id
    public String slug;

    public long revision;

    public String kind;

    public String name;

    @Column(name = "published_start")
    public LocalDate publishedStart;

    public Long parameters;

    public int announcements;

    @JdbcTypeCode(SqlTypes.JSON)
    public ModelChanged snapshot;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Replaces the snapshot and keeps the query columns in step with it. */
    public void show(ModelChanged next, Instant now) {
        slug = next.slug();
        revision = next.revision();
        kind = next.kind().name().toLowerCase(java.util.Locale.ROOT);
        name = next.name();
        publishedStart = next.published() == null ? null : next.published().start();
        parameters = next.parameters() == null ? null : next.parameters().value();
        announcements = next.announcements();
        snapshot = next;
        updatedAt = now;
    }
}
