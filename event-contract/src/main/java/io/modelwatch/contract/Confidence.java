package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How sure the publisher is. Feed-extracted items are speculative. Ordered from most to least sure. */
public enum Confidence {
    @JsonProperty("confident") CONFIDENT,
    @JsonProperty("likely") LIKELY,
    @JsonProperty("speculative") SPECULATIVE
}
