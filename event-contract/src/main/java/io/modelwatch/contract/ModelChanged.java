package io.modelwatch.contract;

import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.parameters.ParameterCount;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Data of {@value EventTypes#MODEL_CHANGED}: the full snapshot of one catalog entry after a change,
 * keyed by slug on the compacted topic {@value Topics#MODEL_CHANGES}. A tombstone (null value) says the
 * entry is gone. Consumers keep the snapshot with the highest {@link #revision()}.
 * Build one with {@code ModelChangedBuilder.builder()...build()}, change one with {@code event.withName(...)}: call sites
 * name the fields they set, so a new optional field touches no call site.
 * Schema: {@code schemas/model-changed.v1.json}.
 *
 * @param nameZh the Chinese display name (the best-ranked one stated; every stated one is also in {@link #aliases()}),
 *        null when no announcement gives one; absent in snapshots written before it existed
 * @param parameters null when undisclosed (never 0)
 * @param trainingCompute FLOP used to train it, null when undisclosed (never 0)
 * @param announcements how many distinct announcements back this entry
 * @param aliases other names the entry is known by (names and Chinese names announced for it, admin aliases), sorted; added in
 *        a backwards-compatible way, so it is absent (null) in snapshots written before it existed
 */
@RecordBuilder
public record ModelChanged(
        String slug,
        long revision,
        Kind kind,
        String name,
        String nameZh,
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
        Confidence confidence,
        int announcements,
        Instant firstSeen,
        Instant lastSeen,
        List<String> aliases) implements ModelChangedBuilder.With {
}
