package io.modelwatch.digest.config;

import io.modelwatch.contract.parameters.ParameterCountParser;
import io.modelwatch.digest.review.ReviewOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class ReviewOptionsProducer {

    @Produces
    @Singleton
    public ReviewOptions options(DigestConfig config) {
        ReviewOptions defaults = ReviewOptions.defaults(config.catalogUrl())
                .withReference(config.reference().name(), ParameterCountParser.parse(config.reference().parameters()).value());
        return new ReviewOptions(defaults.catalogUrl(), defaults.referenceName(), defaults.referenceParameters(),
                config.minimumSample(), config.maxEntries(), defaults.biggest(), defaults.timelineMarks(),
                defaults.comparableTags(), defaults.retrievalToolTags(), defaults.generalistTags(),
                config.dashboardUrl().orElse(config.catalogUrl()));
    }
}
