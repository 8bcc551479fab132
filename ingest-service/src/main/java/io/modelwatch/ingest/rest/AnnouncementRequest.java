package io.modelwatch.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Source;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The public v1 announcement as a publisher sends it. Loosely typed on purpose (strings for enums,
 * any JSON for parameters) so that validation can name every bad field at once instead of failing
 * on the first one.
 */
@Schema(name = "Announcement", description = "A model announcement (public API v1).")
public record AnnouncementRequest(
        @Schema(enumeration = {"model", "framework", "application"}, defaultValue = "model") String kind,
        @Schema(required = true, examples = "T0") String name,
        @Schema(required = true) List<OrganizationInput> organizations,
        @Schema(description = "YYYY, YYYY-MM or YYYY-MM-DD; the precision is kept", examples = "2021-10-15") String published,
        @Schema(description = "A number, or text such as 11B, 1.2 trillion, 62亿; absent or null means undisclosed",
                oneOf = {Long.class, String.class}) JsonNode parameters,
        List<String> modalities,
        List<String> tasks,
        @Schema(enumeration = {"open-weights-unrestricted", "open-weights-restricted", "open-weights-noncommercial",
                "api", "hosted", "unreleased"}) String accessibility,
        String architecture,
        String baseModel,
        List<String> tags,
        Links links,
        LocalizedText summary,
        Source source,
        @Schema(enumeration = {"confident", "likely", "speculative"}, defaultValue = "confident") String confidence) {

    public record OrganizationInput(@Schema(required = true) String name,
                                    @Schema(description = "ISO 3166-1 alpha-2", examples = "FR") String country) {
    }
}
