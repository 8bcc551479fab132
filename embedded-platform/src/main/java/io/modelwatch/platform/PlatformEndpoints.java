package io.modelwatch.platform;

import java.util.Map;

/**
 * Where a running platform can be reached: what tests and services need, whichever way the broker
 * and the database were started (in this JVM today, containers where a Docker engine exists).
 */
public record PlatformEndpoints(String bootstrapServers, String jdbcUrl, String username, String password) {

    /** The configuration a Quarkus service needs to use this platform. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password);
    }
}
