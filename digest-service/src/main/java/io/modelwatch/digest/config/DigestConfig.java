package io.modelwatch.digest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "modelwatch.digest")
public interface DigestConfig {

    /** Public base URL of the catalog-service; every release in a review links to its entry there. */
    @WithDefault("http://localhost:8082")
    String catalogUrl();
}
