package io.modelwatch.digest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An on-demand review: the period (inclusive, ISO dates) and the language. */
public record DigestRequest(
        @Schema(required = true, examples = "2022-01-01") String from,
        @Schema(required = true, examples = "2022-06-30") String to,
        @Schema(enumeration = {"en", "zh-CN"}, defaultValue = "en") String language) {
}
