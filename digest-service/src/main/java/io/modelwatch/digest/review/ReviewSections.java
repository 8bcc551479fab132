package io.modelwatch.digest.review;

import static io.modelwatch.digest.review.Releases.bySizeDescending;
import static io.modelwatch.digest.review.Releases.slugs;
import static io.modelwatch.digest.review.Releases.sorted;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.review.Review.Entry;
import io.modelwatch.digest.review.Review.Figure;
import io.modelwatch.digest.review.Review.Section;
import io.modelwatch.digest.review.Review.SectionKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which models each section names, in the article's order: a section appears only when it has members, lists at most
 * {@link ReviewOptions#maxEntries()} of them (the timeline: the {@link ReviewOptions#timelineMarks()} most notable), and
 * adds the figure that lists all of them.
 */
final class ReviewSections {

    private final ReviewOptions options;
    private final CatalogLinks links;

    ReviewSections(ReviewOptions options, CatalogLinks links) {
        this.options = options;
        this.links = links;
    }

    /**
     * @param releases the period's releases in date order
     * @param models those of kind model
     * @param referenceSlug the reference model, never listed as smaller than itself
     * @param figures the review's figures; each section adds its own ({@code section.<key>})
     */
    List<Section> sections(Period period, List<ModelChanged> releases, List<ModelChanged> models, String referenceSlug,
                           Map<String, Figure> figures, Language language) {
        String range = "from=" + period.from() + "&to=" + period.to();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(SectionKey.FRAMING, releases.size(), List.of(), "releases"));
        section(sections, figures, SectionKey.TIMELINE, notable(releases, options.timelineMarks()), releases, language,
                links.query(range));
        List<ModelChanged> generalist = models.stream().filter(this::isGeneralist).toList();
        section(sections, figures, SectionKey.CHINA, models.stream().filter(ModelTraits::isChinese).toList(), null,
                language, links.query(range + "&kind=model&country=" + ModelTraits.CHINA));
        section(sections, figures, SectionKey.MULTIMODAL,
                models.stream().filter(m -> ModelTraits.isMultimodal(m) && !isGeneralist(m)).toList(), null, language, null);
        section(sections, figures, SectionKey.GENERALIST, generalist, null, language, null);
        List<ModelChanged> smaller = models.stream()
                .filter(m -> m.parameters() != null && m.parameters().value() < options.referenceParameters())
                .filter(m -> !m.slug().equals(referenceSlug))
                .filter(m -> ModelTraits.hasAny(m.tags(), options.comparableTags()))
                .sorted(bySizeDescending()).toList();
        section(sections, figures, SectionKey.SMALLER, smaller, null, language, null);
        section(sections, figures, SectionKey.RETRIEVAL_TOOLS,
                models.stream().filter(m -> ModelTraits.hasAny(m.tags(), options.retrievalToolTags())).toList(), null,
                language, links.query(range + "&kind=model" + options.retrievalToolTags().stream().sorted()
                        .map(t -> "&tag=" + t).collect(Collectors.joining())));
        section(sections, figures, SectionKey.APPLICATIONS,
                releases.stream().filter(m -> m.kind() == Kind.APPLICATION).toList(), null, language,
                links.query(range + "&kind=application"));
        section(sections, figures, SectionKey.FRAMEWORKS,
                releases.stream().filter(m -> m.kind() == Kind.FRAMEWORK).toList(), null, language,
                links.query(range + "&kind=framework"));
        section(sections, figures, SectionKey.OPEN,
                models.stream().filter(m -> m.accessibility() != null && m.accessibility().openWeights()).toList(), null,
                language, figures.get("open").query());
        List<ModelChanged> biggest = models.stream().filter(m -> m.parameters() != null).sorted(bySizeDescending())
                .limit(options.biggest()).toList();
        section(sections, figures, SectionKey.BIGGEST, biggest, null, language,
                links.query(range + "&kind=model&sort=-parameters&limit=" + options.biggest()));
        if (!releases.isEmpty()) {
            sections.add(new Section(SectionKey.SUMMARY, releases.size(), List.of(), "releases"));
        }
        return sections;
    }

    private boolean isGeneralist(ModelChanged m) {
        return ModelTraits.isGeneralist(m, options.generalistTags());
    }

    /** Adds the section when it has members: {@code listed} are named, {@code all} (or {@code listed}) counted. */
    private void section(List<Section> sections, Map<String, Figure> figures, SectionKey key, List<ModelChanged> listed,
                         List<ModelChanged> all, Language language, String query) {
        List<ModelChanged> members = all == null ? listed : all;
        if (members.isEmpty()) {
            return;
        }
        List<ModelChanged> shown = listed.size() > options.maxEntries() && key != SectionKey.TIMELINE
                ? listed.subList(0, options.maxEntries()) : listed;
        if (key == SectionKey.TIMELINE) {
            shown = sorted(shown);
        }
        String figureKey = "section." + key.tag();
        ReviewStatistics.put(figures, new Figure(figureKey, (double) members.size(), String.valueOf(members.size()),
                slugs(members), null, null, query));
        sections.add(new Section(key, members.size(), shown.stream().map(m -> entry(m, language)).toList(), figureKey));
    }

    /** The releases a timeline can hold, most notable first (most announced, then biggest), then put in date order. */
    private static List<ModelChanged> notable(List<ModelChanged> releases, int max) {
        if (releases.size() <= max) {
            return releases;
        }
        return sorted(releases.stream()
                .sorted(Comparator.comparingInt(ModelChanged::announcements).reversed()
                        .thenComparing(m -> m.parameters() == null ? 0L : m.parameters().value(), Comparator.reverseOrder())
                        .thenComparing(ModelChanged::slug))
                .limit(max).toList());
    }

    private Entry entry(ModelChanged m, Language language) {
        boolean zh = language == Language.ZH_CN;
        ParameterCount p = m.parameters();
        String shown = p == null ? (zh ? "未公开" : "undisclosed") : ParameterCountFormatter.format(p, language.locale());
        String relative = null;
        String relativeForm = null;
        if (p != null && p.value() < options.referenceParameters()) {
            double ratio = (double) options.referenceParameters() / p.value();
            if (ratio >= 2) {
                relative = "1/" + Math.round(ratio);
                relativeForm = "fraction";
            } else {
                relative = Math.round(100.0 * p.value() / options.referenceParameters()) + "%";
                relativeForm = "percent";
            }
        }
        String summary = m.summary() == null ? null : (zh && m.summary().zh() != null ? m.summary().zh() : m.summary().en());
        List<Organization> orgs = m.organizations() == null ? List.of() : m.organizations();
        return new Entry(m.slug(), m.name(), m.kind(), orgs,
                orgs.stream().map(Organization::name).distinct().collect(Collectors.joining(zh ? "、" : ", ")),
                m.published() == null ? null : m.published().value(),
                m.published() == null ? null : publishedShown(m.published().value(), zh),
                p == null ? null : p.value(), shown, p != null && p.approximate(),
                m.accessibility() == null ? null : ModelTraits.accessibilityTag(m.accessibility()),
                m.accessibility() != null && m.accessibility().openWeights(),
                m.modalities() == null ? List.of() : m.modalities(), m.tags() == null ? List.of() : m.tags(),
                ModelTraits.isChinese(m), relative, relativeForm, summary, links.model(m.slug()));
    }

    private static String publishedShown(String value, boolean zh) {
        if (!zh) {
            return value;
        }
        String[] parts = value.split("-");
        StringBuilder s = new StringBuilder(parts[0]).append(" 年");
        if (parts.length > 1) {
            s.append(' ').append(Integer.parseInt(parts[1])).append(" 月");
        }
        if (parts.length > 2) {
            s.append(' ').append(Integer.parseInt(parts[2])).append(" 日");
        }
        return s.toString();
    }
}
