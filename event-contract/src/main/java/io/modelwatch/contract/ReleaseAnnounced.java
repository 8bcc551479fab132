package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.parameters.ParameterCount;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Data of {@value EventTypes#RELEASE_ANNOUNCED}: one publisher's statement about a release, already
 * validated and normalised by ingest. Keyed by {@link #slug()} on {@value Topics#MODEL_RELEASES}.
 * Build one with {@code ReleaseAnnouncedBuilder.builder()...build()}, change one with {@code event.withName(...)}: call sites
 * name the fields they set, so a new optional field touches no call site.
 * Schema: {@code schemas/release-announced.v1.json}.
 *
 * @param parameters null when undisclosed (never 0)
 * @param trainingCompute FLOP used to train it, null when undisclosed (never 0)
 * @param publisher the name of the API key or feed that sent it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RecordBuilder
public record ReleaseAnnounced(
        String slug,
        Kind kind,
        String name,
        List<Organization> organizations,
        PublishedDate published,
        ParameterCount parameters,
        TrainingCompute trainingCompute,
        List<String> modalities,
        List<String> tasks,
        Accessibility accessibility,
        String architecture,
        String baseModel,
        List<String> tags,
        Links links,
        LocalizedText summary,
        Source source,
        Confidence confidence,
        String publisher,
        Instant announcedAt) implements ReleaseAnnouncedBuilder.With {
}
