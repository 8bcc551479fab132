package io.modelwatch.digest.render;

import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Review;
import io.quarkus.qute.TemplateData;

/** The types the review templates read, so Qute generates their value resolvers. */
@TemplateData(target = Digest.class)
@TemplateData(target = Digest.Release.class)
@TemplateData(target = Review.class)
@TemplateData(target = Review.Entry.class)
@TemplateData(target = Review.Section.class)
@TemplateData(target = Review.Figure.class)
@TemplateData(target = Review.Trend.class)
@TemplateData(target = Review.Reference.class)
@TemplateData(target = Review.Timeline.class)
@TemplateData(target = Review.Timeline.Tick.class)
@TemplateData(target = Review.Timeline.Mark.class)
@TemplateData(target = Review.Compute.class)
@TemplateData(target = Review.Growth.class)
@TemplateData(target = Review.Credit.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
