package io.modelwatch.catalog.store;

import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The curated organisations (tables organization and organization_alias). */
@ApplicationScoped
public class OrganizationStore {

    private final Jdbc jdbc;

    public OrganizationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The curated organisations with their aliases, read now. */
    public OrganizationDirectory load() {
        return jdbc.sql("select o.name, o.country, o.category, a.alias_key, a.alias from organization o "
                + "left join organization_alias a on a.organization = o.name", s -> {
            Map<String, OrganizationDirectory.Curated> byName = new HashMap<>();
            Map<String, List<String>> aliases = new HashMap<>();
            Map<String, String> keys = new HashMap<>();
            Jdbc.readAll(s.executeQuery(), r -> {
                String name = r.getString(1);
                keys.put(ModelIdentity.organizationKey(name), name);
                aliases.computeIfAbsent(name, k -> new ArrayList<>());
                if (r.getString(4) != null) {
                    keys.put(r.getString(4), name);
                    aliases.get(name).add(r.getString(5));
                }
                byName.put(name, new OrganizationDirectory.Curated(name, r.getString(2), r.getString(3), null));
            });
            Map<String, OrganizationDirectory.Curated> byKey = new HashMap<>();
            keys.forEach((key, name) -> {
                OrganizationDirectory.Curated c = byName.get(name);
                byKey.put(key, new OrganizationDirectory.Curated(c.name(), c.country(), c.category(), List.copyOf(aliases.get(name))));
            });
            return new OrganizationDirectory(byKey);
        });
    }

    /** Curates an organisation, or fills in the country and category it lacks (a null keeps the stored value). */
    public void curate(String name, String country, String category) {
        jdbc.sql("insert into organization (name, country, category) values (?, ?, ?) on conflict (name) do update set "
                + "country = coalesce(excluded.country, organization.country), category = coalesce(excluded.category, organization.category)", s -> {
            s.setString(1, name);
            s.setString(2, country);
            s.setString(3, category);
            return s.executeUpdate();
        });
    }

    /** Adds an alias of a curated organisation unless its key is taken. */
    public void addAlias(String aliasKey, String alias, String organization) {
        jdbc.sql("insert into organization_alias (alias_key, alias, organization) values (?, ?, ?) on conflict (alias_key) do nothing", s -> {
            s.setString(1, aliasKey);
            s.setString(2, alias);
            s.setString(3, organization);
            return s.executeUpdate();
        });
    }

    /** The entries that show any of these organisation keys. */
    public List<String> entriesShowing(Collection<String> organizationKeys) {
        return jdbc.sql("select slug from model where organizations && ?", s -> {
            s.setArray(1, Jdbc.texts(s.getConnection(), organizationKeys));
            List<String> slugs = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> slugs.add(r.getString(1)));
            return slugs;
        });
    }
}
