package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PhysicalParameterCount;
import io.modelwatch.contract.validation.PlainText;
import io.modelwatch.contract.validation.PublishedWithin;
import io.soabase.recordbuilder.core.RecordBuilder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Data of {@value EventTypes#RELEASE_ANNOUNCED}: one publisher's statement about a release, already
 * validated and normalised by ingest. Keyed by {@link #slug()} on {@value Topics#MODEL_RELEASES}.
 * Build one with {@code ReleaseAnnouncedBuilder.builder()...build()}, change one with {@code event.withName(...)}: call sites
 * name the fields they set, so a new optional field touches no call site.
 * Schema: {@code schemas/release-announced.v1.json}. Its constraints ({@code ContractValidator}) are on its components:
 * what ingest accepts and every consumer checks (slug and kind may be absent in data from older producers).
 *
 * @param nameZh the release's name as Chinese readers know it (盘古 for Pangu), shown in Chinese reviews, mails and
 *        feeds; null when the publisher does not say
 * @param parameters null when undisclosed (never 0)
 * @param trainingCompute FLOP used to train it, null when undisclosed (never 0)
 * @param publisher the name of the API key or feed that sent it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RecordBuilder
public record ReleaseAnnounced(
        @Size(max = Limits.NAME * 4) @PlainText String slug,
        Kind kind,
        @NotBlank @Size(max = Limits.NAME) @PlainText String name,
        @Size(max = Limits.NAME) @PlainText String nameZh,
        @NotEmpty(message = "needs at least one organisation") @Size(max = Limits.ORGANIZATIONS)
        List<@NotNull @Valid Organization> organizations,
        @PublishedWithin PublishedDate published,
        @PhysicalParameterCount ParameterCount parameters,
        TrainingCompute trainingCompute,
        @Size(max = Limits.TERMS) List<@NotBlank @Size(max = Limits.TERM) @PlainText String> modalities,
        @Size(max = Limits.TERMS) List<@NotBlank @Size(max = Limits.TERM) @PlainText String> tasks,
        Accessibility accessibility,
        @Size(max = Limits.TERM) @PlainText String architecture,
        @Size(max = Limits.TERM) @PlainText String baseModel,
        @Size(max = Limits.TERMS) List<@NotBlank @Size(max = Limits.TERM) @PlainText String> tags,
        @Valid Links links,
        @Valid LocalizedText summary,
        @Valid Source source,
        Confidence confidence,
        @Size(max = Limits.ORGANIZATION_NAME) @PlainText String publisher,
        Instant announcedAt) implements ReleaseAnnouncedBuilder.With {
}
