package io.modelwatch.catalog.store;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Figures computed over the whole catalog (the overview's filter menus, its growth statements), kept until the catalog
 * changes: each is cached (Quarkus Cache {@value #CACHE}) under its key and the catalog's version, the last value of
 * the outbox's id sequence, which every change of an entry advances. Reading the version costs one tiny statement;
 * a change written by any replica moves it. A change whose id was drawn before a figure's version was read but which
 * committed after the figure's query is not in that figure, and the version does not move again for it: the cache's
 * expiry ({@code quarkus.cache.caffeine.catalog-version.expire-after-write}) bounds how long such a figure is served.
 */
@ApplicationScoped
public class CatalogVersionCache {

    static final String CACHE = "catalog-version";

    private final Jdbc jdbc;
    private final Cache cache;

    public CatalogVersionCache(Jdbc jdbc, @CacheName(CACHE) Cache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The figure under this key as of the catalog's current version; computed in the caller's thread when absent. */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> compute) {
        List<Object> versioned = List.of(key, version());
        return (T) cache.get(versioned, k -> compute.get()).await().indefinitely();
    }

    /** Advanced by every change of an entry (each writes an outbox row), whichever replica wrote it. */
    long version() {
        return jdbc.sql("select last_value from outbox_event_id_seq", s -> {
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
