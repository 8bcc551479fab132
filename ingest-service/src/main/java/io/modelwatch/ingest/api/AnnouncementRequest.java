package io.modelwatch.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import io.modelwatch.contract.validation.PublishedWithin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Source;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The public v1 announcement as a publisher sends it. Loosely typed on purpose (strings for enums,
 * any JSON for parameters) so that validation can name every bad field at once instead of failing
 * on the first one.
 */
@RecordBuilder
@Schema(name = "Announcement", description = "A model announcement (public API v1). Only name and one organisation are required.")
public record AnnouncementRequest(
        @Schema(description = "What is released", enumeration = {"model", "framework", "application"}, defaultValue = "model")
        @PlainText @Size(max = Limits.TERM) String kind,
        @Schema(required = true, description = "The release's name; its slug (catalog id, Kafka key) is made from it."
                + " Plain text on one line (no control or bidirectional-override characters), stored in Unicode NFC",
                examples = "Example-Model-7B")
        @PlainText @Size(max = Limits.NAME)
        String name,
        @Schema(description = "The release's name as Chinese readers know it (盘古 for Pangu), shown in Chinese reviews, mails"
                + " and feeds and found by the catalog's search. Optional; plain text on one line like name, stored in Unicode NFC",
                examples = "盘古")
        @PlainText @Size(max = Limits.NAME)
        String nameZh,
        @Schema(required = true, description = "At least one organisation behind the release")
        @Size(max = Limits.ORGANIZATIONS)
        List<@NotNull(message = "must be an organisation, not null") @Valid OrganizationInput> organizations,
        @Schema(description = "YYYY, YYYY-MM or YYYY-MM-DD, from 1900 to one year from today; the precision is kept",
                examples = "2021-10-15")
        @PlainText @Size(max = 10) @PublishedWithin
        String published,
        @Schema(description = "A number, or text as people write it (11B, 1.2 trillion, 137,000,000,000, 1.3e9, 62亿, 十亿级);"
                + " normalised to an exact count and kept as written. Absent or null means undisclosed; ambiguous text is a 400",
                oneOf = {Long.class, String.class}, examples = "11B")
        JsonNode parameters,
        @Schema(description = "Input/output modalities, lower-cased", examples = "[\"text\", \"image\"]")
        @Size(max = Limits.TERMS) List<@PlainText @Size(max = Limits.TERM) String> modalities,
        @Schema(description = "Tasks the release is for", examples = "[\"zero-shot prompting\"]")
        @Size(max = Limits.TERMS) List<@PlainText @Size(max = Limits.TERM) String> tasks,
        @Schema(description = "How it can be used (the Epoch AI notable-models values)",
                enumeration = {"open-weights-unrestricted", "open-weights-restricted", "open-weights-noncommercial",
                        "api", "hosted", "unreleased"})
        @PlainText @Size(max = Limits.TERM) String accessibility,
        @Schema(description = "Architecture in a few words", examples = "encoder-decoder")
        @PlainText @Size(max = Limits.TERM) String architecture,
        @Schema(description = "The model it is built on", examples = "Example-Base-Model")
        @PlainText @Size(max = Limits.TERM) String baseModel,
        @Schema(description = "Free tags, lower-cased", examples = "[\"instruction-tuned\"]")
        @Size(max = Limits.TERMS) List<@PlainText @Size(max = Limits.TERM) String> tags,
        @Schema(description = "Absolute http(s) URLs: paper, code, weights, announcement (each may be null)")
        @Valid Links links,
        @Schema(description = "A short summary in English (en) and/or Chinese (zh), plain text on one line")
        @Valid LocalizedText summary,
        @Schema(description = "Where the publisher learnt of the release: url (http or https) and name")
        @Valid Source source,
        @Schema(description = "How sure the publisher is (feed-extracted items are speculative)",
                enumeration = {"confident", "likely", "speculative"}, defaultValue = "confident")
        @PlainText @Size(max = Limits.TERM) String confidence,
        @Schema(description = "Floating-point operations used to train it: a number, text as people write it (3.8e25,"
                + " 3.8×10^25, 2.1e24 FLOP, ~1e24), or {value, approximate, note} with the note saying how it was estimated."
                + " Absent or null means undisclosed (never 0); a value that is not positive and finite is a 400",
                oneOf = {Double.class, String.class, Object.class}, examples = "3.8e25")
        JsonNode trainingCompute) implements AnnouncementRequestBuilder.With {

    /** A request that states only a name, its organisations and a date (the other fields unstated). */
    public static AnnouncementRequest minimal(String name, List<OrganizationInput> organizations, String published) {
        return AnnouncementRequestBuilder.builder().kind("model").name(name).organizations(organizations).published(published)
                .build();
    }

    /** What a feed entry can state; everything else stays unstated. */
    public static AnnouncementRequest fromFeed(String name, List<OrganizationInput> organizations, String published,
                                               JsonNode parameters, List<String> tags, Links links, Source source,
                                               @Size(max = Limits.TERM) String confidence) {
        return AnnouncementRequestBuilder.builder().kind("model").name(name).organizations(organizations).published(published)
                .parameters(parameters).tags(tags).links(links).source(source).confidence(confidence).build();
    }

    @Schema(name = "OrganizationInput", description = "An organisation behind a release")
    public record OrganizationInput(@Schema(required = true, description = "Its name", examples = "Example Lab")
                                    @PlainText @Size(max = Limits.ORGANIZATION_NAME) String name,
                                    @Schema(description = "ISO 3166-1 alpha-2 country code (any case)", examples = "FR")
                                    @Size(max = Limits.TERM) String country,
                                    @Schema(description = "Further countries of a multinational organisation, as codes like country's"
                                            + " (Google DeepMind: country US, otherCountries [GB])", examples = "[\"GB\"]")
                                    @Size(max = Limits.OTHER_COUNTRIES)
                                    List<@NotNull(message = "must be a country code, not null") @Size(max = Limits.TERM) String> otherCountries) {

        /** An organisation of one country (or of none known). */
        public OrganizationInput(String name, String country) {
            this(name, country, null);
        }
    }
}
