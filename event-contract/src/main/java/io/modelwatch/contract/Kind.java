package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a release is. */
public enum Kind {
    @JsonProperty("model") MODEL,
    @JsonProperty("framework") FRAMEWORK,
    @JsonProperty("application") APPLICATION
}
