package io.modelwatch.digest.render;

import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Review;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A review with its sentences written in its language (from the message bundle), ready for any format.
 *
 * @param framing the framing paragraphs: period, headline numbers, shares, regions, median
 * @param trends one sentence per metric against the previous period, or why it cannot be compared
 * @param summary the closing sentences
 * @param compute the training-compute section's sentences, null when the review has none
 * @param credits the credit lines of the data shown, each once
 */
@TemplateData
public record ReviewView(Digest digest, Review review, String lang, String fromShown, String toShown,
                         List<String> framing, List<String> trends, String trendsIntro, List<SectionView> sections,
                         List<String> summary, String chinaMark, String openMark, String colon, String generated,
                         String timelineCaption, ComputeView compute, List<CreditView> credits) {

    /**
     * The training-compute section: {@code before}, the largest run's name (linked to its page), {@code after}; then
     * the growth sentences (none without enough data).
     */
    @TemplateData
    public record ComputeView(String before, Review.Entry largest, String after, List<String> growth) {
    }

    /** A credit line: {@code before}, the licence's name linked to {@code licence}, {@code after}. */
    @TemplateData
    public record CreditView(String before, String licenceName, String licence, String after) {
    }

    @TemplateData
    /** @param named the section's members listed in full in another section, named here only (null when none) */
    public record SectionView(String key, String heading, String intro, List<EntryView> entries, String more, String named) {
    }

    /** One entry: the model and a line about it (organisations, date, size, size against the reference). */
    @TemplateData
    public record EntryView(Review.Entry entry, String detail) {
    }
}
