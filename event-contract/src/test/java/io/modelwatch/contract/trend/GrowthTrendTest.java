package io.modelwatch.contract.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.contract.trend.GrowthTrend.Growth;
import io.modelwatch.contract.trend.GrowthTrend.Point;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class GrowthTrendTest {

    @Test
    void pointsOnALineGiveItsGrowthAndDoublingTime() {
        // value = 10^(0.5 · years since 2010): ×3.16 a year, doubling every 12·log10(2)/0.5 = 7.22 months
        List<Point> points = new ArrayList<>();
        for (int year = 2010; year <= 2020; year++) {
            points.add(new Point(LocalDate.of(year, 1, 1), Math.pow(10, 0.5 * (year - 2010) + 20)));
        }
        Growth growth = GrowthTrend.fit(points, null, GrowthTrend.SEED).orElseThrow();
        assertThat(growth.n()).isEqualTo(11);
        assertThat(growth.perYear()).isCloseTo(Math.sqrt(10), within(0.01));
        assertThat(growth.doublingMonths()).isCloseTo(7.22, within(0.01));
        assertThat(growth.from()).isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(growth.to()).isEqualTo(LocalDate.of(2020, 1, 1));
        // exact points: every resample lies on the same line
        assertThat(growth.perYearInterval().low()).isCloseTo(Math.sqrt(10), within(0.01));
        assertThat(growth.perYearInterval().high()).isCloseTo(Math.sqrt(10), within(0.01));
        // the line read back between and beyond its points: 10^(0.5 · 5.5 + 20) in mid-2015, 10^(0.5 · 12 + 20) in 2022
        LocalDate mid2015 = LocalDate.of(2015, 7, 2);
        assertThat(Math.log10(growth.valueAt(mid2015))).isCloseTo(0.5 * (GrowthTrend.years(mid2015) - 2010) + 20, within(1e-6));
        assertThat(Math.log10(growth.valueAt(LocalDate.of(2022, 1, 1)))).isCloseTo(26.0, within(1e-6));
    }

    @Test
    void noisyPointsGiveAnIntervalAroundTheEstimateAndTheSameSeedTheSameInterval() {
        Random noise = new Random(7);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            LocalDate date = LocalDate.of(2012, 1, 1).plusDays(noise.nextInt(12 * 365));
            double log = 0.6 * (GrowthTrend.years(date) - 2012) + 18 + noise.nextGaussian();
            points.add(new Point(date, Math.pow(10, log)));
        }
        Growth growth = GrowthTrend.fit(points, null, 42).orElseThrow();
        assertThat(growth.perYearInterval().low()).isLessThan(growth.perYear());
        assertThat(growth.perYearInterval().high()).isGreaterThan(growth.perYear());
        assertThat(growth.perYear()).isCloseTo(Math.pow(10, 0.6), within(0.6));
        assertThat(growth.doublingInterval().low()).isLessThan(growth.doublingMonths());
        assertThat(growth.doublingInterval().high()).isGreaterThan(growth.doublingMonths());
        assertThat(GrowthTrend.fit(points, null, 42)).contains(growth);
        assertThat(GrowthTrend.fit(points, null, 43).orElseThrow().perYearInterval()).isNotEqualTo(growth.perYearInterval());
        List<Point> shuffled = new ArrayList<>(points);
        java.util.Collections.shuffle(shuffled, new Random(3));
        assertThat(GrowthTrend.fit(shuffled, null, 42)).as("the same points in another order").contains(growth);
    }

    @Test
    void tooFewUsablePointsGiveNoTrendAndAShrinkingQuantityNoDoublingTime() {
        List<Point> two = List.of(new Point(LocalDate.of(2020, 1, 1), 1e20), new Point(LocalDate.of(2021, 1, 1), 1e21),
                new Point(LocalDate.of(2022, 1, 1), 0), new Point(LocalDate.of(2023, 1, 1), Double.NaN),
                new Point(null, 1e22));
        assertThat(GrowthTrend.fit(two, null, 1)).isEmpty();
        List<Point> sameDay = List.of(new Point(LocalDate.of(2020, 1, 1), 1e20), new Point(LocalDate.of(2020, 1, 1), 1e21),
                new Point(LocalDate.of(2020, 1, 1), 1e22));
        assertThat(GrowthTrend.fit(sameDay, null, 1)).isEmpty();
        List<Point> shrinking = List.of(new Point(LocalDate.of(2020, 1, 1), 1e22), new Point(LocalDate.of(2021, 1, 1), 1e21),
                new Point(LocalDate.of(2022, 1, 1), 1e20));
        Growth growth = GrowthTrend.fit(shrinking, null, 1).orElseThrow();
        assertThat(growth.perYear()).isCloseTo(0.1, within(1e-9));
        assertThat(growth.doublingMonths()).isNull();
        assertThat(growth.doublingInterval()).isNull();
    }

    /**
     * Epoch's notable models from 2010 on: the fit equals the least-squares slope written out from its sums here (a
     * separate code path), and lands where Epoch's own explorer puts the growth of notable models' training compute
     * (a few times per year, doubling in about half a year).
     */
    @Test
    void epochsTrainingComputeFrom2010MatchesTheClosedFormLeastSquares() throws Exception {
        List<Point> points = new ArrayList<>();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/epoch/notable_ai_models.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String date = row.get("Publication date");
                String compute = row.get("Training compute (FLOP)");
                if (date.isBlank() || compute.isBlank()) {
                    continue;
                }
                LocalDate day = LocalDate.parse(date);
                double flop = Double.parseDouble(compute);
                points.add(new Point(day, flop));
                if (!day.isBefore(LocalDate.of(2010, 1, 1)) && flop > 0) {
                    double x = day.getYear() + (day.getDayOfYear() - 1) / (double) day.lengthOfYear();
                    double y = Math.log10(flop);
                    sx += x; sy += y; sxx += x * x; sxy += x * y; n++;
                }
            }
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);

        Growth growth = GrowthTrend.fit(points, LocalDate.of(2010, 1, 1), GrowthTrend.SEED).orElseThrow();

        assertThat(growth.n()).isEqualTo(n).isGreaterThan(300);
        assertThat(growth.perYear()).isCloseTo(Math.pow(10, slope), within(1e-6)); // the sums above lose digits to cancellation
        assertThat(growth.doublingMonths()).isCloseTo(12 * Math.log10(2) / slope, within(1e-6));
        assertThat(growth.perYear()).isBetween(2.5, 6.0);
        assertThat(growth.perYearInterval().low()).isLessThan(growth.perYear()).isGreaterThan(1.0);
        assertThat(growth.perYearInterval().high()).isGreaterThan(growth.perYear());
        System.out.printf("Epoch notable models, training compute from 2010: n=%d, x%.2f/year [%.2f, %.2f], doubling %.1f months [%.1f, %.1f]%n",
                growth.n(), growth.perYear(), growth.perYearInterval().low(), growth.perYearInterval().high(),
                growth.doublingMonths(), growth.doublingInterval().low(), growth.doublingInterval().high());
    }
}
