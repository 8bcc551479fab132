package io.modelwatch.digest.review;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.review.Review.Figure;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link Review} from catalog snapshots: its figures and trends ({@link ReviewStatistics}) and its sections
 * ({@link ReviewSections}). Pure: the same snapshots, period, language and options give the same review. The timeline
 * figure's layout is the renderer's ({@code render.TimelineLayout}); a review built here has none yet.
 */
public final class ReviewBuilder {

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

    /**
     * @param current releases whose publication date starts in the period
     * @param previous releases whose publication date starts in {@code period.previous()}
     * @param reference the catalog's entry for the period's reference model (its name and size are used), or null: the
     *        options' reference
     */
    public Review build(Period period, List<ModelChanged> current, List<ModelChanged> previous, ModelChanged reference,
                        Language language) {
        List<ModelChanged> releases = Releases.sorted(current);
        List<ModelChanged> models = releases.stream().filter(m -> m.kind() == Kind.MODEL).toList();
        List<ModelChanged> previousModels = previous.stream().filter(m -> m.kind() == Kind.MODEL).toList();

        // The catalog's entry, when given, names the reference and gives its size (the period's own reference).
        ReviewOptions effective = reference != null && reference.parameters() != null
                ? options.withReference(reference.name(), reference.parameters().value()) : options;
        String refSlug = reference != null ? reference.slug() : Slugs.of(options.referenceName());
        Review.Reference ref = new Review.Reference(effective.referenceName(), refSlug, effective.referenceParameters(),
                ParameterCountFormatter.format(effective.referenceParameters(), language.locale()),
                reference == null ? null : links.model(refSlug));

        Map<String, Figure> figures = statistics.figures(period, releases, previous, models, previousModels, language.locale());
        List<Review.Trend> trends = statistics.trends(figures, releases.size(), previous.size());
        ReviewSections periodSections = effective == options ? sections : new ReviewSections(effective, links);
        List<Review.Section> named = periodSections.sections(period, releases, models, refSlug, figures, language);
        return new Review(period, period.previous(), ref, figures, trends, named, null);
    }
}
