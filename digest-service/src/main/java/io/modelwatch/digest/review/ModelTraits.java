package io.modelwatch.digest.review;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.ModelChanged;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** What a review asks of a model: is it Chinese, multimodal, a generalist; its lead country; its tags. */
final class ModelTraits {

    static final String CHINA = "CN";

    private ModelTraits() {
    }

    /** Any of its organisations is in China (the lead one or not). */
    static boolean isChinese(ModelChanged m) {
        return m.organizations() != null && m.organizations().stream().anyMatch(o -> o.countries().contains(CHINA));
    }

    /**
     * Joins modalities: two or more of them, or the explicit {@code multimodal}. An image-only or code-only model is
     * not multimodal (the article means models that join modalities).
     */
    static boolean isMultimodal(ModelChanged m) {
        if (m.modalities() == null || m.modalities().isEmpty()) {
            return false;
        }
        // A loop, not streams: called for every model of a period by several sections and figures.
        String first = null;
        for (String modality : m.modalities()) {
            String lower = modality.toLowerCase(Locale.ROOT);
            if (lower.equals("multimodal")) {
                return true;
            }
            if (first == null) {
                first = lower;
            } else if (!first.equals(lower)) {
                return true;
            }
        }
        return false;
    }

    /** One of the generalist tags, or the modality "agent". */
    static boolean isGeneralist(ModelChanged m, Set<String> generalistTags) {
        return hasAny(m.tags(), generalistTags)
                || (m.modalities() != null && m.modalities().stream().anyMatch(s -> s.equalsIgnoreCase("agent")));
    }

    /** The country of the first organisation, upper case; "unknown" when it has none. */
    static String leadCountry(ModelChanged m) {
        if (m.organizations() == null || m.organizations().isEmpty() || m.organizations().get(0).country() == null) {
            return "unknown";
        }
        return m.organizations().get(0).country().toUpperCase(Locale.ROOT);
    }

    static boolean hasAny(Collection<String> tags, Collection<String> wanted) {
        return tags != null && tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).anyMatch(wanted::contains);
    }

    static String accessibilityTag(Accessibility a) {
        return a.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
