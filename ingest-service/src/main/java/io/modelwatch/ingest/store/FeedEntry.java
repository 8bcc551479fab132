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
import java.util.UUID;

/** An entry of a feed that has been handled: announced (eventId) or not a release / filtered out (no eventId). */
@Entity
@Table(name = "feed_entry")
public class FeedEntry extends PanacheEntityBase {

    @EmbeddedId
    public Key id;

    public String title;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "seen_at")
    public Instant seenAt;

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "feed_id")
        public UUID feedId;

        @Column(name = "entry_key")
        public String entryKey;

        public Key() {
        }

        public Key(UUID feedId, String entryKey) {
            this.feedId = feedId;
            this.entryKey = entryKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(feedId, other.feedId) && Objects.equals(entryKey, other.entryKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(feedId, entryKey);
        }
    }
}
