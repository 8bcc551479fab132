package io.modelwatch.digest.review;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What a subscriber wants to read about. Each list narrows the review; an empty list does not narrow it. A model
 * matches when one of its organisations is in one of {@code countries} (ISO 3166 codes), one of its modalities is in
 * {@code modalities}, and its kind is in {@code kinds}.
 */
public record Interests(List<String> countries, List<String> modalities, List<String> kinds) {

    public static final Interests ALL = new Interests(List.of(), List.of(), List.of());

    public Interests {
        countries = countries == null ? List.of() : countries.stream().map(c -> c.toUpperCase(Locale.ROOT)).distinct().sorted().toList();
        modalities = modalities == null ? List.of() : modalities.stream().map(m -> m.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        kinds = kinds == null ? List.of() : kinds.stream().map(k -> k.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    public boolean all() {
        return countries.isEmpty() && modalities.isEmpty() && kinds.isEmpty();
    }

    public Predicate<ModelChanged> matcher() {
        return m -> (countries.isEmpty() || (m.organizations() != null && m.organizations().stream()
                        .flatMap(o -> o.countries().stream()).anyMatch(c -> c != null && countries.contains(c.toUpperCase(Locale.ROOT)))))
                && (modalities.isEmpty() || (m.modalities() != null && m.modalities().stream()
                        .anyMatch(x -> x != null && modalities.contains(x.toLowerCase(Locale.ROOT)))))
                && (kinds.isEmpty() || (m.kind() != null && kinds.contains(m.kind().name().toLowerCase(Locale.ROOT))));
    }
}
