package io.modelwatch.contract;

import java.time.Instant;

/**
 * Data of {@value EventTypes#RELEASE_RETRACTED}: the publisher withdraws an earlier announcement.
 * Keyed by the slug of that announcement, so it follows it on the same partition.
 */
public record ReleaseRetracted(String slug, String announcementEventId, String reason, String publisher, Instant retractedAt) {
}
