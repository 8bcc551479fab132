package io.modelwatch.system;

import io.modelwatch.platform.PlatformEndpoints;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The three packaged services on one platform, started side by side (each takes a few seconds, mostly waiting).
 *
 * @param digestEnv the digest's environment, for tests that start more replicas of it
 */
record Pipeline(ServiceProcess ingest, ServiceProcess catalog, ServiceProcess digest, Map<String, String> digestEnv)
        implements AutoCloseable {

    /**
     * @param apiKey the publisher key ingest accepts (MODELWATCH_API_KEY), named {@code keyName}
     * @param everywhere environment for all three services, on top of the platform's addresses
     * @param ingestOnly environment for ingest alone
     */
    static Pipeline start(PlatformEndpoints platform, String apiKey, String keyName, Map<String, String> everywhere,
                          Map<String, String> ingestOnly) {
        Map<String, String> common = new HashMap<>(everywhere);
        common.put("KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers());
        common.put("QUARKUS_DATASOURCE_JDBC_URL", platform.jdbcUrl());
        common.put("QUARKUS_DATASOURCE_USERNAME", platform.username());
        common.put("QUARKUS_DATASOURCE_PASSWORD", platform.password());
        Map<String, String> ingestEnv = new HashMap<>(common);
        ingestEnv.put("MODELWATCH_API_KEY", apiKey);
        ingestEnv.put("MODELWATCH_API_KEY_NAME", keyName);
        ingestEnv.putAll(ingestOnly);
        ServiceProcess ingest = new ServiceProcess("ingest-service", ingestEnv);
        ServiceProcess catalog = new ServiceProcess("catalog-service", common);
        Map<String, String> digestEnv = new HashMap<>(common);
        digestEnv.put("MODELWATCH_DIGEST_CATALOG_URL", catalog.url());
        // The tests poll on-demand reviews until the catalog's changes have arrived; production keeps its per-client limit.
        digestEnv.put("MODELWATCH_DIGEST_ON_DEMAND_LIMIT", "100000");
        ServiceProcess digest = new ServiceProcess("digest-service", digestEnv);
        Pipeline pipeline = new Pipeline(ingest, catalog, digest, Map.copyOf(digestEnv));
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(ingest::start),
                    CompletableFuture.runAsync(catalog::start),
                    CompletableFuture.runAsync(digest::start)).join();
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    @Override
    public void close() {
        for (ServiceProcess service : new ServiceProcess[] {ingest, catalog, digest}) {
            service.close();
        }
    }
}
