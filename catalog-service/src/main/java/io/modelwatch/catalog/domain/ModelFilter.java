package io.modelwatch.catalog.domain;

import io.modelwatch.catalog.domain.InvalidQuery.ParameterError;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.compute.TrainingComputeParser;
import io.modelwatch.contract.parameters.ParameterCountParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters of the read API ({@code GET /api/v1/models}, stats, export), parsed and checked: an unknown
 * parameter or a malformed value is an {@link InvalidQuery} naming it (a 400 problem), never an empty answer. List
 * filters may repeat ({@code country=CN&country=US} means either).
 */
public record ModelFilter(String q, List<String> kinds, List<String> organizations, List<String> countries,
                          List<String> modalities, List<String> accessibilities, List<String> tags,
                          LocalDate from, LocalDate to, Long minParameters, Long maxParameters,
                          Double minCompute, Double maxCompute) {

    public static final List<String> NAMES = List.of("q", "kind", "organization", "country", "modality", "accessibility",
            "tag", "from", "to", "minParameters", "maxParameters", "minCompute", "maxCompute");

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    public static final ModelFilter NONE = new ModelFilter(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            null, null, null, null, null, null);

    /**
     * @param query    every query parameter of the request
     * @param allowed  the parameters the endpoint takes besides the filters (limit, sort...)
     */
    public static ModelFilter parse(Map<String, List<String>> query, Set<String> allowed) {
        List<ParameterError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!NAMES.contains(name) && !allowed.contains(name)) {
                List<String> known = new ArrayList<>(NAMES);
                known.addAll(allowed);
                errors.add(new ParameterError(name, "is not a known parameter; known: " + String.join(", ", known)));
            }
        }
        String q = single(query, "q", errors);
        if (q != null && q.isBlank()) {
            q = null;
        }
        List<String> kinds = values(query, "kind").stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        checkEnum("kind", kinds, Kind.class, errors);
        List<String> countries = values(query, "country");
        for (String c : countries) {
            if (!COUNTRY.matcher(c).matches()) {
                errors.add(new ParameterError("country", "'" + c + "' is not an ISO 3166-1 alpha-2 code such as CN or US"));
            }
        }
        List<String> accessibilities = values(query, "accessibility").stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        checkEnum("accessibility", accessibilities, Accessibility.class, errors);
        LocalDate from = date(single(query, "from", errors), "from", true, errors);
        LocalDate to = date(single(query, "to", errors), "to", false, errors);
        Long min = parameters(single(query, "minParameters", errors), "minParameters", errors);
        Long max = parameters(single(query, "maxParameters", errors), "maxParameters", errors);
        Double minCompute = compute(single(query, "minCompute", errors), "minCompute", errors);
        Double maxCompute = compute(single(query, "maxCompute", errors), "maxCompute", errors);
        if (minCompute != null && maxCompute != null && minCompute > maxCompute) {
            errors.add(new ParameterError("maxCompute", "is below 'minCompute'"));
        }
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new ParameterError("to", "is before 'from'"));
        }
        if (min != null && max != null && min > max) {
            errors.add(new ParameterError("maxParameters", "is below 'minParameters'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQuery(errors);
        }
        return new ModelFilter(q, kinds, values(query, "organization"),
                countries.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(),
                values(query, "modality").stream().map(v -> v.toLowerCase(Locale.ROOT)).toList(),
                accessibilities, values(query, "tag").stream().map(v -> v.toLowerCase(Locale.ROOT)).toList(),
                from, to, min, max, minCompute, maxCompute);
    }

    /** A single-valued parameter (the first value; a repeated one is an error). */
    public static String single(Map<String, List<String>> query, String name, List<ParameterError> errors) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(new ParameterError(name, "may be given once"));
        }
        return values.get(0).strip();
    }

    private static List<String> values(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null ? List.of()
                : values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static <E extends Enum<E>> void checkEnum(String field, List<String> values, Class<E> type, List<ParameterError> errors) {
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        for (String v : values) {
            if (!allowed.contains(v)) {
                errors.add(new ParameterError(field, "'" + v + "' is not one of: " + String.join(", ", allowed)));
            }
        }
    }

    private static LocalDate date(String value, String field, boolean start, List<ParameterError> errors) {
        if (value == null) {
            return null;
        }
        try {
            PublishedDate date = PublishedDate.parse(value);
            return start ? date.start() : date.end();
        } catch (IllegalArgumentException e) {
            errors.add(new ParameterError(field, e.getMessage()));
            return null;
        }
    }

    private static Long parameters(String value, String field, List<ParameterError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return ParameterCountParser.parse(value).value();
        } catch (RuntimeException e) {
            errors.add(new ParameterError(field, "'" + value + "' is not a parameter count such as 1000000, 11B or 62亿"));
            return null;
        }
    }

    private static Double compute(String value, String field, List<ParameterError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return TrainingComputeParser.parse(value).value();
        } catch (RuntimeException e) {
            errors.add(new ParameterError(field, "'" + value + "' is not a training compute in FLOP such as 1e24 or 3.8×10^25"));
            return null;
        }
    }

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
