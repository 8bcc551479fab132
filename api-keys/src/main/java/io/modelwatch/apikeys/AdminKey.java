package io.modelwatch.apikeys;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys of a service whose only keyed API is its admin API (catalog, digest): one admin key named "admin", from
 * {@code modelwatch.admin.key} (MODELWATCH_ADMIN_KEY). Without it (or blank), the admin API is closed. A service with
 * keys of its own produces its {@link ApiKeys} instead.
 */
public class AdminKey {

    @Produces
    @Singleton
    @DefaultBean
    ApiKeys adminKey(@ConfigProperty(name = "modelwatch.admin.key") Optional<String> key) {
        return key.filter(k -> !k.isBlank())
                .map(k -> ApiKeys.of(List.of(ApiKey.plain("admin", k, Roles.ADMIN))))
                .orElseGet(() -> ApiKeys.none("The admin API is closed: no MODELWATCH_ADMIN_KEY is configured."));
    }
}
