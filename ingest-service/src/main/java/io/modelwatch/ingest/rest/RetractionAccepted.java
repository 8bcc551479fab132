package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RetractionAccepted", description = "The broker has the retraction.")
public record RetractionAccepted(
        @Schema(description = "The CloudEvent id of the retraction (the same for a repeated retraction)") String eventId,
        @Schema(description = "The slug of the retracted release (the Kafka key)") String slug,
        @Schema(description = "The event id of the announcement retracted") String retracts) {
}
