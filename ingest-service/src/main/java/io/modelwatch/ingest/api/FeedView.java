package io.modelwatch.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelwatch.ingest.feed.FeedRules;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Feed", description = "A registered feed, with the state of its polling.")
public record FeedView(
        @Schema(description = "Its id") String id,
        @Schema(description = "The feed URL") String url,
        @Schema(description = "Its name; announcements are published as 'feed:<name>'") String name,
        @Schema(description = "The fallback organisation") String organization,
        @Schema(description = "The fallback organisation's country") String country,
        @Schema(description = "Seconds between polls") int pollIntervalSeconds,
        @Schema(description = "Keep rules") List<FeedRules.Rule> keep,
        @Schema(description = "Block rules") List<FeedRules.Rule> block,
        @Schema(description = "The API key that registered it") String createdBy,
        @Schema(description = "When it was registered") Instant createdAt,
        @Schema(description = "When it was last polled") Instant lastPolledAt,
        @Schema(description = "The outcome of the last poll", enumeration = {"ok", "not-modified", "error"}) String lastStatus,
        @Schema(description = "The HTTP status of the last poll, when there was an answer") Integer lastHttpStatus,
        @Schema(description = "What went wrong in the last poll") String lastError,
        @Schema(description = "Failed polls in a row; the wait before the next poll doubles with each") int consecutiveFailures,
        @Schema(description = "When it will be polled next") Instant nextPollAt,
        @Schema(description = "Entries handled so far") long entriesSeen,
        @Schema(description = "Announcements sent from its entries so far") long announcementsSent) {
}
