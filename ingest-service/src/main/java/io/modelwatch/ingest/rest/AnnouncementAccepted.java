package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted announcement: the CloudEvent id it travels under and the catalog slug. */
@Schema(name = "AnnouncementAccepted", description = "The broker has the announcement.")
public record AnnouncementAccepted(
        @Schema(description = "The CloudEvent id (ce_id) of the announcement; the same for a retry with the same Idempotency-Key")
        String eventId,
        @Schema(description = "The canonical slug of the release: its catalog id and Kafka key", examples = "t0")
        String slug) {
}
