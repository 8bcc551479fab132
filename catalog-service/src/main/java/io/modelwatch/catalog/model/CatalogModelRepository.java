package io.modelwatch.catalog.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class CatalogModelRepository implements PanacheRepositoryBase<CatalogModel, String> {

    /** Keyset paging by slug: stable under inserts, unlike offsets. */
    public List<CatalogModel> page(String after, int limit) {
        return (after == null
                ? findAll(Sort.by("slug"))
                : find("slug > ?1", Sort.by("slug"), after))
                .page(0, limit).list();
    }
}
