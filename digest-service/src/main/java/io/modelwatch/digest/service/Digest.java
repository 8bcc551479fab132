package io.modelwatch.digest.service;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Organization;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A review of the releases published in a period, as stored and served.
 *
 * @param text the whole review as plain text, in its language
 */
public record Digest(UUID id, LocalDate from, LocalDate to, Language language, String title, String summary,
                     List<Release> releases, String text, Instant generatedAt) {

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
