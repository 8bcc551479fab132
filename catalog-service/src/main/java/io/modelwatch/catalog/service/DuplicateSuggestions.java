package io.modelwatch.catalog.service;

import io.modelwatch.catalog.domain.DuplicateCandidates;
import io.modelwatch.catalog.store.DuplicateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Curators' duplicate suggestions (DuplicateCandidates over the whole catalog) and their dismissals. */
@ApplicationScoped
public class DuplicateSuggestions {

    private final DuplicateStore store;
    private final Clock clock = Clock.systemUTC();

    public DuplicateSuggestions(DuplicateStore store) {
        this.store = store;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DuplicateCandidates.Pair> suggestions(int limit) {
        return DuplicateCandidates.find(store.entries(), store.dismissed(), limit);
    }

    /** Dismisses the pair so it is not suggested again; false when it already was. */
    @Transactional
    public boolean dismiss(String a, String b) {
        Set<String> existing = store.existing(List.of(a, b));
        for (String slug : List.of(a, b)) {
            if (!existing.contains(slug)) {
                throw new AdminConflict("No model with slug '" + slug + "' in the catalog.", true);
            }
        }
        return store.dismiss(a, b, clock.instant());
    }
}
