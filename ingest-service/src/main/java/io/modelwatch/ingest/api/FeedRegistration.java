package io.modelwatch.ingest.api;

import io.modelwatch.ingest.feed.FeedRules;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FeedRegistration", description = "An RSS, Atom or JSON Feed source to poll.")
public record FeedRegistration(
        @Schema(required = true, description = "The feed's http(s) URL; internal addresses are refused", examples = "https://example.org/blog/feed.xml")
        String url,
        @Schema(required = true, description = "A short name; announcements from this feed are published as 'feed:<name>'",
                examples = "example-blog")
        String name,
        @Schema(description = "Seconds between polls (at least 60)", defaultValue = "900")
        Integer pollIntervalSeconds,
        @Schema(description = "The organisation announcements are attributed to when an entry names none it knows",
                examples = "Hugging Face")
        String organization,
        @Schema(description = "Its ISO 3166-1 alpha-2 country", examples = "US")
        String country,
        @Schema(description = "With keep rules, only entries matching at least one are read")
        List<FeedRules.Rule> keep,
        @Schema(description = "Entries matching any block rule are dropped")
        List<FeedRules.Rule> block) {
}
