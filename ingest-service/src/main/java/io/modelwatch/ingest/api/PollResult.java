package io.modelwatch.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PollResult", description = "What one poll of a feed did.")
public record PollResult(
        @Schema(description = "ok, not-modified (304 to the conditional request) or error", enumeration = {"ok", "not-modified", "error"})
        String status,
        @Schema(description = "The HTTP status of the answer, when there was one") Integer httpStatus,
        @Schema(description = "Entries in the feed document") int entries,
        @Schema(description = "Entries not seen before") int newEntries,
        @Schema(description = "New entries sent as speculative announcements") int announced,
        @Schema(description = "New entries dropped by the keep/block rules") int filtered,
        @Schema(description = "New entries that name no model release") int notReleases,
        @Schema(description = "New entries the broker did not take (tried again at the next poll)") int failed,
        @Schema(description = "What went wrong") String error,
        @Schema(description = "When the feed will be polled next") Instant nextPollAt) {
}
