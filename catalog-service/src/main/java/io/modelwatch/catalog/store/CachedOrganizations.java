package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * The curated organisations, cached for a few seconds (Quarkus Cache {@value #CACHE}, expiry in
 * {@code quarkus.cache.caffeine.catalog-organizations.expire-after-write}): the table changes only through the admin
 * API, which reads it fresh; another replica's admin change is seen within the expiry.
 */
@ApplicationScoped
public class CachedOrganizations {

    static final String CACHE = "catalog-organizations";
    private static final String KEY = "directory";

    private final OrganizationStore organizations;
    private final Cache cache;

    public CachedOrganizations(OrganizationStore organizations, @CacheName(CACHE) Cache cache) {
        this.organizations = organizations;
        this.cache = cache;
    }

    /** The directory, at most the expiry old; loaded in the caller's thread (and transaction) when absent. */
    public OrganizationDirectory directory() {
        return cache.get(KEY, key -> organizations.load()).await().indefinitely();
    }

    /** The directory read now (in the caller's transaction); it replaces the cached one. */
    public OrganizationDirectory freshDirectory() {
        OrganizationDirectory directory = organizations.load();
        cache.as(CaffeineCache.class).put(KEY, CompletableFuture.completedFuture(directory));
        return directory;
    }
}
