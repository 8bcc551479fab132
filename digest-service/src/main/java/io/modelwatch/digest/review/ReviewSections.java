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
        // Sections in the article's order: scale, smaller models against the reference, multimodal, generalists and
        // agents, retrieval and tools, China, open releases, applications, frameworks.
        List<ModelChanged> biggest = models.stream().filter(m -> m.parameters() != null).sorted(bySizeDescending())
                .limit(options.biggest()).toList();
        section(sections, figures, SectionKey.BIGGEST, biggest, null, language,
                links.query(range + "&kind=model&sort=-parameters&limit=" + options.biggest()));
        List<ModelChanged> smaller = models.stream()
                .filter(m -> m.parameters() != null && m.parameters().value() < options.referenceParameters())
                .filter(m -> !m.slug().equals(referenceSlug))
                .filter(m -> ModelTraits.hasAny(m.tags(), options.comparableTags()))
                .sorted(bySizeDescending()).toList();
        section(sections, figures, SectionKey.SMALLER, smaller, null, language, null);
        section(sections, figures, SectionKey.MULTIMODAL, models.stream().filter(ModelTraits::isMultimodal).toList(), null,
                language, null);
        section(sections, figures, SectionKey.GENERALIST, models.stream().filter(this::isGeneralist).toList(), null,
                language, null);
        section(sections, figures, SectionKey.RETRIEVAL_TOOLS,
                models.stream().filter(m -> ModelTraits.hasAny(m.tags(), options.retrievalToolTags())).toList(), null,
                language, links.query(range + "&kind=model" + options.retrievalToolTags().stream().sorted()
                        .map(t -> "&tag=" + t).collect(Collectors.joining())));
        section(sections, figures, SectionKey.CHINA, models.stream().filter(ModelTraits::isChinese).toList(), null,
                language, links.query(range + "&kind=model&country=" + ModelTraits.CHINA));
        section(sections, figures, SectionKey.OPEN,
                models.stream().filter(m -> m.accessibility() != null && m.accessibility().openWeights()).toList(), null,
                language, figures.get("open").query());
        section(sections, figures, SectionKey.APPLICATIONS,
                releases.stream().filter(m -> m.kind() == Kind.APPLICATION).toList(), null, language,
                links.query(range + "&kind=application"));
        section(sections, figures, SectionKey.FRAMEWORKS,
                releases.stream().filter(m -> m.kind() == Kind.FRAMEWORK).toList(), null, language,
                links.query(range + "&kind=framework"));
        listOnce(sections);
        if (!releases.isEmpty()) {
            sections.add(new Section(SectionKey.SUMMARY, releases.size(), List.of(), "releases"));
        }
        return sections;
    }

    /**
     * Each release is listed in full in the one section that fits it best and only named in the others: the most
     * specific trait first (smaller than the reference, retrieval and tools, generalist, multimodal, China, open, the
     * biggest), applications and frameworks in their own. The timeline only places them.
     */
    private static void listOnce(List<Section> sections) {
        List<SectionKey> fit = List.of(SectionKey.SMALLER, SectionKey.RETRIEVAL_TOOLS, SectionKey.GENERALIST,
                SectionKey.MULTIMODAL, SectionKey.CHINA, SectionKey.OPEN, SectionKey.BIGGEST, SectionKey.APPLICATIONS,
                SectionKey.FRAMEWORKS);
        java.util.Set<String> listed = new java.util.HashSet<>();
        java.util.Map<SectionKey, List<Entry>> rewritten = new java.util.EnumMap<>(SectionKey.class);
        for (SectionKey key : fit) {
            sections.stream().filter(x -> x.key() == key).findFirst().ifPresent(section -> rewritten.put(key,
                    section.entries().stream().map(e -> e.withFull(listed.add(e.slug()))).toList()));
        }
        sections.replaceAll(x -> rewritten.containsKey(x.key())
                ? new Section(x.key(), x.total(), rewritten.get(x.key()), x.figure()) : x);
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

    Entry entry(ModelChanged m, Language language) {
        boolean zh = language == Language.ZH_CN;
        ParameterCount p = m.parameters();
        String shown = p == null ? (zh ? "未公开" : "undisclosed") : ParameterCountFormatter.shortForm(p, language.locale());
        RelativeSize size = p == null ? null : RelativeSize.of(p.value(), options.referenceParameters());
        String relative = size == null ? null : size.shown();
        String relativeForm = size == null ? null : size.form();
        // The catalog's summary in the review's language only: a Chinese review does not quote English.
        String summary = m.summary() == null ? null : zh ? m.summary().zh() : m.summary().en();
        List<Organization> orgs = m.organizations() == null ? List.of() : m.organizations();
        return new Entry(m.slug(), m.name(), m.kind(), orgs,
                orgs.stream().map(Organization::name).map(n -> zh ? OrganisationNames.zh(n) : n).distinct()
                        .collect(Collectors.joining(zh ? "、" : ", ")),
                m.published() == null ? null : m.published().value(),
                m.published() == null ? null : publishedShown(m.published().value(), zh),
                p == null ? null : p.value(), shown, p != null && p.approximate(),
                m.accessibility() == null ? null : ModelTraits.accessibilityTag(m.accessibility()),
                m.accessibility() != null && m.accessibility().openWeights(),
                m.modalities() == null ? List.of() : m.modalities(), m.tags() == null ? List.of() : m.tags(),
                ModelTraits.isChinese(m), relative, relativeForm, summary, links.model(m.slug()), true,
                zh ? OrganisationNames.modelZh(m.name(), m.nameZh(), m.aliases()) : m.name());
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
