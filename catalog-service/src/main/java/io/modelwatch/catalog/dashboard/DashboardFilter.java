package io.modelwatch.catalog.dashboard;

import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.catalog.domain.ModelFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters a dashboard page passes on to the read and stats APIs: the period as from/to months and the
 * kind, country, modality, accessibility and tag choices. The page keeps them in its own URL; {@link #apiQuery()}
 * is the same selection as API parameters, so every chart asks the API the same question.
 */
public record DashboardFilter(Map<String, List<String>> parameters, ModelFilter filter) {

    public static final List<String> CHOICES = List.of("kind", "country", "modality", "accessibility", "tag");

    /** The filter for a period and the page's choices; choices the API would reject are dropped, not a 400 page. */
    public static DashboardFilter of(Period period, Map<String, List<String>> query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (period != null) {
            parameters.put("from", List.of(period.from().toString()));
            parameters.put("to", List.of(period.to().toString()));
        }
        for (String name : CHOICES) {
            List<String> values = query.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank()).toList();
            if (values.isEmpty()) {
                continue;
            }
            Map<String, List<String>> single = Map.of(name, values);
            try {
                ModelFilter.parse(single, Set.of());
                parameters.put(name, values);
            } catch (InvalidQuery e) {
                // an unknown value (an old link, a typo): shown as "any" instead of an error page
            }
        }
        return new DashboardFilter(parameters, ModelFilter.parse(parameters, Set.of()));
    }

    public String selected(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** The selection as a query string for the API (no leading '?'). */
    public String apiQuery() {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> values.forEach(v -> pairs.add(name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }
}
