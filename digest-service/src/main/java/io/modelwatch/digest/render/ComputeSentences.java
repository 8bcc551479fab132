package io.modelwatch.digest.render;

import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Review;
import io.modelwatch.digest.review.Review.Figure;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The review's sentences on training compute, in the reader's language: the compute section (the period's largest run,
 * the growth fitted since 2010, the run against that trend) and the opening paragraph's sentence on the frontier, which
 * states the same factor. Figures are written to two significant digits.
 */
final class ComputeSentences {

    /** The training-compute section's sentences, or null without one. */
    static ReviewView.ComputeView section(Review r, ReviewMessages msg, Language language) {
        Review.Compute c = r.compute();
        if (c == null) {
            return null;
        }
        Figure largest = r.figure("compute.largest");
        String[] around = ReviewRenderer.around(msg.computeLargest(ReviewRenderer.LINK, c.largest().organizationsShown(), c.flopShown(),
                c.flopShown().startsWith("约") || c.flopShown().startsWith("~"), c.known(),
                largest == null ? 0 : largest.excludedCount()));
        List<String> growth = new ArrayList<>();
        Review.Growth g = c.growth();
        if (g != null) {
            String trend = g.perYearLow() > 1 ? "grows" : g.perYearHigh() < 1 ? "shrinks" : "unclear";
            growth.add(msg.computeGrowth(g.n(), month(g.from(), language), month(g.to(), language), trend,
                    significant(g.perYear()), significant(g.perYearLow()), significant(g.perYearHigh()),
                    months(g.doublingMonths()), months(g.doublingLow()), months(g.doublingHigh())));
            String position = againstTrend(g);
            if (!position.isEmpty()) {
                growth.add(msg.computeAgainstTrend(c.largest().nameShown(), position, trendFactor(g)));
            }
        }
        return new ReviewView.ComputeView(around[0], c.largest(), around[1], List.copyOf(growth));
    }

    /**
     * Where the period's largest run lies against the compute trend line: "above", "below" or "on" (within 10 %); "" when
     * there is no fit or its direction is unclear (a line the data does not establish is no yardstick for one model).
     */
    private static String againstTrend(Review.Growth g) {
        if (g == null || (g.perYearLow() <= 1 && g.perYearHigh() >= 1)) {
            return "";
        }
        double factor = g.largestAgainstTrend();
        return factor >= 1.1 ? "above" : factor <= 1 / 1.1 ? "below" : "on";
    }

    /** How many times the run is the trend's value, or the trend the run's: always 1 or more. */
    private static String trendFactor(Review.Growth g) {
        double factor = g.largestAgainstTrend();
        return significant(factor >= 1 ? factor : 1 / factor);
    }

    /** The opening's sentence on the compute frontier: the period's largest training run and its place against the trend. */
    static String opening(Review.Compute c, ReviewMessages msg) {
        String position = againstTrend(c.growth());
        return msg.framingCompute(c.largest().nameShown(), c.flopShown(), c.known(), position,
                position.isEmpty() ? "" : trendFactor(c.growth()));
    }

    /** "May 2020" / "2020 年 5 月". */
    private static String month(LocalDate date, Language language) {
        return language == Language.ZH_CN ? date.getYear() + " 年 " + date.getMonthValue() + " 月"
                : date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date.getYear();
    }

    /** Two significant digits ("1.9", "12", "0.55", "350"). */
    static String significant(double value) {
        java.math.BigDecimal rounded = new java.math.BigDecimal(value).round(new java.math.MathContext(2));
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** Months, whole from 10 on, else to one decimal; null stays null (no doubling time). */
    private static String months(Double value) {
        if (value == null) {
            return null;
        }
        return value >= 10 ? String.valueOf(Math.round(value)) : significant(value);
    }

    private ComputeSentences() {
    }
}
