package io.modelwatch.catalog.dashboard;

import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Measure;
import io.modelwatch.catalog.store.CatalogVersionCache;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.trend.GrowthTrend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The growth of training compute or parameters over the entries a filter matches, fitted by {@link GrowthTrend} with
 * its fixed seed (so the page, the API and a test from the same data state the same interval), and stated in words.
 */
@ApplicationScoped
public class DashboardGrowth {

    private final CatalogQueries queries;
    private final CatalogVersionCache cache;

    public DashboardGrowth(CatalogQueries queries, CatalogVersionCache cache) {
        this.queries = queries;
        this.cache = cache;
    }

    /** A point of the fitted line: the date and the fitted value. */
    public record LinePoint(String date, double value) {
    }

    /**
     * The fit as the API answers it. from/to: the first and last dates fitted (null without a fit); the numbers are
     * null when there are fewer than 3 points; line: the fitted line from {@code from} to {@code to} (empty without a
     * fit); text: the one-line statement in the language.
     */
    public record Growth(String measure, String from, String to, int n, Double perYear, GrowthTrend.Interval perYearInterval,
                         Double doublingMonths, GrowthTrend.Interval doublingInterval, List<LinePoint> line, String text) {
    }

    /**
     * @param filter the entries (its {@code from} is the start of the fit)
     * @param fromAsGiven the start as the reader gave it (2010, 2010-06, 2010-06-01), for the statement; null: all dates
     * @return the fit, kept until the catalog changes ({@link CatalogVersionCache}): it reads every dated entry
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Growth growth(ModelFilter filter, Measure measure, String fromAsGiven, Language lang) {
        return cache.get(java.util.Arrays.asList("growth", filter, measure, fromAsGiven, lang),
                () -> fit(filter, measure, fromAsGiven, lang));
    }

    private Growth fit(ModelFilter filter, Measure measure, String fromAsGiven, Language lang) {
        List<GrowthTrend.Point> points = queries.dated(filter, measure).stream()
                .map(d -> new GrowthTrend.Point(d.published(), d.value())).toList();
        LocalDate from = filter.from();
        Optional<GrowthTrend.Growth> fit = GrowthTrend.fit(points, from, GrowthTrend.SEED);
        DashboardMessages msg = DisplayText.messages(lang);
        String period = period(fromAsGiven, lang, msg);
        String name = measure.name().toLowerCase(java.util.Locale.ROOT);
        NumberFormat count = NumberFormat.getIntegerInstance(lang.locale());
        if (fit.isEmpty()) {
            int usable = GrowthTrend.usable(points, from).size();
            return new Growth(name, null, null, usable, null, null, null, null, List.of(),
                    msg.growthTooFew(count.format(usable), period));
        }
        GrowthTrend.Growth g = fit.get();
        return new Growth(name, g.from().toString(), g.to().toString(), g.n(), g.perYear(), g.perYearInterval(),
                g.doublingMonths(), g.doublingInterval(), line(g), statement(g, period, lang, msg));
    }

    /** The fitted line from the first date fitted to the last. */
    private static List<LinePoint> line(GrowthTrend.Growth g) {
        return List.of(new LinePoint(g.from().toString(), g.valueAt(g.from())), new LinePoint(g.to().toString(), g.valueAt(g.to())));
    }

    static String statement(GrowthTrend.Growth g, String period, Language lang, DashboardMessages msg) {
        NumberFormat one = NumberFormat.getNumberInstance(lang.locale());
        one.setMinimumFractionDigits(1);
        one.setMaximumFractionDigits(1);
        String n = NumberFormat.getIntegerInstance(lang.locale()).format(g.n());
        String perYear = one.format(g.perYear());
        String low = one.format(g.perYearInterval().low());
        String high = one.format(g.perYearInterval().high());
        return g.doublingMonths() == null ? msg.growthNotGrowing(perYear, low, high, n, period)
                : msg.growthStatement(perYear, low, high, one.format(g.doublingMonths()), n, period);
    }

    static String period(String fromAsGiven, Language lang, DashboardMessages msg) {
        if (fromAsGiven == null || fromAsGiven.isBlank()) {
            return msg.allDates();
        }
        PublishedDate date = PublishedDate.parse(fromAsGiven.strip());
        return date.precision() == PublishedDate.Precision.YEAR ? msg.onwards(date.value())
                : msg.onwardsDate(DisplayText.published(date, lang));
    }
}
