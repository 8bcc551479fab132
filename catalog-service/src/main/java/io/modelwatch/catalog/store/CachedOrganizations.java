package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.OrganizationDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The curated organisations, cached for a few seconds: the table changes only through the admin API, which reads
 * it fresh; another replica's admin change is seen within the TTL.
 */
@ApplicationScoped
public class CachedOrganizations {

    private static final long TTL_NANOS = 5_000_000_000L;

    private final OrganizationStore organizations;
    private volatile OrganizationDirectory cached;
    private volatile long cachedAt;

    public CachedOrganizations(OrganizationStore organizations) {
        this.organizations = organizations;
    }

    /** The directory, at most the TTL old. */
    public OrganizationDirectory directory() {
        OrganizationDirectory directory = cached;
        if (directory != null && System.nanoTime() - cachedAt < TTL_NANOS) {
            return directory;
        }
        return freshDirectory();
    }

    /** The directory read now (in the caller's transaction); it replaces the cached one. */
    public OrganizationDirectory freshDirectory() {
        OrganizationDirectory directory = organizations.load();
        cached = directory;
        cachedAt = System.nanoTime();
        return directory;
    }
}
