package io.modelwatch.catalog.service;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.ReleaseAnnounced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds one announcement into a catalog entry. For now the latest statement of a fact wins and lists
 * (organisations, modalities, tags) are united; what was never stated stays as it was.
 */
public final class ModelMerger {

    public static ModelChanged merge(ModelChanged current, ReleaseAnnounced a) {
        if (current == null) {
            return new ModelChanged(a.slug(), 1, a.kind(), a.name(), a.organizations(), a.published(), a.parameters(),
                    a.modalities(), a.tasks(), a.accessibility(), a.architecture(), a.baseModel(), a.tags(), a.links(),
                    a.summary(), a.confidence(), 1, a.announcedAt(), a.announcedAt());
        }
        return new ModelChanged(current.slug(), current.revision() + 1,
                or(a.kind(), current.kind()),
                or(a.name(), current.name()),
                organizations(current.organizations(), a.organizations()),
                or(a.published(), current.published()),
                or(a.parameters(), current.parameters()),
                union(current.modalities(), a.modalities()),
                union(current.tasks(), a.tasks()),
                or(a.accessibility(), current.accessibility()),
                or(a.architecture(), current.architecture()),
                or(a.baseModel(), current.baseModel()),
                union(current.tags(), a.tags()),
                or(a.links(), current.links()),
                or(a.summary(), current.summary()),
                or(a.confidence(), current.confidence()),
                current.announcements() + 1,
                min(current.firstSeen(), a.announcedAt()),
                max(current.lastSeen(), a.announcedAt()));
    }

    private static <T> T or(T stated, T known) {
        return stated != null ? stated : known;
    }

    private static List<String> union(List<String> known, List<String> stated) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        if (known != null) {
            all.addAll(known);
        }
        if (stated != null) {
            all.addAll(stated);
        }
        return List.copyOf(all);
    }

    /** One entry per organisation name (case-insensitive); a stated country fills in an unknown one. */
    private static List<Organization> organizations(List<Organization> known, List<Organization> stated) {
        Map<String, Organization> byName = new LinkedHashMap<>();
        for (Organization o : known) {
            byName.put(o.name().toLowerCase(Locale.ROOT), o);
        }
        for (Organization o : stated) {
            byName.merge(o.name().toLowerCase(Locale.ROOT), o,
                    (old, fresh) -> new Organization(old.name(), fresh.country() != null ? fresh.country() : old.country()));
        }
        return new ArrayList<>(byName.values());
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private ModelMerger() {
    }
}
