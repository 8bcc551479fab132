package io.modelwatch.ingest.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A request made with an Idempotency-Key: which key, for which endpoint, and the hash of its body. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey extends PanacheEntityBase {

    @EmbeddedId
    public Id id;

    public String endpoint;

    @Column(name = "body_sha256")
    public String bodySha256;

    @Column(name = "created_at")
    public Instant createdAt;

    @Embeddable
    public static class Id implements Serializable {

        @Column(name = "key_name")
        public String keyName;

        @Column(name = "idempotency_key")
        public String idempotencyKey;

        public Id() {
        }

        public Id(String keyName, String idempotencyKey) {
            this.keyName = keyName;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && Objects.equals(keyName, other.keyName)
                    && Objects.equals(idempotencyKey, other.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyName, idempotencyKey);
        }
    }
}
