package io.modelwatch.digest.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.review.Review.Entry;
import io.modelwatch.digest.review.Review.Figure;
import io.modelwatch.digest.review.Review.Section;
import io.modelwatch.digest.review.Review.SectionKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Over generated reviews of several periods (the demo's mid-year and half-year, every month of the demo, a one-release
 * month, an empty month, in both languages): no release listed in full twice, every share's numerator and denominator
 * equal to the counts of the set it names (and the section listing that set), every relative size within 10 % of the
 * true ratio.
 */
class ReviewInvariantsTest {

    static final List<ModelChanged> DEMO = DemoCatalog.snapshots();
    static final ReviewOptions OPTIONS = ReviewOptions.defaults("http://catalog.test");
    static final ReviewBuilder BUILDER = new ReviewBuilder(OPTIONS);
    static final Pattern FRACTION = Pattern.compile("(\\d+)/(\\d+)");
    static final Pattern PERCENT = Pattern.compile("(\\d+)%");

    static Map<String, Period> periods() {
        Map<String, Period> periods = new LinkedHashMap<>();
        periods.put("mid-year 2022", Period.parse(ReviewKind.MID_YEAR, "2022"));
        periods.put("half-year 2022-H1", Period.parse(ReviewKind.HALF_YEAR, "2022-H1"));
        periods.put("empty month 2019-02", Period.parse(ReviewKind.MONTHLY, "2019-02"));
        for (int m = 1; m <= 12; m++) {
            Period month = Period.containing(ReviewKind.MONTHLY, java.time.LocalDate.of(m >= 7 ? 2021 : 2022, m, 1));
            periods.put("month " + month.key(), month);
        }
        return periods;
    }

    static Review build(Period period, Language language) {
        return BUILDER.build(period, DemoCatalog.between(DEMO, period.from(), period.to()),
                DemoCatalog.between(DEMO, period.previous().from(), period.previous().to()), null, language);
    }

    @Test
    void thePeriodsIncludeAOneReleaseMonthAndAnEmptyOne() {
        assertThat(periods().values().stream().map(p -> DemoCatalog.between(DEMO, p.from(), p.to()).size()))
                .contains(0, 1);
    }

    @Test
    void noReleaseIsListedInFullTwice() {
        for (var p : periods().entrySet()) {
            for (Language language : Language.values()) {
                Review review = build(p.getValue(), language);
                Set<String> full = new HashSet<>();
                for (Section s : review.sections()) {
                    if (s.key() == SectionKey.TIMELINE) {
                        continue;
                    }
                    for (Entry e : s.entries()) {
                        if (e.full()) {
                            assertThat(full.add(e.slug())).as("%s: %s listed in full twice (again in %s)", p.getKey(),
                                    e.slug(), s.key()).isTrue();
                        }
                    }
                }
                // And every release a section names is listed in full somewhere.
                review.sections().stream().filter(s -> s.key() != SectionKey.TIMELINE)
                        .flatMap(s -> s.entries().stream()).forEach(e -> assertThat(full).as(p.getKey()).contains(e.slug()));
            }
        }
    }

    @Test
    void everyShareNamesTheSetItCounts() {
        Set<SectionKey> sectionsChecked = new HashSet<>();
        for (var p : periods().entrySet()) {
            Period period = p.getValue();
            Review review = build(period, Language.EN);
            List<ModelChanged> models = DemoCatalog.between(DEMO, period.from(), period.to()).stream()
                    .filter(m -> m.kind() == Kind.MODEL).toList();
            assertShare(p.getKey(), review.figure("china"), models,
                    models.stream().filter(ModelTraits::isChinese).toList());
            List<ModelChanged> withModalities = models.stream().filter(m -> m.modalities() != null && !m.modalities().isEmpty()).toList();
            assertShare(p.getKey(), review.figure("multimodal"), withModalities,
                    withModalities.stream().filter(m -> m.modalities().size() >= 2 || m.modalities().contains("multimodal")).toList());
            List<ModelChanged> stated = models.stream().filter(m -> m.accessibility() != null).toList();
            assertShare(p.getKey(), review.figure("open"), stated,
                    stated.stream().filter(m -> m.accessibility().openWeights()).toList());
            // A section that states a share lists exactly its numerator.
            for (var pair : Map.of(SectionKey.CHINA, "china", SectionKey.MULTIMODAL, "multimodal", SectionKey.OPEN, "open").entrySet()) {
                review.section(pair.getKey()).ifPresent(s -> {
                    sectionsChecked.add(pair.getKey());
                    assertThat(s.total()).as(p.getKey() + " " + pair.getKey()).isEqualTo(review.figure(pair.getValue()).count());
                    assertThat(s.entries().stream().map(Entry::slug).toList()).as(p.getKey() + " " + pair.getKey())
                            .containsExactlyInAnyOrderElementsOf(review.figure(pair.getValue()).slugs());
                });
            }
        }
        // Each of the three sections appears in some period, so its check above did run.
        assertThat(sectionsChecked).containsExactlyInAnyOrder(SectionKey.CHINA, SectionKey.MULTIMODAL, SectionKey.OPEN);
    }

    private static void assertShare(String period, Figure figure, List<ModelChanged> whole, List<ModelChanged> part) {
        assertThat(figure.of()).as(period + " " + figure.key() + " denominator")
                .containsExactlyInAnyOrderElementsOf(whole.stream().map(ModelChanged::slug).toList());
        assertThat(figure.slugs()).as(period + " " + figure.key() + " numerator")
                .containsExactlyInAnyOrderElementsOf(part.stream().map(ModelChanged::slug).toList());
        if (!whole.isEmpty()) {
            assertThat(figure.shown()).isEqualTo(Math.round(100.0 * part.size() / whole.size()) + "%");
        }
    }

    @Test
    void everyRelativeSizeIsWithinTenPercentOfTheTrueRatio() {
        int checked = 0;
        for (var p : periods().entrySet()) {
            for (Section s : build(p.getValue(), Language.EN).sections()) {
                for (Entry e : s.entries()) {
                    if (e.relative() == null) {
                        continue;
                    }
                    double truth = (double) e.parameters() / OPTIONS.referenceParameters();
                    assertThat(Math.abs(parse(e.relative()) - truth) / truth).as("%s: %s %s", p.getKey(), e.name(), e.relative())
                            .isLessThanOrEqualTo(0.10);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(3);
    }

    @Test
    void relativeSizesReadNaturally() {
        long gpt3 = 175_000_000_000L;
        assertThat(RelativeSize.of(11_000_000_000L, gpt3).shown()).isEqualTo("1/16");
        assertThat(RelativeSize.of(7_000_000_000L, gpt3).shown()).isEqualTo("1/25");
        assertThat(RelativeSize.of(72_000_000_000L, gpt3).shown()).isEqualTo("2/5");
        assertThat(RelativeSize.of(70_000_000_000L, gpt3).shown()).isEqualTo("2/5");
        assertThat(RelativeSize.of(137_000_000_000L, gpt3).shown()).isEqualTo("4/5");
        assertThat(RelativeSize.of(175_000_000_000L, gpt3)).isNull();
        for (long size = 1_000_000L; size < gpt3; size = size * 11 / 10 + 1) {
            RelativeSize r = RelativeSize.of(size, gpt3);
            double truth = (double) size / gpt3;
            assertThat(Math.abs(parse(r.shown()) - truth) / truth).as(r.shown() + " for " + size).isLessThanOrEqualTo(0.10);
        }
    }

    static double parse(String relative) {
        Matcher f = FRACTION.matcher(relative);
        if (f.matches()) {
            return Double.parseDouble(f.group(1)) / Double.parseDouble(f.group(2));
        }
        Matcher p = PERCENT.matcher(relative);
        assertThat(p.matches()).as(relative).isTrue();
        return Double.parseDouble(p.group(1)) / 100;
    }
}
