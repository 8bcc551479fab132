package io.modelwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "modelwatch.ingest")
public interface IngestConfig {

    /** The publisher API key (from MODELWATCH_API_KEY). Only its SHA-256 hash is kept in memory. */
    String apiKey();

    /** The publisher name recorded in the provenance of announcements sent with that key. */
    @WithDefault("default")
    String apiKeyName();

    /** How long a request waits for the broker's acknowledgement before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();
}
