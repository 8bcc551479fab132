package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a model can be used: the six values of the Epoch AI notable-models database. */
public enum Accessibility {
    @JsonProperty("open-weights-unrestricted") OPEN_WEIGHTS_UNRESTRICTED,
    @JsonProperty("open-weights-restricted") OPEN_WEIGHTS_RESTRICTED,
    @JsonProperty("open-weights-noncommercial") OPEN_WEIGHTS_NONCOMMERCIAL,
    @JsonProperty("api") API,
    @JsonProperty("hosted") HOSTED,
    @JsonProperty("unreleased") UNRELEASED;

    public boolean openWeights() {
        return this == OPEN_WEIGHTS_UNRESTRICTED || this == OPEN_WEIGHTS_RESTRICTED || this == OPEN_WEIGHTS_NONCOMMERCIAL;
    }
}
