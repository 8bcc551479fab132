package io.modelwatch.ingest.rest;

import io.modelwatch.apikeys.ApiKey;
import io.modelwatch.apikeys.ApiKeys;
import io.modelwatch.apikeys.Roles;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.config.IngestConfig.Role;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest's API keys for the api-keys mechanism: the keys configured by name with their SHA-256 and role, plus
 * MODELWATCH_API_KEY as an admin key named {@code modelwatch.ingest.api-key-name}. Built at start, so the service does
 * not start without a key or with a malformed one.
 */
public class IngestApiKeys {

    @Produces
    @Singleton
    @Startup
    ApiKeys apiKeys(IngestConfig config) {
        List<ApiKey> keys = new ArrayList<>();
        config.keys().forEach((name, key) -> keys.add(ApiKey.hashed(name, key.sha256(),
                key.role() == Role.ADMIN ? Roles.ADMIN : Roles.PUBLISHER)));
        config.apiKey().filter(key -> !key.isBlank())
                .ifPresent(key -> keys.add(ApiKey.plain(config.apiKeyName(), key, Roles.ADMIN)));
        if (keys.isEmpty()) {
            throw new IllegalStateException("No API key is configured: set modelwatch.ingest.keys.\"<name>\".sha256 and .role,"
                    + " or MODELWATCH_API_KEY");
        }
        return ApiKeys.of(keys);
    }
}
