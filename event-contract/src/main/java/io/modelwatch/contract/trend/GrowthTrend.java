package io.modelwatch.contract.trend;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How fast a quantity grows over time (training compute, parameters), stated as Epoch AI's explorer states it: a
 * least-squares line through {@code log10(value)} against the date in years, read as a factor per year
 * ({@code 10^slope}) and a doubling time in months ({@code 12·log10(2)/slope}), with a 90 % percentile-bootstrap
 * interval (the points resampled with replacement, {@value #RESAMPLES} times, from a given seed so that a page and
 * its test agree) and the number of points.
 *
 * <p>Pure: no clock, no randomness but the seed's. Points that are not positive and finite are not part of the fit.
 */
public final class GrowthTrend {

    public static final int RESAMPLES = 1_000;
    /** The seed pages and reviews use, so that the same data always states the same interval. */
    public static final long SEED = 20_100_101L;
    private static final double LOG10_2 = Math.log10(2);

    /** One model: its date and the quantity (FLOP, parameters), positive. */
    public record Point(LocalDate date, double value) {
    }

    /** A closed interval, low ≤ high. */
    public record Interval(double low, double high) {
    }

    /**
     * The fitted growth over {@code n} points dated {@code from} to {@code to}. {@code doublingMonths} is null when the
     * quantity does not grow ({@code perYear ≤ 1}); {@code doublingInterval} is null when the interval of the growth
     * includes no growth (the doubling time is then unbounded). {@code log10Intercept} is the fitted line's
     * {@code log10(value)} at year 0, so that {@link #valueAt} reads the line at any date.
     */
    public record Growth(int n, LocalDate from, LocalDate to, double perYear, Interval perYearInterval,
                         Double doublingMonths, Interval doublingInterval, double log10Intercept) {

        /** The fitted trend line's value on {@code date} (FLOP, parameters). */
        public double valueAt(LocalDate date) {
            return Math.pow(10, log10Intercept + Math.log10(perYear) * years(date));
        }
    }

    /**
     * The growth of the points from {@code from} on (inclusive; null: all); empty with fewer than 3 usable points. The
     * same points in any order give the same growth and interval.
     */
    public static Optional<Growth> fit(Collection<Point> points, LocalDate from, long seed) {
        List<Point> usable = usable(points, from);
        int n = usable.size();
        if (n < 3) {
            return Optional.empty();
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = years(usable.get(i).date());
            y[i] = Math.log10(usable.get(i).value());
        }
        SimpleRegression line = regression(x, y, null);
        double slope = line.getSlope();
        if (Double.isNaN(slope)) {
            return Optional.empty(); // every point on one day
        }
        double[] slopes = bootstrap(x, y, seed);
        Percentile percentile = new Percentile();
        double low = percentile.evaluate(slopes, 5.0);
        double high = percentile.evaluate(slopes, 95.0);
        LocalDate first = usable.stream().map(Point::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = usable.stream().map(Point::date).max(LocalDate::compareTo).orElseThrow();
        return Optional.of(new Growth(n, first, last, Math.pow(10, slope),
                new Interval(Math.pow(10, low), Math.pow(10, high)),
                slope > 0 ? 12 * LOG10_2 / slope : null,
                low > 0 ? new Interval(12 * LOG10_2 / high, 12 * LOG10_2 / low) : null, line.getIntercept()));
    }

    /**
     * The points a fit from {@code from} uses (dated, from {@code from} on, the value positive and finite), in one order
     * (date, then value): the bootstrap draws by position, so the order makes the interval a function of the set.
     */
    public static List<Point> usable(Collection<Point> points, LocalDate from) {
        return points.stream()
                .filter(p -> p.date() != null && (from == null || !p.date().isBefore(from)))
                .filter(p -> p.value() > 0 && Double.isFinite(p.value()))
                .sorted(java.util.Comparator.comparing(Point::date).thenComparingDouble(Point::value))
                .toList();
    }

    /** The date as a fractional year: 2020-07-02 is about 2020.5. */
    public static double years(LocalDate date) {
        return date.getYear() + (date.getDayOfYear() - 1) / (double) date.lengthOfYear();
    }

    private static double[] bootstrap(double[] x, double[] y, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = x.length;
        int[] pick = new int[n];
        double[] slopes = new double[RESAMPLES];
        int kept = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                pick[i] = random.nextInt(n);
            }
            double s = regression(x, y, pick).getSlope();
            if (!Double.isNaN(s)) {
                slopes[kept++] = s; // a resample of one date only has no slope
            }
        }
        return Arrays.copyOf(slopes, kept);
    }

    private static SimpleRegression regression(double[] x, double[] y, int[] pick) {
        SimpleRegression regression = new SimpleRegression();
        int n = pick == null ? x.length : pick.length;
        for (int i = 0; i < n; i++) {
            int at = pick == null ? i : pick[i];
            regression.addData(x[at], y[at]);
        }
        return regression;
    }

    private GrowthTrend() {
    }
}
