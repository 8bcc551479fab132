package io.modelwatch.catalog.domain;

import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.contract.Organization;
import java.util.Map;

/**
 * The curated organisations (table {@code organization}) and their aliases, by match key. A stated name that
 * matches an alias or a curated name becomes the curated organisation; any other name stays as stated.
 */
public record OrganizationDirectory(Map<String, Curated> byKey) {

    /** A curated organisation; country and category may be null. */
    public record Curated(String name, String country, String category, java.util.List<String> aliases) {
    }

    public static final OrganizationDirectory EMPTY = new OrganizationDirectory(Map.of());

    public Curated find(String name) {
        return byKey.get(ModelIdentity.organizationKey(name));
    }

    /**
     * The canonical form of a stated organisation: the curated name, and the curated country when there is one (a
     * multinational's other stated countries stay).
     */
    public Organization resolve(Organization stated) {
        Curated curated = find(stated.name());
        if (curated == null) {
            return stated;
        }
        String country = curated.country() != null ? curated.country() : stated.country();
        return new Organization(curated.name(), country,
                stated.otherCountries().stream().filter(c -> !c.equals(country)).toList());
    }

    public String category(String name) {
        Curated curated = find(name);
        return curated == null ? null : curated.category();
    }
}
