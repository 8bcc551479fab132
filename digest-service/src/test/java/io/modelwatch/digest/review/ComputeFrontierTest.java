package io.modelwatch.digest.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.contract.Credits;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.trend.GrowthTrend;
import io.modelwatch.digest.review.Review.SectionKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** The review's largest training run, compute growth and Epoch AI credit, built from hand-made releases. */
class ComputeFrontierTest {

    static final ReviewBuilder BUILDER = new ReviewBuilder(ReviewOptions.defaults("http://catalog.test"));
    static final ModelChanged T0 = DemoCatalog.snapshots().stream().filter(m -> m.name().equals("T0")).findFirst()
            .orElseThrow();
    static final Period YEAR_2021 = Period.parse(ReviewKind.YEARLY, "2021");

    /** A model published on {@code date} with {@code flop} of training compute (null: undisclosed), untagged. */
    static ModelChanged release(String slug, String date, Double flop) {
        return T0.withSlug(slug).withName(slug).withPublished(PublishedDate.parse(date)).withTags(List.of())
                .withTrainingCompute(flop == null ? null : new TrainingCompute(flop, null, false, null));
    }

    static ModelChanged epoch(ModelChanged m) {
        return m.withTags(List.of("instruction-tuned", Credits.EPOCH_AI_TAG));
    }

    static Review build(Period period, List<ModelChanged> current, List<ModelChanged> history, Language language) {
        return BUILDER.build(period, current, List.of(), null, history, language);
    }

    /** Ten releases from 2010 to 2019, exactly on 10^(0.5 · (year − 2010) + 20): ×√10 a year. */
    static List<ModelChanged> onTheLine() {
        List<ModelChanged> history = new ArrayList<>();
        for (int year = 2010; year < 2020; year++) {
            history.add(release("line-" + year, year + "-01-01", Math.pow(10, 0.5 * (year - 2010) + 20)));
        }
        return history;
    }

    @Test
    void aPeriodWithoutComputeHasNoComputeSectionNorFigure() {
        Review review = build(YEAR_2021, List.of(release("a", "2021-03-01", null), release("b", "2021-04-01", null)),
                onTheLine(), Language.EN);
        assertThat(review.compute()).isNull();
        assertThat(review.section(SectionKey.COMPUTE)).isEmpty();
        assertThat(review.figures()).doesNotContainKeys("compute.largest", "compute.growth");
        assertThat(review.credits()).isEmpty();
    }

    @Test
    void theLargestRunIsTheMostComputeOfThePeriodWithTheSetItIsTheLargestOf() {
        List<ModelChanged> current = List.of(release("small", "2021-02-01", 1e21), release("big", "2021-05-01", 3.8e25),
                release("middle", "2021-06-01", 2e23), release("secret", "2021-07-01", null));
        Review review = build(YEAR_2021, current, List.of(), Language.EN);

        assertThat(review.compute().largest().slug()).isEqualTo("big");
        assertThat(review.compute().largest().catalogUrl()).isEqualTo("http://catalog.test/models/big");
        assertThat(review.compute().flop()).isEqualTo(3.8e25);
        assertThat(review.compute().flopShown()).isEqualTo("3.8×10²⁵");
        assertThat(review.compute().known()).isEqualTo(3);
        Review.Figure largest = review.figure("compute.largest");
        assertThat(largest.slugs()).containsExactly("big");
        assertThat(largest.of()).containsExactlyInAnyOrder("small", "big", "middle");
        assertThat(largest.excluded()).containsExactly("secret");
        assertThat(largest.query()).isEqualTo("http://catalog.test/api/v1/models?from=2021-01-01&to=2021-12-31&minCompute=3.8e25");
        // Three points only: no growth is claimed.
        assertThat(review.compute().growth()).isNull();
        assertThat(review.figures()).doesNotContainKey("compute.growth");
        // After the scale section, before the next of the article's sections.
        List<SectionKey> keys = review.sections().stream().map(Review.Section::key).toList();
        assertThat(keys.indexOf(SectionKey.COMPUTE)).isEqualTo(keys.indexOf(SectionKey.BIGGEST) + 1);
        assertThat(review.section(SectionKey.COMPUTE).orElseThrow().entries()).isEmpty();
    }

    @Test
    void theGrowthIsFittedFrom2010ToThePeriodsEndWithItsIntervalAndDoublingTime() {
        // On the line too: 10^(0.5 · 11.5 + 20) in mid-2021. Points before 2010 and after the period are not fitted.
        ModelChanged onLine = release("on-line", "2021-07-02", Math.pow(10, 0.5 * (GrowthTrend.years(LocalDate.of(2021, 7, 2)) - 2010) + 20));
        List<ModelChanged> history = new ArrayList<>(onTheLine());
        history.add(release("too-early", "2009-06-01", 1e30));
        history.add(release("too-late", "2022-02-01", 1e10));
        history.add(onLine); // the period's release, in the history too: counted once

        Review review = build(YEAR_2021, List.of(onLine), history, Language.EN);

        Review.Growth g = review.compute().growth();
        assertThat(g.since()).isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(g.n()).isEqualTo(11);
        assertThat(g.from()).isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(g.to()).isEqualTo(LocalDate.of(2021, 7, 2));
        assertThat(g.perYear()).isCloseTo(Math.sqrt(10), within(1e-6));
        assertThat(g.perYearLow()).isCloseTo(Math.sqrt(10), within(1e-6));
        assertThat(g.perYearHigh()).isCloseTo(Math.sqrt(10), within(1e-6));
        assertThat(g.doublingMonths()).isCloseTo(12 * Math.log10(2) / 0.5, within(1e-6));
        assertThat(g.largestAgainstTrend()).isCloseTo(1.0, within(1e-6));
        assertThat(review.figure("compute.growth").slugs()).hasSize(11).doesNotContain("too-early", "too-late");
        assertThat(review.figure("compute.growth").query())
                .isEqualTo("http://catalog.test/api/v1/models?from=2010-01-01&to=2021-12-31&minCompute=1");
    }

    @Test
    void nineFittedReleasesStateNoGrowth() {
        List<ModelChanged> history = onTheLine().subList(0, 8);
        Review review = build(YEAR_2021, List.of(release("one", "2021-03-01", 1e25)), history, Language.EN);
        assertThat(review.compute().growth()).isNull();
        Review ten = build(YEAR_2021, List.of(release("one", "2021-03-01", 1e25)), onTheLine().subList(0, 9), Language.EN);
        assertThat(ten.compute().growth().n()).isEqualTo(10);
    }

    @Test
    void theLargestRunIsPlacedAgainstTheLeastSquaresLineOfTheFittedReleases() {
        // Noisy points: the factor is checked against a least-squares line the test fits itself.
        List<ModelChanged> history = new ArrayList<>();
        java.util.Random noise = new java.util.Random(11);
        for (int i = 0; i < 30; i++) {
            LocalDate date = LocalDate.of(2011, 1, 1).plusDays(noise.nextInt(10 * 365));
            history.add(release("noisy-" + i, date.toString(), Math.pow(10, 0.6 * (GrowthTrend.years(date) - 2011) + 18 + noise.nextGaussian())));
        }
        ModelChanged big = release("big", "2021-09-01", 1e26);
        Review review = build(YEAR_2021, List.of(big), history, Language.EN);

        SimpleRegression line = new SimpleRegression();
        for (ModelChanged m : history) {
            line.addData(GrowthTrend.years(m.published().start()), Math.log10(m.trainingCompute().value()));
        }
        line.addData(GrowthTrend.years(LocalDate.of(2021, 9, 1)), 26);
        double trend = Math.pow(10, line.predict(GrowthTrend.years(LocalDate.of(2021, 9, 1))));
        Review.Growth g = review.compute().growth();
        assertThat(g.n()).isEqualTo(31);
        assertThat(g.perYear()).isCloseTo(Math.pow(10, line.getSlope()), within(1e-9));
        assertThat(g.largestAgainstTrend()).isCloseTo(1e26 / trend, within(1e-6 * (1e26 / trend)));
        assertThat(g.largestAgainstTrend()).isGreaterThan(1);
        assertThat(g.perYearLow()).isLessThan(g.perYear());
        assertThat(g.perYearHigh()).isGreaterThan(g.perYear());
        // Seeded: the same data states the same interval.
        assertThat(build(YEAR_2021, List.of(big), history, Language.EN).compute().growth()).isEqualTo(g);
    }

    @Test
    void epochAisCreditGoesWithAnyReleaseOfItsDataInThePeriodOrInTheFit() {
        ModelChanged plain = release("plain", "2021-03-01", 1e24);
        assertThat(build(YEAR_2021, List.of(plain), onTheLine(), Language.EN).credits()).isEmpty();

        ModelChanged tagged = epoch(release("tagged", "2021-04-01", null));
        List<Review.Credit> credits = build(YEAR_2021, List.of(plain, tagged), List.of(), Language.EN).credits();
        assertThat(credits).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(Credits.EPOCH_AI);
            assertThat(c.licence()).isEqualTo(Credits.EPOCH_AI_LICENCE);
            assertThat(c.licenceName()).isEqualTo("CC BY 4.0");
            assertThat(c.slugs()).containsExactly("tagged");
        });

        // Epoch's rows only behind the growth the review states: credited too.
        List<ModelChanged> epochHistory = onTheLine().stream().map(ComputeFrontierTest::epoch).toList();
        assertThat(build(YEAR_2021, List.of(plain), epochHistory, Language.EN).credits()).singleElement()
                .satisfies(c -> assertThat(c.slugs()).hasSize(10).doesNotContain("plain"));
        // ...but not when there are too few of them for a growth, which the review then does not state.
        assertThat(build(YEAR_2021, List.of(plain), epochHistory.subList(0, 5), Language.EN).credits()).isEmpty();
    }
}
