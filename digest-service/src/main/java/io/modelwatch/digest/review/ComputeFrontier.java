package io.modelwatch.digest.review;

import static io.modelwatch.digest.review.Releases.slugs;

import io.modelwatch.contract.Credits;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.compute.TrainingComputeFormatter;
import io.modelwatch.contract.trend.GrowthTrend;
import io.modelwatch.digest.review.Review.Compute;
import io.modelwatch.digest.review.Review.Credit;
import io.modelwatch.digest.review.Review.Entry;
import io.modelwatch.digest.review.Review.Figure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The compute frontier of a review: the period's largest training run (figure {@code compute.largest}) and, with
 * {@link #MINIMUM_POINTS} or more dated releases stating their compute from {@link #SINCE} to the period's end, the
 * growth of training compute fitted by {@link GrowthTrend} with its seed {@link GrowthTrend#SEED} (figure
 * {@code compute.growth}), and how far the largest run lies from that trend line. Pure.
 */
final class ComputeFrontier {

    /** The fit starts here: the deep-learning era, as Epoch AI's explorer's default window does. */
    static final LocalDate SINCE = LocalDate.of(2010, 1, 1);
    /** Below this many fitted releases the review states no growth: the interval would say little. */
    static final int MINIMUM_POINTS = 10;

    private final CatalogLinks links;

    ComputeFrontier(CatalogLinks links) {
        this.links = links;
    }

    /**
     * @param releases the period's releases
     * @param history releases with any publication date; those stating compute and published from {@link #SINCE} to the
     *        period's end are fitted (the period's own releases are counted once, whichever list holds them)
     * @param entry how the review writes a release
     * @return empty when no release of the period states its training compute
     */
    Optional<Compute> compute(Period period, List<ModelChanged> releases, List<ModelChanged> history,
                              Map<String, Figure> figures, Function<ModelChanged, Entry> entry, Language language) {
        List<ModelChanged> known = releases.stream().filter(m -> m.trainingCompute() != null).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        ModelChanged largest = known.stream().max(Comparator.<ModelChanged>comparingDouble(m -> m.trainingCompute().value())
                .thenComparing(ModelChanged::slug, Comparator.reverseOrder())).orElseThrow();
        double flop = largest.trainingCompute().value();
        String shown = TrainingComputeFormatter.format(largest.trainingCompute(), language);
        String range = "from=" + period.from() + "&to=" + period.to();
        ReviewStatistics.put(figures, new Figure("compute.largest", flop, shown, List.of(largest.slug()), slugs(known),
                // Frameworks and applications have no training run: only models that do not state it are left out.
                slugs(releases.stream().filter(m -> m.kind() == Kind.MODEL && m.trainingCompute() == null).toList()),
                links.query(range + "&minCompute=" + flopQuery(flop))));

        List<ModelChanged> fitted = fitted(period, releases, history);
        Review.Growth growth = null;
        if (fitted.size() >= MINIMUM_POINTS) {
            List<GrowthTrend.Point> points = fitted.stream()
                    .map(m -> new GrowthTrend.Point(m.published().start(), m.trainingCompute().value())).toList();
            Optional<GrowthTrend.Growth> fit = GrowthTrend.fit(points, SINCE, GrowthTrend.SEED);
            if (fit.isPresent()) {
                GrowthTrend.Growth g = fit.get();
                growth = new Review.Growth(SINCE, g.n(), g.from(), g.to(), g.perYear(), g.perYearInterval().low(),
                        g.perYearInterval().high(), g.doublingMonths(),
                        g.doublingInterval() == null ? null : g.doublingInterval().low(),
                        g.doublingInterval() == null ? null : g.doublingInterval().high(),
                        flop / g.valueAt(largest.published().start()));
                ReviewStatistics.put(figures, new Figure("compute.growth", g.perYear(),
                        String.format(Locale.ROOT, "%.2f", g.perYear()), slugs(fitted), null, null,
                        links.query("from=" + SINCE + "&to=" + period.to() + "&minCompute=1")));
            }
        }
        return Optional.of(new Compute(entry.apply(largest), flop, shown, known.size(), growth));
    }

    /** Epoch AI's credit when a release of the period or a fitted one carries its data. */
    static List<Credit> credits(List<ModelChanged> releases, Map<String, Figure> figures, List<ModelChanged> fitted) {
        Set<String> slugs = new LinkedHashSet<>();
        for (ModelChanged m : releases) {
            if (epoch(m)) {
                slugs.add(m.slug());
            }
        }
        Figure growth = figures.get("compute.growth");
        if (growth != null) {
            fitted.stream().filter(ComputeFrontier::epoch).forEach(m -> slugs.add(m.slug()));
        }
        return slugs.isEmpty() ? List.of()
                : List.of(new Credit(Credits.EPOCH_AI, "CC BY 4.0", Credits.EPOCH_AI_LICENCE, List.copyOf(slugs)));
    }

    /** The releases a fit uses: stating compute, dated from {@link #SINCE} to the period's end, each once, by slug. */
    static List<ModelChanged> fitted(Period period, List<ModelChanged> releases, List<ModelChanged> history) {
        Map<String, ModelChanged> bySlug = new java.util.TreeMap<>();
        for (List<ModelChanged> list : List.of(history, releases)) {
            for (ModelChanged m : list) {
                if (m.trainingCompute() != null && m.published() != null) {
                    LocalDate start = m.published().start();
                    if (!start.isBefore(SINCE) && !start.isAfter(period.to())) {
                        bySlug.put(m.slug(), m);
                    }
                }
            }
        }
        return new ArrayList<>(bySlug.values());
    }

    private static boolean epoch(ModelChanged m) {
        return m.tags() != null && m.tags().stream().anyMatch(Credits.EPOCH_AI_TAG::equalsIgnoreCase);
    }

    /** The FLOP as the catalog's {@code minCompute} filter reads it ("2.047e24"). */
    private static String flopQuery(double flop) {
        return Double.toString(flop).toLowerCase(Locale.ROOT);
    }
}
