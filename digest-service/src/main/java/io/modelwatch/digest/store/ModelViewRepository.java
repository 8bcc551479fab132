package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

@ApplicationScoped
public class ModelViewRepository implements PanacheRepositoryBase<ModelView, String> {

    /** The largest models with a disclosed size published up to the day, biggest first. */
    public List<ModelView> largestUpTo(LocalDate day, int limit) {
        return find("kind = 'model' and parameters is not null and publishedStart <= ?1",
                Sort.descending("parameters").and("slug"), day).page(0, limit).list();
    }

    /** How many releases {@link #publishedBetween} would return. */
    public long countPublishedBetween(LocalDate from, LocalDate to) {
        return count("publishedStart >= ?1 and publishedStart <= ?2", from, to);
    }

    /** Releases whose publication date starts within [from, to], in date order. */
    public List<ModelView> publishedBetween(LocalDate from, LocalDate to) {
        return list("publishedStart >= ?1 and publishedStart <= ?2", Sort.by("publishedStart").and("name").and("slug"), from, to);
    }

    /** Releases stating their training compute whose publication date starts within [from, to], in date order. */
    public List<ModelView> withComputeBetween(LocalDate from, LocalDate to) {
        return list("trainingCompute is not null and publishedStart >= ?1 and publishedStart <= ?2",
                Sort.by("publishedStart").and("slug"), from, to);
    }
}
