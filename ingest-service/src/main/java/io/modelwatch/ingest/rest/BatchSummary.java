package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The last line of a streamed batch report (application/x-ndjson). */
@Schema(name = "BatchSummary", description = "The last line of a streamed batch report.")
public record BatchSummary(
        @Schema(description = "Non-blank lines read") int lines,
        @Schema(description = "Lines acknowledged by the broker (status 202)") int accepted,
        @Schema(description = "Lines not accepted (status 400 or 503)") int rejected) {
}
