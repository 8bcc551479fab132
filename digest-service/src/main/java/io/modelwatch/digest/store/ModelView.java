package io.modelwatch.digest.store;

import io.modelwatch.contract.ModelChanged;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The digest's copy of one catalog entry: the latest snapshot received, with the columns reviews query on. */
@Entity
@Table(name = "model")
public class ModelView {

    @Id
    public String slug;

    public long revision;

    public String kind;

    public String name;

    /** The Chinese display name (the contract's nameZh); null when none was given. */
    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "published_start")
    public LocalDate publishedStart;

    public Long parameters;

    /** FLOP used to train it; null when undisclosed. */
    @Column(name = "training_compute")
    public Double trainingCompute;

    @JdbcTypeCode(SqlTypes.JSON)
    public ModelChanged snapshot;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public void show(ModelChanged next, Instant now) {
        slug = next.slug();
        revision = next.revision();
        kind = next.kind().name().toLowerCase(Locale.ROOT);
        name = next.name();
        nameZh = next.nameZh();
        publishedStart = next.published() == null ? null : next.published().start();
        parameters = next.parameters() == null ? null : next.parameters().value();
        trainingCompute = next.trainingCompute() == null ? null : next.trainingCompute().value();
        snapshot = next;
        updatedAt = now;
    }
}
