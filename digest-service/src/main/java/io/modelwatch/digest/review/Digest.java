package io.modelwatch.digest.review;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.Organization;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A review as stored and served: its period, its version (regenerating a period makes a new one), the releases it
 * covers, the computed review with the evidence behind every figure, and the text rendered at generation time.
 *
 * @param period the period's key: "2022-H1", "2022-W05", "2022-03", "2022-Q1", "2022", or "from..to" on demand
 * @param text the whole review as plain text, in its language
 * @param markdown the whole review as Markdown
 * @param review sections, figures (each with its models and catalog query), trends and the timeline
 */
public record Digest(UUID id, ReviewKind kind, String period, int version, LocalDate from, LocalDate to,
                     Language language, String title, String summary, List<Release> releases, String text,
                     String markdown, Review review, Instant generatedAt) {

    /**
     * One release in the review.
     *
     * @param parameters the exact count, or null when undisclosed
     * @param parametersShown the count as the language writes it ("11B", "110亿"), or "undisclosed"/"未公开"
     * @param catalogUrl where the catalog entry (the source of every figure) is
     */
    public record Release(String slug, String name, Kind kind, List<Organization> organizations, String published,
                          Long parameters, String parametersShown, boolean parametersApproximate, String catalogUrl) {
    }
}
