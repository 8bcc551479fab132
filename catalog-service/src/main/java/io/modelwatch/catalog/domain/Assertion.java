package io.modelwatch.catalog.domain;

import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.ReleaseAnnounced;
import java.time.Instant;

/**
 * What one announcement stated about an entry: every non-null field of {@code facts} is an assertion of that
 * field's value by {@code facts.publisher()}, with {@code facts.confidence()}, at {@code facts.announcedAt()}.
 * Stored as one row per announcement (see V2 migration), so an event costs one insert whatever its size.
 */
public record Assertion(String eventId, ReleaseAnnounced facts) {

    public String publisher() {
        return facts.publisher();
    }

    public Confidence confidence() {
        return facts.confidence();
    }

    public Instant statedAt() {
        return facts.announcedAt();
    }
}
