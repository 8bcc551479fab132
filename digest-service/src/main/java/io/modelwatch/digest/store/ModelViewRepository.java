package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.jpa.HibernateHints;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read model's queries. The lists reviews are made of are read-only: nothing changes them, and Hibernate then keeps
 * no copy of each snapshot for dirty checking (a JSON round trip per entity).
 */
@ApplicationScoped
public class ModelViewRepository implements PanacheRepositoryBase<ModelView, String> {

    /** The entries of these slugs that exist, by slug (one query), to be changed. */
    public Map<String, ModelView> bySlug(Collection<String> slugs) {
        Map<String, ModelView> found = new HashMap<>();
        if (!slugs.isEmpty()) {
            list("slug in ?1", slugs).forEach(view -> found.put(view.slug, view));
        }
        return found;
    }

    /** The entry whose Chinese display name is exactly {@code nameZh} (the first by slug if several give it). */
    public java.util.Optional<ModelView> byNameZh(String nameZh) {
        return find("nameZh = ?1", Sort.by("slug"), nameZh).page(0, 1).firstResultOptional();
    }

    /** The largest models with a disclosed size published up to the day, biggest first. */
    public List<ModelView> largestUpTo(LocalDate day, int limit) {
        return find("kind = 'model' and parameters is not null and publishedStart <= ?1",
                Sort.descending("parameters").and("slug"), day).withHint(HibernateHints.HINT_READ_ONLY, true).page(0, limit).list();
    }

    /** How many releases {@link #publishedBetween} would return. */
    public long countPublishedBetween(LocalDate from, LocalDate to) {
        return count("publishedStart >= ?1 and publishedStart <= ?2", from, to);
    }

    /** Releases whose publication date starts within [from, to], in date order. */
    public List<ModelView> publishedBetween(LocalDate from, LocalDate to) {
        return find("publishedStart >= ?1 and publishedStart <= ?2", Sort.by("publishedStart").and("name").and("slug"), from, to)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    /** Releases stating their training compute whose publication date starts within [from, to], in date order. */
    public List<ModelView> withComputeBetween(LocalDate from, LocalDate to) {
        return find("trainingCompute is not null and publishedStart >= ?1 and publishedStart <= ?2",
                Sort.by("publishedStart").and("slug"), from, to).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }
}
