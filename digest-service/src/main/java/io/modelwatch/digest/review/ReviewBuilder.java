package io.modelwatch.digest.review;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.review.Review.Figure;
import io.modelwatch.digest.review.Review.SectionKey;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link Review} from catalog snapshots: its figures and trends ({@link ReviewStatistics}) and its sections
 * ({@link ReviewSections}). Pure: the same snapshots, period, language and options give the same review. The timeline
 * figure's layout is the renderer's ({@code render.TimelineLayout}); a review built here has none yet.
 */
public final class ReviewBuilder {

    /** The first day of the releases whose training compute gives a review's growth figure. */
    public static final java.time.LocalDate COMPUTE_SINCE = ComputeFrontier.SINCE;

    private final ReviewOptions options;
    private final CatalogLinks links;
    private final ReviewStatistics statistics;
    private final ReviewSections sections;

    public ReviewBuilder(ReviewOptions options) {
        this.options = options;
        this.links = new CatalogLinks(options.catalogUrl(), options.dashboardUrl());
        this.statistics = new ReviewStatistics(options, links);
        this.sections = new ReviewSections(options, links);
    }

    /** {@link #build(Period, List, List, ModelChanged, List, Language)} with the two periods as the compute history. */
    public Review build(Period period, List<ModelChanged> current, List<ModelChanged> previous, ModelChanged reference,
                        Language language) {
        return build(period, current, previous, reference, java.util.stream.Stream.concat(previous.stream(),
                current.stream()).toList(), language);
    }

    /**
     * @param current releases whose publication date starts in the period
     * @param previous releases whose publication date starts in {@code period.previous()}
     * @param reference the catalog's entry for the period's reference model (its name and size are used), or null: the
     *        options' reference
     * @param computeHistory releases stating their training compute, any date: those from
     *        {@link ComputeFrontier#SINCE} to the period's end give the growth the review states
     */
    public Review build(Period period, List<ModelChanged> current, List<ModelChanged> previous, ModelChanged reference,
                        List<ModelChanged> computeHistory, Language language) {
        List<ModelChanged> releases = Releases.sorted(current);
        List<ModelChanged> models = releases.stream().filter(m -> m.kind() == Kind.MODEL).toList();
        List<ModelChanged> previousModels = previous.stream().filter(m -> m.kind() == Kind.MODEL).toList();

        // The catalog's entry, when given, names the reference (as the review's language writes it) and gives its size
        // (the period's own reference).
        ReviewOptions effective = reference != null && reference.parameters() != null
                ? options.withReference(language == Language.ZH_CN
                        ? OrganisationNames.modelZh(reference.name(), reference.nameZh(), reference.aliases()) : reference.name(),
                        reference.parameters().value()) : options;
        String refSlug = reference != null ? reference.slug() : Slugs.of(options.referenceName());
        Review.Reference ref = new Review.Reference(effective.referenceName(), refSlug, effective.referenceParameters(),
                ParameterCountFormatter.format(effective.referenceParameters(), language.locale()),
                reference == null ? null : links.model(refSlug));

        Map<String, Figure> figures = statistics.figures(period, releases, previous, models, previousModels, language.locale());
        List<Review.Trend> trends = statistics.trends(figures, releases.size(), previous.size());
        ReviewSections periodSections = effective == options ? sections : new ReviewSections(effective, links);
        List<Review.Section> named = new java.util.ArrayList<>(
                periodSections.sections(period, releases, models, refSlug, figures, language));
        Review.Compute compute = new ComputeFrontier(links).compute(period, releases, computeHistory, figures,
                m -> periodSections.entry(m, language), language).orElse(null);
        if (compute != null) {
            // After the scale sections, before the ones that follow them in the article's order.
            Review.Section section = new Review.Section(SectionKey.COMPUTE, compute.known(), List.of(), "compute.largest");
            int at = 0;
            while (at < named.size() && named.get(at).key().compareTo(SectionKey.COMPUTE) < 0) {
                at++;
            }
            named.add(at, section);
        }
        List<Review.Credit> credits = ComputeFrontier.credits(releases, figures,
                ComputeFrontier.fitted(period, releases, computeHistory));
        return new Review(period, period.previous(), ref, figures, trends, List.copyOf(named), null, compute, credits);
    }
}
