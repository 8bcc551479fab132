package io.modelwatch.catalog.domain;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** What the q filter searches in an entry. */
public final class SearchText {

    private SearchText() {
    }

    /** Names (the Chinese one too), aliases, organisations (with their curated aliases) and both summaries, lower case. */
    public static String of(ModelChanged m, OrganizationDirectory directory) {
        Set<String> parts = new LinkedHashSet<>();
        parts.add(m.slug());
        parts.add(m.name());
        if (m.nameZh() != null) {
            parts.add(m.nameZh());
        }
        if (m.aliases() != null) {
            parts.addAll(m.aliases());
        }
        for (Organization o : m.organizations()) {
            parts.add(o.name());
            OrganizationDirectory.Curated curated = directory.find(o.name());
            if (curated != null && curated.aliases() != null) {
                parts.addAll(curated.aliases());
            }
        }
        if (m.summary() != null) {
            if (m.summary().en() != null) {
                parts.add(m.summary().en());
            }
            if (m.summary().zh() != null) {
                parts.add(m.summary().zh());
            }
        }
        return String.join(" \u001f ", parts).toLowerCase(Locale.ROOT);
    }
}
