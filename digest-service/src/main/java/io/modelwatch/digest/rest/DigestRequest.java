package io.modelwatch.digest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A review to generate: a range ({@code from}, {@code to}: inclusive ISO dates, an on-demand review) or a calendar
 * period ({@code kind} and {@code period}, e.g. "half-year" and "2022-H1"), in a language. The period must have ended. The review is computed for reading and
 * stored as an on-demand review; it is never the scheduled publication of the period.
 */
public record DigestRequest(
        @Schema(examples = "2022-01-01") String from,
        @Schema(examples = "2022-06-30") String to,
        @Schema(enumeration = {"en", "zh-CN"}, defaultValue = "en") String language,
        @Schema(enumeration = {"weekly", "monthly", "quarterly", "half-year", "yearly", "mid-year", "on-demand"}) String kind,
        @Schema(examples = "2022-H1", description = "2022-W05, 2022-03, 2022-Q1, 2022-H1, 2022 (yearly: the calendar year; mid-year: the twelve months to 30 June)") String period,
        @Schema(examples = "GPT-3", description = "The model sizes are compared with: a model of the catalog with a disclosed size, by name or slug. "
                + "Default: the largest dense model released at least a year before the period") String reference) {
}
