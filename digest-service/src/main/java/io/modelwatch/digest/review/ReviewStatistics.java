package io.modelwatch.digest.review;

import static io.modelwatch.digest.review.Releases.slugs;
import static io.modelwatch.digest.review.Releases.sorted;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.review.Review.Figure;
import io.modelwatch.digest.review.Review.Trend;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures of a review (counts, the median disclosed size, shares, regions), each with the models behind it and the
 * catalog query that lists them, and the trends against the previous period. A trend is comparable only with
 * {@link ReviewOptions#minimumSample()} data points on both sides; undisclosed sizes are left out of the median and listed.
 */
final class ReviewStatistics {

    private final ReviewOptions options;
    private final CatalogLinks links;

    ReviewStatistics(ReviewOptions options, CatalogLinks links) {
        this.options = options;
        this.links = links;
    }

    /** Every figure, keyed; {@code releases} in date order, the model lists filtered to {@link Kind#MODEL}. */
    Map<String, Figure> figures(Period period, List<ModelChanged> releases, List<ModelChanged> previous,
                                List<ModelChanged> models, List<ModelChanged> previousModels, Locale locale) {
        Period before = period.previous();
        Map<String, Figure> figures = new LinkedHashMap<>();
        String range = "from=" + period.from() + "&to=" + period.to();
        String previousRange = "from=" + before.from() + "&to=" + before.to();

        put(figures, new Figure("releases", (double) releases.size(), String.valueOf(releases.size()), slugs(releases),
                null, null, links.query(range)));
        put(figures, new Figure("previous.releases", (double) previous.size(), String.valueOf(previous.size()),
                slugs(sorted(previous)), null, null, links.query(previousRange)));
        for (Kind kind : Kind.values()) {
            List<ModelChanged> ofKind = releases.stream().filter(m -> m.kind() == kind).toList();
            put(figures, new Figure("kind." + tag(kind), (double) ofKind.size(), String.valueOf(ofKind.size()),
                    slugs(ofKind), null, null, links.query(range + "&kind=" + tag(kind))));
        }
        median(figures, "median", models, range, locale);
        median(figures, "previous.median", previousModels, previousRange, locale);
        openShare(figures, "open", models, range);
        openShare(figures, "previous.open", previousModels, previousRange);
        share(figures, "china", models, ModelTraits::isChinese, range, "&country=" + ModelTraits.CHINA);
        share(figures, "previous.china", previousModels, ModelTraits::isChinese, previousRange, "&country=" + ModelTraits.CHINA);
        modalityShare(figures, "multimodal", models);
        modalityShare(figures, "previous.multimodal", previousModels);
        regions(figures, models);
        return figures;
    }

    List<Trend> trends(Map<String, Figure> figures, int releases, int previousReleases) {
        List<Trend> trends = new ArrayList<>();
        trends.add(trend("releases", figures.get("releases"), figures.get("previous.releases"),
                releases, previousReleases, false));
        trends.add(trend("median", figures.get("median"), figures.get("previous.median"),
                figures.get("median").count(), figures.get("previous.median").count(), false));
        trends.add(trend("open", figures.get("open"), figures.get("previous.open"),
                figures.get("open").of().size(), figures.get("previous.open").of().size(), true));
        trends.add(trend("china", figures.get("china"), figures.get("previous.china"),
                figures.get("china").of().size(), figures.get("previous.china").of().size(), true));
        trends.add(trend("multimodal", figures.get("multimodal"), figures.get("previous.multimodal"),
                figures.get("multimodal").of().size(), figures.get("previous.multimodal").of().size(), true));
        return trends;
    }

    private void median(Map<String, Figure> figures, String key, List<ModelChanged> models, String range, Locale locale) {
        List<ModelChanged> disclosed = models.stream().filter(m -> m.parameters() != null)
                .sorted(Comparator.comparingLong(m -> m.parameters().value())).toList();
        List<String> undisclosed = slugs(models.stream().filter(m -> m.parameters() == null).toList());
        Double value = null;
        String shown = null;
        if (!disclosed.isEmpty()) {
            int n = disclosed.size();
            ParameterCount low = disclosed.get((n - 1) / 2).parameters();
            ParameterCount high = disclosed.get(n / 2).parameters();
            BigDecimal exact = BigDecimal.valueOf(low.value()).add(BigDecimal.valueOf(high.value()))
                    .divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
            BigDecimal rounded = exact.round(new MathContext(3, RoundingMode.HALF_EVEN));
            long median = Math.max(1, rounded.longValue());
            boolean approximate = low.approximate() || high.approximate() || rounded.compareTo(exact) != 0;
            value = (double) median;
            shown = ParameterCountFormatter.format(new ParameterCount(median, null, approximate,
                    approximate ? ParameterCount.ABOUT : null), locale);
        }
        put(figures, new Figure(key, value, shown, slugs(disclosed), null, undisclosed,
                links.query(range + "&kind=model&minParameters=1")));
    }

    private void openShare(Map<String, Figure> figures, String key, List<ModelChanged> models, String range) {
        List<ModelChanged> stated = models.stream().filter(m -> m.accessibility() != null).toList();
        List<ModelChanged> open = stated.stream().filter(m -> m.accessibility().openWeights()).toList();
        String accessibility = Stream.of(Accessibility.values()).filter(Accessibility::openWeights)
                .map(a -> "&accessibility=" + ModelTraits.accessibilityTag(a)).collect(Collectors.joining());
        put(figures, shareFigure(key, open, stated,
                slugs(models.stream().filter(m -> m.accessibility() == null).toList()),
                links.query(range + "&kind=model" + accessibility)));
    }

    private void share(Map<String, Figure> figures, String key, List<ModelChanged> models,
                       Predicate<ModelChanged> which, String range, String filter) {
        put(figures, shareFigure(key, models.stream().filter(which).toList(), models, List.of(),
                links.query(range + "&kind=model" + filter)));
    }

    private static void modalityShare(Map<String, Figure> figures, String key, List<ModelChanged> models) {
        Predicate<ModelChanged> hasModalities = m -> m.modalities() != null && !m.modalities().isEmpty();
        List<ModelChanged> stated = models.stream().filter(hasModalities).toList();
        put(figures, shareFigure(key, stated.stream().filter(ModelTraits::isMultimodal).toList(), stated,
                slugs(models.stream().filter(hasModalities.negate()).toList()), null));
    }

    /** Models by the country of their lead (first) organisation, largest share first. */
    private static void regions(Map<String, Figure> figures, List<ModelChanged> models) {
        Map<String, List<ModelChanged>> byCountry = new LinkedHashMap<>();
        for (ModelChanged m : models) {
            byCountry.computeIfAbsent(ModelTraits.leadCountry(m), c -> new ArrayList<>()).add(m);
        }
        byCountry.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<ModelChanged>>>comparingInt(e -> e.getValue().size()).reversed()
                        .thenComparing(Map.Entry::getKey))
                // No query: the catalog's country filter matches any organisation, this counts the lead one.
                .forEach(e -> put(figures, shareFigure("region." + e.getKey(), e.getValue(), models, List.of(), null)));
    }

    private static Figure shareFigure(String key, List<ModelChanged> part, List<ModelChanged> whole, List<String> excluded,
                                      String query) {
        Double value = whole.isEmpty() ? null : (double) part.size() / whole.size();
        String shown = value == null ? null : Math.round(value * 100) + "%";
        return new Figure(key, value, shown, slugs(part), slugs(whole), excluded, query);
    }

    private Trend trend(String metric, Figure current, Figure previous, int currentSample, int previousSample,
                        boolean share) {
        boolean comparable = current.value() != null && previous.value() != null
                && currentSample >= options.minimumSample() && previousSample >= options.minimumSample();
        String direction = "unknown";
        if (comparable) {
            double a = share ? Math.round(current.value() * 100) : current.value();
            double b = share ? Math.round(previous.value() * 100) : previous.value();
            direction = a > b ? "up" : a < b ? "down" : "same";
        }
        return new Trend(metric, current.value(), previous.value(), current.shown(), previous.shown(), direction,
                comparable, currentSample, previousSample, current.key(), previous.key());
    }

    static void put(Map<String, Figure> figures, Figure figure) {
        figures.put(figure.key(), figure);
    }

    private static String tag(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
