package io.modelwatch.digest.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.render.TimelineLayout;
import io.modelwatch.digest.review.Review.Entry;
import io.modelwatch.digest.review.Review.SectionKey;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReviewBuilderTest {

    static final List<ModelChanged> DEMO = DemoCatalog.snapshots();
    static final ReviewBuilder BUILDER = new ReviewBuilder(ReviewOptions.defaults("http://catalog.test"));

    static Review review(Period period, Language language) {
        ModelChanged gpt3 = DEMO.stream().filter(m -> m.slug().equals("gpt-3")).findFirst().orElseThrow();
        return TimelineLayout.laidOut(BUILDER.build(period, DemoCatalog.between(DEMO, period.from(), period.to()),
                DemoCatalog.between(DEMO, period.previous().from(), period.previous().to()), gpt3, language), language);
    }

    static List<String> names(Review review, SectionKey key) {
        return review.section(key).orElseThrow().entries().stream().map(Entry::name).toList();
    }

    static Map<String, Entry> entries(Review review, SectionKey key) {
        return review.section(key).orElseThrow().entries().stream().collect(Collectors.toMap(Entry::name, Function.identity()));
    }

    @Test
    void theArticlesYearHasEverySectionInOrderWithTheArticlesModels() {
        Review review = review(Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)), Language.EN);

        // The article's order: scale, smaller models against the reference, multimodal, generalists, retrieval and
        // tools, China, open releases, applications, frameworks.
        assertThat(review.sections()).extracting(Review.Section::key).containsExactly(SectionKey.FRAMING,
                SectionKey.TIMELINE, SectionKey.BIGGEST, SectionKey.COMPUTE, SectionKey.SMALLER, SectionKey.MULTIMODAL,
                SectionKey.GENERALIST,
                SectionKey.RETRIEVAL_TOOLS, SectionKey.CHINA, SectionKey.OPEN, SectionKey.APPLICATIONS,
                SectionKey.FRAMEWORKS, SectionKey.SUMMARY);
        assertThat(names(review, SectionKey.CHINA)).contains("Pangu", "Mengzi", "ERNIE 3.0", "M6-10T", "Zidong Taichu",
                "Erlangshen-MegatronBert-1.3B").doesNotContain("GPT-3", "FLAN");
        assertThat(names(review, SectionKey.MULTIMODAL)).contains("DALL·E 2", "Imagen", "NÜWA", "LayoutLMv3")
                .doesNotContain("T0", "GPT-NeoX-20B");
        assertThat(names(review, SectionKey.GENERALIST)).containsExactlyInAnyOrder("Gato", "VPT");
        assertThat(names(review, SectionKey.SMALLER)).containsExactly("FLAN", "T0", "RETRO");
        Map<String, Entry> smaller = entries(review, SectionKey.SMALLER);
        assertThat(smaller.get("T0").relative()).isEqualTo("1/16");
        assertThat(smaller.get("RETRO").relative()).isEqualTo("1/25");
        assertThat(smaller.get("FLAN").parametersShown()).isEqualTo("137B");
        assertThat(smaller.get("FLAN").relative()).isEqualTo("4/5");
        assertThat(names(review, SectionKey.RETRIEVAL_TOOLS)).containsExactlyInAnyOrder("RETRO", "WebGPT");
        assertThat(review.figure("section.retrieval-tools").query()).isEqualTo("http://catalog.test/api/v1/models?"
                + "from=2021-07-01&to=2022-06-30&kind=model&tag=browsing&tag=retrieval&tag=retrieval-augmented&tag=tool-use"
                + "&tag=tool-using&tag=tools");
        assertThat(review.figure("region.CN").slugs()).hasSize(8);
        assertThat(review.figure("region.CN").query()).isNull();
        assertThat(names(review, SectionKey.APPLICATIONS)).containsExactly("GitHub Copilot");
        assertThat(names(review, SectionKey.FRAMEWORKS)).containsExactly("Megatron-DeepSpeed", "Colossal-AI", "T5X");
        assertThat(names(review, SectionKey.BIGGEST)).startsWith("M6-10T", "Megatron-Turing NLG");
        // The timeline is the whole period, in date order; GPT-3 (2020) and BLOOM (July 2022) are outside it.
        assertThat(names(review, SectionKey.TIMELINE)).hasSize(23).doesNotContain("GPT-3", "BLOOM", "CokeBERT")
                .startsWith("Mengzi", "ERNIE 3.0");
    }

    @Test
    void countsAndSharesCarryTheModelsBehindThem() {
        Review review = review(Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)), Language.EN);
        assertThat(review.figure("releases").count()).isEqualTo(23);
        assertThat(review.figure("kind.model").count()).isEqualTo(19);
        assertThat(review.figure("kind.framework").count()).isEqualTo(3);
        assertThat(review.figure("kind.application").count()).isEqualTo(1);
        // Open weights: Mengzi, Erlangshen, T0, GPT-NeoX-20B, LayoutLMv3, OPT, VPT of 19 models with a stated accessibility.
        Review.Figure open = review.figure("open");
        assertThat(open.slugs()).containsExactlyInAnyOrder("mengzi", "erlangshen-megatronbert-1-3b", "t0", "gpt-neox-20b",
                "layoutlmv3", "opt", "vpt");
        assertThat(open.of()).hasSize(19);
        assertThat(open.shown()).isEqualTo("37%");
        assertThat(open.query()).contains("from=2021-07-01&to=2022-06-30").contains("accessibility=open-weights-unrestricted");
        // China: ERNIE 3.0, Mengzi, Zidong Taichu, M6, Erlangshen, NÜWA, Pangu, LayoutLMv3 = 8 of 19.
        assertThat(review.figure("china").count()).isEqualTo(8);
        assertThat(review.figure("china").shown()).isEqualTo("42%");
        // Undisclosed sizes (Pangu, Imagen) are left out of the median and named.
        Review.Figure median = review.figure("median");
        assertThat(median.excluded()).containsExactlyInAnyOrder("pangu", "imagen");
        assertThat(median.count()).isEqualTo(17);
        assertThat(median.slugs()).doesNotContain("pangu", "imagen");
    }

    @Test
    void undisclosedIsNeverZeroAndApproximateSizesAreMarked() {
        Review en = review(Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)), Language.EN);
        Review zh = review(Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)), Language.ZH_CN);
        assertThat(entries(en, SectionKey.CHINA).get("Pangu").parametersShown()).isEqualTo("undisclosed");
        assertThat(entries(en, SectionKey.CHINA).get("Pangu").parameters()).isNull();
        assertThat(entries(zh, SectionKey.CHINA).get("Pangu").parametersShown()).isEqualTo("未公开");
        assertThat(entries(zh, SectionKey.CHINA).get("Mengzi").parametersShown()).isEqualTo("十亿级");
        assertThat(entries(zh, SectionKey.CHINA).get("Mengzi").parametersApproximate()).isTrue();
        assertThat(entries(en, SectionKey.CHINA).get("Mengzi").parametersShown()).isEqualTo("~1B");
        assertThat(entries(zh, SectionKey.CHINA).get("M6-10T").parametersShown()).isEqualTo("10万亿");
        assertThat(entries(zh, SectionKey.SMALLER).get("T0").parametersShown()).isEqualTo("110亿");
        assertThat(zh.reference().parametersShown()).isEqualTo("1,750亿");
    }

    @Test
    void theMidYearReviewComparesWithTheSecondHalfOfTheYearBefore() {
        Review review = review(Period.parse(ReviewKind.HALF_YEAR, "2022-H1"), Language.EN);
        assertThat(review.previousPeriod()).isEqualTo(Period.parse(ReviewKind.HALF_YEAR, "2021-H2"));
        assertThat(names(review, SectionKey.CHINA)).containsExactlyInAnyOrder("Pangu", "LayoutLMv3");
        assertThat(names(review, SectionKey.MULTIMODAL)).contains("DALL·E 2", "Imagen");
        assertThat(names(review, SectionKey.GENERALIST)).containsExactlyInAnyOrder("Gato", "VPT");
        assertThat(review.section(SectionKey.SMALLER)).isEmpty();
        assertThat(review.figure("releases").count()).isEqualTo(10);
        assertThat(review.figure("previous.releases").count()).isEqualTo(13);
        Review.Trend releases = review.trends().get(0);
        assertThat(releases.direction()).isEqualTo("down");
        Review.Trend median = review.trends().stream().filter(t -> t.metric().equals("median")).findFirst().orElseThrow();
        assertThat(median.comparable()).isTrue();
        assertThat(median.previousShown()).isEqualTo("11B");
        assertThat(median.currentShown()).isEqualTo("2.35B");
        assertThat(median.direction()).isEqualTo("down");
    }

    @Test
    void anEmptyPeriodHasOnlyItsFramingAndClaimsNoTrend() {
        Review review = review(Period.parse(ReviewKind.YEARLY, "1999"), Language.EN);
        assertThat(review.sections()).extracting(Review.Section::key).containsExactly(SectionKey.FRAMING);
        assertThat(review.trends()).allSatisfy(t -> assertThat(t.comparable()).isFalse());
        assertThat(review.figure("median").value()).isNull();
        assertThat(review.timeline()).isNull();
    }

    @Test
    void aOneModelPeriodSaysTooLittleDataForTrends() {
        Review review = review(Period.parse(ReviewKind.MONTHLY, "2022-05"), Language.EN);
        assertThat(review.figure("releases").count()).isEqualTo(3);
        Review one = review(Period.parse(ReviewKind.WEEKLY, "2022-W19"), Language.EN);
        assertThat(one.figure("releases").slugs()).containsExactly("gato");
        assertThat(one.trends()).allSatisfy(t -> assertThat(t.comparable()).isFalse());
        assertThat(one.sections()).extracting(Review.Section::key)
                .containsExactly(SectionKey.FRAMING, SectionKey.TIMELINE, SectionKey.BIGGEST, SectionKey.COMPUTE, SectionKey.MULTIMODAL,
                        SectionKey.GENERALIST, SectionKey.SUMMARY);
        // Listed in full once (as a generalist), only named in the others.
        assertThat(one.sections().stream().flatMap(s -> s.entries().stream())
                .filter(e -> e.full() && e.slug().equals("gato")).count()).isEqualTo(2); // the timeline places it too
    }

    @Test
    void theReferenceIsConfigurable() {
        ReviewBuilder builder = new ReviewBuilder(ReviewOptions.defaults("http://c").withReference("Megatron-Turing NLG", 530_000_000_000L));
        Period period = Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30));
        Review review = builder.build(period, DemoCatalog.between(DEMO, period.from(), period.to()), List.of(), null, Language.EN);
        assertThat(entries(review, SectionKey.SMALLER).get("T0").relative()).isEqualTo("1/48");
        assertThat(review.reference().catalogUrl()).isNull();
    }

    @Test
    void theTimelinePlacesEveryReleaseOnceChinaHighlightedWithinTheFigure() {
        Review review = review(Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)), Language.ZH_CN);
        Review.Timeline t = review.timeline();
        assertThat(t.marks()).hasSize(23);
        assertThat(t.marks()).filteredOn(Review.Timeline.Mark::china).extracting(Review.Timeline.Mark::name)
                // The Chinese review's names: the article's 孟子, 紫东太初, 盘古, 女娲.
                .containsExactlyInAnyOrder("孟子", "文心 ERNIE 3.0", "紫东太初", "二郎神-MegatronBert-1.3B", "M6-10T",
                        "女娲（NÜWA）", "盘古", "LayoutLMv3");
        assertThat(t.marks()).allSatisfy(m -> {
            assertThat(m.x()).isBetween(0, t.width());
            assertThat(m.y()).isBetween(0, t.axisY());
        });
        assertThat(t.ticks()).extracting(Review.Timeline.Tick::label).startsWith("2021年7月").endsWith("2022年6月");
        // Labels on one row never overlap (7 units a Latin character): same y means disjoint spans.
        for (Review.Timeline.Mark a : t.marks()) {
            for (Review.Timeline.Mark b : t.marks()) {
                if (a != b && a.y() == b.y()) {
                    int[] sa = span(a);
                    int[] sb = span(b);
                    assertThat(sa[1] <= sb[0] || sb[1] <= sa[0]).as(a.name() + " / " + b.name()).isTrue();
                }
            }
        }
    }

    static int[] span(Review.Timeline.Mark m) {
        int w = m.name().codePoints().map(c -> c > 0x2E80 ? 14 : 7).sum() + 8;
        return m.end() ? new int[] {m.x() - w, m.x() + 2} : new int[] {m.x() - 2, m.x() + w};
    }
}
