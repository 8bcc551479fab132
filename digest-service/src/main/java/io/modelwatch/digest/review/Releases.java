package io.modelwatch.digest.review;

import io.modelwatch.contract.ModelChanged;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** Orders and lists of releases, as every part of a review sorts and cites them. */
final class Releases {

    private Releases() {
    }

    /** In date order; the start date is computed once per release (it parses the stated date). */
    static List<ModelChanged> sorted(List<ModelChanged> releases) {
        record Dated(LocalDate start, ModelChanged model) {
        }
        return releases.stream().map(m -> new Dated(m.published().start(), m))
                .sorted(Comparator.comparing(Dated::start).thenComparing(d -> d.model().name())
                        .thenComparing(d -> d.model().slug()))
                .map(Dated::model).toList();
    }

    /** Biggest first; only for models with a disclosed size. */
    static Comparator<ModelChanged> bySizeDescending() {
        return Comparator.<ModelChanged>comparingLong(m -> m.parameters().value()).reversed().thenComparing(ModelChanged::slug);
    }

    static List<String> slugs(List<ModelChanged> models) {
        return models.stream().map(ModelChanged::slug).toList();
    }
}
