package io.modelwatch.contract;

import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Data of {@value EventTypes#RELEASE_RETRACTED}: the publisher withdraws an earlier announcement.
 * Keyed by the slug of that announcement, so it follows it on the same partition.
 */
public record ReleaseRetracted(@NotBlank @Size(max = Limits.NAME * 4) @PlainText String slug,
                               @NotBlank @Size(max = 64) @PlainText String announcementEventId,
                               @Size(max = Limits.TEXT) @PlainText String reason,
                               @Size(max = Limits.ORGANIZATION_NAME) @PlainText String publisher,
                               Instant retractedAt) {
}
