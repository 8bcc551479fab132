package io.modelwatch.digest.review;

import java.util.Set;

/**
 * What a review is computed with.
 *
 * @param referenceName the model sizes are compared with when the catalog offers none for the period (default GPT-3)
 * @param referenceParameters its size (default 175B)
 * @param minimumSample below this many data points on either side a trend is "too little data", not a claim
 * @param maxEntries how many models a section lists by name (the figure behind it lists them all)
 * @param biggest how many of the biggest disclosed models to list
 * @param timelineMarks how many releases the timeline figure places (the rest are counted)
 * @param comparableTags tags that mark a model trained to do more with fewer parameters (instruction tuning, prompting, retrieval)
 * @param retrievalToolTags tags of retrieval-augmented and tool-using models
 * @param generalistTags tags of generalist models and agents (a modality "agent" counts too)
 * @param dashboardUrl public base URL of the catalog's dashboard: every model link opens {@code <dashboardUrl>/models/<slug>}
 */
public record ReviewOptions(String catalogUrl, String referenceName, long referenceParameters, int minimumSample,
                            int maxEntries, int biggest, int timelineMarks, Set<String> comparableTags,
                            Set<String> retrievalToolTags, Set<String> generalistTags, String dashboardUrl) {

    public ReviewOptions {
        catalogUrl = catalogUrl.replaceAll("/+$", "");
        dashboardUrl = dashboardUrl == null || dashboardUrl.isBlank() ? catalogUrl : dashboardUrl.replaceAll("/+$", "");
    }

    public static ReviewOptions defaults(String catalogUrl) {
        return new ReviewOptions(catalogUrl, "GPT-3", 175_000_000_000L, 3, 30, 5, 40,
                Set.of("instruction-tuned", "multitask-prompted", "retrieval-augmented", "chain-of-thought"),
                Set.of("retrieval-augmented", "retrieval", "tool-use", "tool-using", "tools", "browsing"),
                Set.of("generalist", "agent", "embodied"), catalogUrl);
    }

    public ReviewOptions withReference(String name, long parameters) {
        return new ReviewOptions(catalogUrl, name, parameters, minimumSample, maxEntries, biggest, timelineMarks,
                comparableTags, retrievalToolTags, generalistTags, dashboardUrl);
    }

    public ReviewOptions withDashboard(String url) {
        return new ReviewOptions(catalogUrl, referenceName, referenceParameters, minimumSample, maxEntries, biggest,
                timelineMarks, comparableTags, retrievalToolTags, generalistTags, url);
    }
}
