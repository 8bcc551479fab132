package io.modelwatch.digest.review;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.digest.review.Review.Entry;
import io.modelwatch.digest.review.Review.Figure;
import io.modelwatch.digest.review.Review.Section;
import io.modelwatch.digest.review.Review.SectionKey;
import io.modelwatch.digest.review.Review.Timeline;
import io.modelwatch.digest.review.Review.Trend;
import io.modelwatch.digest.service.Language;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Computes a {@link Review} from catalog snapshots. Pure: the same snapshots, period, language and options give the
 * same review. It states only what the data supports: trends need {@link ReviewOptions#minimumSample()} data points
 * on both sides, undisclosed sizes are left out of size statistics and counted, approximate sizes stay marked.
 */
public final class ReviewBuilder {

    public static final String CHINA = "CN";

    private final ReviewOptions options;

    public ReviewBuilder(ReviewOptions options) {
        this.options = options;
    }

    /**
     * @param current releases whose publication date starts in the period
     * @param previous releases whose publication date starts in {@code period.previous()}
     * @param reference the catalog's entry for the reference model, or null when it has none
     */
    public Review build(Period period, List<ModelChanged> current, List<ModelChanged> previous, ModelChanged reference,
                        Language language) {
        Locale locale = language.locale();
        Period before = period.previous();
        List<ModelChanged> releases = sorted(current);
        List<ModelChanged> models = releases.stream().filter(m -> m.kind() == Kind.MODEL).toList();
        List<ModelChanged> previousModels = previous.stream().filter(m -> m.kind() == Kind.MODEL).toList();

        String refSlug = reference != null ? reference.slug() : Slugs.of(options.referenceName());
        Review.Reference ref = new Review.Reference(options.referenceName(), refSlug, options.referenceParameters(),
                ParameterCountFormatter.format(options.referenceParameters(), locale),
                reference == null ? null : catalogUrl(refSlug));

        Map<String, Figure> figures = new LinkedHashMap<>();
        String range = "from=" + period.from() + "&to=" + period.to();
        String previousRange = "from=" + before.from() + "&to=" + before.to();

        put(figures, new Figure("releases", (double) releases.size(), String.valueOf(releases.size()), slugs(releases),
                null, null, query(range)));
        put(figures, new Figure("previous.releases", (double) previous.size(), String.valueOf(previous.size()),
                slugs(sorted(previous)), null, null, query(previousRange)));
        for (Kind kind : Kind.values()) {
            List<ModelChanged> ofKind = releases.stream().filter(m -> m.kind() == kind).toList();
            put(figures, new Figure("kind." + tag(kind), (double) ofKind.size(), String.valueOf(ofKind.size()),
                    slugs(ofKind), null, null, query(range + "&kind=" + tag(kind))));
        }
        median(figures, "median", models, range, locale);
        median(figures, "previous.median", previousModels, previousRange, locale);
        openShare(figures, "open", models, range);
        openShare(figures, "previous.open", previousModels, previousRange);
        share(figures, "china", models, ReviewBuilder::isChinese, range, "&country=" + CHINA);
        share(figures, "previous.china", previousModels, ReviewBuilder::isChinese, previousRange, "&country=" + CHINA);
        modalityShare(figures, "multimodal", models, range);
        modalityShare(figures, "previous.multimodal", previousModels, previousRange);
        regions(figures, models, range, locale);

        List<Trend> trends = new ArrayList<>();
        trends.add(trend("releases", figures.get("releases"), figures.get("previous.releases"),
                releases.size(), previous.size(), false));
        trends.add(trend("median", figures.get("median"), figures.get("previous.median"),
                figures.get("median").count(), figures.get("previous.median").count(), false));
        trends.add(trend("open", figures.get("open"), figures.get("previous.open"),
                figures.get("open").of().size(), figures.get("previous.open").of().size(), true));
        trends.add(trend("china", figures.get("china"), figures.get("previous.china"),
                figures.get("china").of().size(), figures.get("previous.china").of().size(), true));
        trends.add(trend("multimodal", figures.get("multimodal"), figures.get("previous.multimodal"),
                figures.get("multimodal").of().size(), figures.get("previous.multimodal").of().size(), true));

        List<Section> sections = new ArrayList<>();
        sections.add(new Section(SectionKey.FRAMING, releases.size(), List.of(), "releases"));
        Timeline timeline = releases.isEmpty() ? null : timeline(period, releases, locale);
        section(sections, figures, SectionKey.TIMELINE, notable(releases, options.timelineMarks()), releases, language,
                query(range));
        List<ModelChanged> generalist = models.stream().filter(this::isGeneralist).toList();
        section(sections, figures, SectionKey.CHINA, models.stream().filter(ReviewBuilder::isChinese).toList(), null,
                language, query(range + "&kind=model&country=" + CHINA));
        section(sections, figures, SectionKey.MULTIMODAL,
                models.stream().filter(m -> isMultimodal(m) && !isGeneralist(m)).toList(), null, language, null);
        section(sections, figures, SectionKey.GENERALIST, generalist, null, language, null);
        List<ModelChanged> smaller = models.stream()
                .filter(m -> m.parameters() != null && m.parameters().value() < options.referenceParameters())
                .filter(m -> !m.slug().equals(refSlug))
                .filter(m -> hasAny(m.tags(), options.comparableTags()))
                .sorted(bySizeDescending()).toList();
        section(sections, figures, SectionKey.SMALLER, smaller, null, language, null);
        section(sections, figures, SectionKey.RETRIEVAL_TOOLS,
                models.stream().filter(m -> hasAny(m.tags(), options.retrievalToolTags())).toList(), null, language,
                query(range + "&kind=model" + options.retrievalToolTags().stream().sorted().map(t -> "&tag=" + t)
                        .collect(Collectors.joining())));
        section(sections, figures, SectionKey.APPLICATIONS,
                releases.stream().filter(m -> m.kind() == Kind.APPLICATION).toList(), null, language,
                query(range + "&kind=application"));
        section(sections, figures, SectionKey.FRAMEWORKS,
                releases.stream().filter(m -> m.kind() == Kind.FRAMEWORK).toList(), null, language,
                query(range + "&kind=framework"));
        section(sections, figures, SectionKey.OPEN,
                models.stream().filter(m -> m.accessibility() != null && m.accessibility().openWeights()).toList(), null,
                language, figures.get("open").query());
        List<ModelChanged> biggest = models.stream().filter(m -> m.parameters() != null).sorted(bySizeDescending())
                .limit(options.biggest()).toList();
        section(sections, figures, SectionKey.BIGGEST, biggest, null, language,
                query(range + "&kind=model&sort=-parameters&limit=" + options.biggest()));
        if (!releases.isEmpty()) {
            sections.add(new Section(SectionKey.SUMMARY, releases.size(), List.of(), "releases"));
        }
        return new Review(period, before, ref, figures, trends, sections, timeline);
    }

    // ---- sections

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
        put(figures, new Figure(figureKey, (double) members.size(), String.valueOf(members.size()), slugs(members), null,
                null, query));
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
        Locale locale = language.locale();
        boolean zh = language == Language.ZH_CN;
        ParameterCount p = m.parameters();
        String shown = p == null ? (zh ? "未公开" : "undisclosed") : ParameterCountFormatter.format(p, locale);
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
                m.accessibility() == null ? null : accessibilityTag(m.accessibility()),
                m.accessibility() != null && m.accessibility().openWeights(),
                m.modalities() == null ? List.of() : m.modalities(), m.tags() == null ? List.of() : m.tags(),
                isChinese(m), relative, relativeForm, summary, catalogUrl(m.slug()));
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

    // ---- figures

    private void median(Map<String, Figure> figures, String key, List<ModelChanged> models, String range, Locale locale) {
        List<ModelChanged> disclosed = models.stream().filter(m -> m.parameters() != null)
                .sorted(Comparator.comparingLong(m -> m.parameters().value())).toList();
        List<String> undisclosed = slugs(models.stream().filter(m -> m.parameters() == null).toList());
        Double value = null;
        String shown = null;
        if (!disclosed.isEmpty()) {
            int n = disclosed.size();
            ParameterCount low = disclosed.get((n - 1) / 2).parameters();
            ParameterCount high = disclosed.get(n / 2).parameters();
            BigDecimal exact = BigDecimal.valueOf(low.value()).add(BigDecimal.valueOf(high.value()))
                    .divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
            BigDecimal rounded = exact.round(new MathContext(3, RoundingMode.HALF_EVEN));
            long median = Math.max(1, rounded.longValue());
            boolean approximate = low.approximate() || high.approximate() || rounded.compareTo(exact) != 0;
            value = (double) median;
            shown = ParameterCountFormatter.format(new ParameterCount(median, null, approximate,
                    approximate ? ParameterCount.ABOUT : null), locale);
        }
        put(figures, new Figure(key, value, shown, slugs(disclosed), null, undisclosed,
                query(range + "&kind=model&minParameters=1")));
    }

    private void openShare(Map<String, Figure> figures, String key, List<ModelChanged> models, String range) {
        List<ModelChanged> stated = models.stream().filter(m -> m.accessibility() != null).toList();
        List<ModelChanged> open = stated.stream().filter(m -> m.accessibility().openWeights()).toList();
        String accessibility = Stream.of(Accessibility.values()).filter(Accessibility::openWeights)
                .map(a -> "&accessibility=" + accessibilityTag(a)).collect(Collectors.joining());
        put(figures, shareFigure(key, open, stated,
                slugs(models.stream().filter(m -> m.accessibility() == null).toList()),
                query(range + "&kind=model" + accessibility)));
    }

    private void share(Map<String, Figure> figures, String key, List<ModelChanged> models,
                              Predicate<ModelChanged> which, String range, String filter) {
        put(figures, shareFigure(key, models.stream().filter(which).toList(), models, List.of(),
                query(range + "&kind=model" + filter)));
    }

    private static void modalityShare(Map<String, Figure> figures, String key, List<ModelChanged> models, String range) {
        Predicate<ModelChanged> hasModalities = m -> m.modalities() != null && !m.modalities().isEmpty();
        List<ModelChanged> stated = models.stream().filter(hasModalities).toList();
        put(figures, shareFigure(key, stated.stream().filter(ReviewBuilder::isMultimodal).toList(), stated,
                slugs(models.stream().filter(hasModalities.negate()).toList()), null));
    }

    /** Models by the country of their lead (first) organisation, largest share first. */
    private void regions(Map<String, Figure> figures, List<ModelChanged> models, String range, Locale locale) {
        Map<String, List<ModelChanged>> byCountry = new LinkedHashMap<>();
        for (ModelChanged m : models) {
            byCountry.computeIfAbsent(leadCountry(m), c -> new ArrayList<>()).add(m);
        }
        byCountry.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<ModelChanged>>>comparingInt(e -> e.getValue().size()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    // No query: the catalog's country filter matches any organisation, this counts the lead one.
                    Figure f = shareFigure("region." + e.getKey(), e.getValue(), models, List.of(), null);
                    put(figures, f);
                });
    }

    private static Figure shareFigure(String key, List<ModelChanged> part, List<ModelChanged> whole, List<String> excluded,
                                      String query) {
        Double value = whole.isEmpty() ? null : (double) part.size() / whole.size();
        String shown = value == null ? null : Math.round(value * 100) + "%";
        return new Figure(key, value, shown, slugs(part), slugs(whole), excluded, query);
    }

    private Trend trend(String metric, Figure current, Figure previous, int currentSample, int previousSample,
                        boolean share) {
        boolean comparable = current.value() != null && previous.value() != null
                && currentSample >= options.minimumSample() && previousSample >= options.minimumSample();
        String direction = "unknown";
        if (comparable) {
            double a = share ? Math.round(current.value() * 100) : current.value();
            double b = share ? Math.round(previous.value() * 100) : previous.value();
            direction = a > b ? "up" : a < b ? "down" : "same";
        }
        return new Trend(metric, current.value(), previous.value(), current.shown(), previous.shown(), direction,
                comparable, currentSample, previousSample, current.key(), previous.key());
    }

    // ---- timeline

    private Timeline timeline(Period period, List<ModelChanged> releases, Locale locale) {
        List<ModelChanged> marks = notable(releases, options.timelineMarks());
        int width = 960;
        int left = 20;
        int right = 20;
        int rowHeight = 18;
        long days = Math.max(1, period.days());
        double perDay = (double) (width - left - right) / days;
        boolean zh = "zh".equals(locale.getLanguage());
        List<Timeline.Tick> ticks = new ArrayList<>();
        YearMonth month = YearMonth.from(period.from());
        int monthCount = (int) ChronoUnit.MONTHS.between(month, YearMonth.from(period.to())) + 1;
        int step = Math.max(1, (int) Math.ceil(monthCount / 12.0));
        for (int i = 0; !month.isAfter(YearMonth.from(period.to())); i++, month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1).isBefore(period.from()) ? period.from() : month.atDay(1);
            if (i % step == 0) {
                String label = zh ? month.getYear() + "年" + month.getMonthValue() + "月"
                        : month.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " " + month.getYear();
                ticks.add(new Timeline.Tick(left + (int) Math.round(ChronoUnit.DAYS.between(period.from(), first) * perDay), label));
            }
        }
        // Labels go in rows above the axis, left to right; a label takes the first row where it overlaps nothing.
        // Near the right edge a label ends at its mark instead of starting there.
        int charWidth = 7;
        record Slot(ModelChanged model, int x, int left, int right, boolean end) {
        }
        List<Slot> slots = new ArrayList<>();
        for (ModelChanged m : marks) {
            LocalDate start = m.published().start().isBefore(period.from()) ? period.from() : m.published().start();
            LocalDate end = m.published().end().isAfter(period.to()) ? period.to() : m.published().end();
            double middle = ChronoUnit.DAYS.between(period.from(), start) + ChronoUnit.DAYS.between(start, end) / 2.0;
            int x = left + (int) Math.round(middle * perDay);
            int labelWidth = m.name().codePoints().map(c -> c > 0x2E80 ? 2 * charWidth : charWidth).sum() + 8;
            boolean atEnd = x + labelWidth > width;
            slots.add(new Slot(m, x, atEnd ? x - labelWidth : x - 2, atEnd ? x + 2 : x + labelWidth, atEnd));
        }
        slots.sort(Comparator.comparingInt(Slot::left));
        List<List<int[]>> rowsTaken = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        for (Slot slot : slots) {
            int row = 0;
            while (row < rowsTaken.size()
                    && rowsTaken.get(row).stream().anyMatch(r -> r[0] < slot.right() && slot.left() < r[1])) {
                row++;
            }
            if (row == rowsTaken.size()) {
                rowsTaken.add(new ArrayList<>());
            }
            rowsTaken.get(row).add(new int[] {slot.left(), slot.right()});
            positions.add(new int[] {slot.x(), row});
        }
        int rows = Math.max(1, rowsTaken.size());
        int axisY = 20 + rows * rowHeight;
        List<Timeline.Mark> placed = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            ModelChanged m = slots.get(i).model();
            int[] pos = positions.get(i);
            placed.add(new Timeline.Mark(pos[0], axisY - 8 - pos[1] * rowHeight, slots.get(i).end(), m.name(), m.slug(),
                    isChinese(m), m.published().value(), catalogUrl(m.slug())));
        }
        return new Timeline(width, axisY + 30, axisY, ticks, placed, marks.size(), releases.size());
    }

    // ---- classification

    public static boolean isChinese(ModelChanged m) {
        return m.organizations() != null && m.organizations().stream().anyMatch(o -> CHINA.equalsIgnoreCase(o.country()));
    }

    /** More than one modality, or a single one that is not text. "multimodal" itself is a label, not a modality. */
    public static boolean isMultimodal(ModelChanged m) {
        if (m.modalities() == null || m.modalities().isEmpty()) {
            return false;
        }
        List<String> real = m.modalities().stream().map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> !s.equals("multimodal")).distinct().toList();
        return m.modalities().stream().anyMatch(s -> s.equalsIgnoreCase("multimodal")) || real.size() > 1
                || (real.size() == 1 && !real.get(0).equals("text"));
    }

    boolean isGeneralist(ModelChanged m) {
        return hasAny(m.tags(), options.generalistTags())
                || (m.modalities() != null && m.modalities().stream().anyMatch(s -> s.equalsIgnoreCase("agent")));
    }

    private static String leadCountry(ModelChanged m) {
        if (m.organizations() == null || m.organizations().isEmpty() || m.organizations().get(0).country() == null) {
            return "unknown";
        }
        return m.organizations().get(0).country().toUpperCase(Locale.ROOT);
    }

    private static boolean hasAny(Collection<String> tags, Collection<String> wanted) {
        return tags != null && tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).anyMatch(wanted::contains);
    }

    // ---- small things

    /** In date order; the start date is computed once per release (it parses the stated date). */
    private static List<ModelChanged> sorted(List<ModelChanged> releases) {
        record Dated(LocalDate start, ModelChanged model) {
        }
        return releases.stream().map(m -> new Dated(m.published().start(), m))
                .sorted(Comparator.comparing(Dated::start).thenComparing(d -> d.model().name())
                        .thenComparing(d -> d.model().slug()))
                .map(Dated::model).toList();
    }

    private static Comparator<ModelChanged> bySizeDescending() {
        return Comparator.<ModelChanged>comparingLong(m -> m.parameters().value()).reversed().thenComparing(ModelChanged::slug);
    }

    private static List<String> slugs(List<ModelChanged> models) {
        return models.stream().map(ModelChanged::slug).toList();
    }

    private static void put(Map<String, Figure> figures, Figure figure) {
        figures.put(figure.key(), figure);
    }

    private String query(String parameters) {
        return options.catalogUrl() + "/api/v1/models?" + parameters;
    }

    private String catalogUrl(String slug) {
        return options.catalogUrl() + "/api/v1/models/" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    private static String tag(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String accessibilityTag(Accessibility a) {
        return a.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A country's name in the language ("China" / "中国"); "unknown" stays a key for the templates. */
    public static String countryName(String code, Locale locale) {
        if (code == null || code.equals("unknown")) {
            return null;
        }
        return Objects.requireNonNullElse(new Locale("", code).getDisplayCountry(locale), code);
    }
}
