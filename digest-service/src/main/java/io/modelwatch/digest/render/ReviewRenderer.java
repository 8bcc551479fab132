package io.modelwatch.digest.render;

import io.modelwatch.contract.Kind;
import io.modelwatch.digest.render.ReviewView.EntryView;
import io.modelwatch.digest.render.ReviewView.SectionView;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.Review;
import io.modelwatch.digest.review.Review.Figure;
import io.modelwatch.digest.review.Review.Section;
import io.modelwatch.digest.review.Review.SectionKey;
import io.modelwatch.digest.review.ReviewOptions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a review in each output format from Qute templates, with the words from {@link ReviewMessages}. */
@ApplicationScoped
public class ReviewRenderer {

    public enum Format { MARKDOWN, TEXT, PAGE, EMAIL, SVG, CONTENT }

    private final Template markdown;
    private final Template text;
    private final Template page;
    private final Template email;
    private final Template timeline;
    private final Template content;
    private final ReviewOptions options;

    public ReviewRenderer(@Location("review/review.md") Template markdown, @Location("review/review.txt") Template text,
                          @Location("review/page.html") Template page, @Location("review/email.html") Template email,
                          @Location("review/timeline.xml") Template timeline,
                          @Location("review/content.html") Template content, ReviewOptions options) {
        this.content = content;
        this.markdown = markdown;
        this.text = text;
        this.page = page;
        this.email = email;
        this.timeline = timeline;
        this.options = options;
    }

    public static ReviewMessages messages(Language language) {
        return language == Language.ZH_CN
                ? MessageBundles.get(ReviewMessages.class, Localized.Literal.of("zh-CN"))
                : MessageBundles.get(ReviewMessages.class);
    }

    public String render(Digest digest, Format format) {
        Template template = switch (format) {
            case MARKDOWN -> markdown;
            case TEXT -> text;
            case PAGE -> page;
            case EMAIL -> email;
            case SVG -> timeline;
            case CONTENT -> content;
        };
        // No picture in the e-mail: Gmail and Outlook do not render inline SVG (the web page has the figure).
        return template.data("v", view(digest)).data("t", format == Format.EMAIL ? null : digest.review().timeline())
                .setLocale(digest.language().locale()).render();
    }

    public static String date(LocalDate date, Language language) {
        return language == Language.ZH_CN
                ? date.getYear() + " 年 " + date.getMonthValue() + " 月 " + date.getDayOfMonth() + " 日"
                : date.toString();
    }

    public static String title(Period period, Language language) {
        ReviewMessages msg = messages(language);
        boolean zh = language == Language.ZH_CN;
        LocalDate from = period.from();
        return switch (period.kind()) {
            case WEEKLY -> msg.titleWeekly(msg.weekLabel(from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                    from.get(IsoFields.WEEK_BASED_YEAR), date(from, language), date(period.to(), language)));
            case MONTHLY -> msg.titleMonthly(msg.monthLabel(zh ? String.valueOf(from.getMonthValue())
                    : from.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), from.getYear()));
            case QUARTERLY -> msg.titleQuarterly(msg.quarterLabel(from.get(IsoFields.QUARTER_OF_YEAR), from.getYear()));
            case HALF_YEAR -> from.getMonthValue() == 1 ? msg.titleFirstHalf(from.getYear()) : msg.titleSecondHalf(from.getYear());
            case MID_YEAR -> msg.titleMidYear(period.to().getYear());
            case YEARLY -> msg.titleYearly(from.getYear());
            case ON_DEMAND -> msg.titleOnDemand(date(from, language), date(period.to(), language));
        };
    }

    public static String summary(int count, Language language) {
        return messages(language).summary(count);
    }

    ReviewView view(Digest digest) {
        Language language = digest.language();
        ReviewMessages msg = messages(language);
        Review r = digest.review();
        Figure releases = r.figure("releases");
        List<String> framing = new ArrayList<>();
        framing.add(msg.framingPeriod(date(r.period().from(), language), date(r.period().to(), language), r.period().days(),
                r.previousPeriod().days(), date(r.previousPeriod().from(), language), date(r.previousPeriod().to(), language)));
        List<String> trends = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        int models = r.figure("kind.model").count();
        if (releases.count() == 0) {
            framing.add(msg.framingEmpty());
        } else {
            // The opening paragraph: the period's few most telling facts, each with the set it counts.
            List<String> opening = new ArrayList<>();
            opening.add(msg.framingCounts(releases.count(), r.figure("previous.releases").count(), models,
                    r.figure("kind.framework").count(), r.figure("kind.application").count()));
            r.section(SectionKey.BIGGEST).flatMap(s -> s.entries().stream().findFirst()).ifPresent(e ->
                    opening.add(msg.framingLargest(e.nameShown(), e.parametersShown(), e.organizationsShown())));
            if (models > 0) {
                Figure china = r.figure("china");
                Figure previousChina = r.figure("previous.china");
                opening.add(msg.framingChina(china.count(), china.of().size(), share(china),
                        previousChina.of() == null ? 0 : previousChina.of().size(),
                        previousChina.shown() == null ? "" : previousChina.shown(),
                        previousChina.of() != null && previousChina.of().size() >= options.minimumSample()));
                Figure open = r.figure("open");
                if (open.of() != null && !open.of().isEmpty()) {
                    opening.add(msg.framingOpen(open.count(), open.of().size(), share(open)));
                }
            }
            if (r.compute() != null) {
                opening.add(ComputeSentences.opening(r.compute(), msg));
            }
            opening.add(msg.framingReference(r.reference().name(), r.reference().parametersShown()));
            framing.add(String.join(language == Language.ZH_CN ? "" : " ", opening));
            if (models > 0) {
                String regions = r.figures().values().stream().filter(f -> f.key().startsWith("region."))
                        // Largest first, whatever order the stored figures come back in (jsonb sorts keys).
                        .sorted(java.util.Comparator.comparingInt(Figure::count).reversed().thenComparing(Figure::key))
                        .map(f -> {
                            String code = f.key().substring("region.".length());
                            String name = code.equals("unknown") ? msg.regionUnknown()
                                    : countryName(code, language.locale());
                            return msg.regionItem(name, f.count(), share(f));
                        })
                        .collect(Collectors.joining(msg.listSeparator()));
                framing.add(msg.framingRegions(regions));
                Figure median = r.figure("median");
                framing.add(msg.framingMedian(orDash(median.shown()), median.count(), median.excludedCount()));
            }
            List<String> thin = new ArrayList<>();
            for (Review.Trend t : r.trends()) {
                if (t.comparable()) {
                    trends.add(msg.trend(t.metric(), t.direction(), t.previousShown(), t.currentShown()));
                } else {
                    thin.add(msg.metricName(t.metric()));
                }
            }
            if (!thin.isEmpty()) {
                // "Too little data" once, naming what it holds back.
                trends.add(msg.trendsThin(String.join(msg.listSeparator(), thin), options.minimumSample()));
            }
            summary.add(msg.summaryCount(releases.count(), models));
            r.section(SectionKey.SMALLER).flatMap(s -> s.entries().stream()
                            .filter(e -> e.parameters() != null)
                            .min(java.util.Comparator.comparingLong(Review.Entry::parameters)))
                    .ifPresent(e -> summary.add(msg.summarySmallest(r.reference().name(), e.nameShown(), e.relative())));
            r.section(SectionKey.RETRIEVAL_TOOLS).ifPresent(s -> summary.add(msg.summaryRetrieval(s.total())));
            r.trends().stream().filter(t -> t.comparable() && t.metric().equals("median"))
                    .forEach(t -> summary.add(msg.trend(t.metric(), t.direction(), t.previousShown(), t.currentShown())));
            if (releases.count() < options.minimumSample()) {
                summary.add(msg.summaryThin());
            }
            // "Too little data" is said once, with the trends; the summary does not repeat it.
        }
        List<SectionView> sections = new ArrayList<>();
        for (Section s : r.sections()) {
            sections.add(section(s, r, msg, language));
        }
        String generated = msg.generated(digest.version(), DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(digest.generatedAt().atOffset(ZoneOffset.UTC).withNano(0)) + "Z");
        return new ReviewView(digest, r, language.tag(), date(r.period().from(), language), date(r.period().to(), language),
                framing, trends, msg.trendsIntro(), sections, summary, msg.chinaMark(), msg.openMark(), msg.colon(), generated,
                msg.timelineCaption(date(r.period().from(), language), date(r.period().to(), language)),
                ComputeSentences.section(r, msg, language), r.credits().stream().map(c -> {
                    String[] around = around(msg.credit(c.line(), LINK));
                    return new ReviewView.CreditView(around[0], c.licenceName(), c.licence(), around[1]);
                }).toList());
    }

    /** Stands for a linked name in a sentence: each form writes the link its own way around the sentence's words. */
    static final String LINK = "\uE000";

    /** The words before and after {@link #LINK} in a sentence. */
    static String[] around(String sentence) {
        int at = sentence.indexOf(LINK);
        return new String[]{sentence.substring(0, at), sentence.substring(at + LINK.length())};
    }

    private SectionView section(Section s, Review r, ReviewMessages msg, Language language) {
        String ref = r.reference().name();
        String heading = switch (s.key()) {
            case FRAMING -> msg.headingFraming();
            case TIMELINE -> msg.headingTimeline();
            case CHINA -> msg.headingChina();
            case MULTIMODAL -> msg.headingMultimodal();
            case GENERALIST -> msg.headingGeneralist();
            case SMALLER -> msg.headingSmaller(ref);
            case RETRIEVAL_TOOLS -> msg.headingRetrievalTools();
            case APPLICATIONS -> msg.headingApplications();
            case FRAMEWORKS -> msg.headingFrameworks();
            case OPEN -> msg.headingOpen();
            case BIGGEST -> msg.headingBiggest();
            case SUMMARY -> msg.headingSummary();
            case COMPUTE -> msg.headingCompute();
        };
        String intro = switch (s.key()) {
            case TIMELINE -> msg.introTimeline(s.total(), r.timeline() == null ? 0 : r.timeline().shown());
            case CHINA -> msg.introChina(s.total(), r.figure("china").of().size(), share(r.figure("china")));
            case MULTIMODAL -> msg.introMultimodal(s.total(), r.figure("multimodal").of().size(), share(r.figure("multimodal")));
            case GENERALIST -> msg.introGeneralist(s.total());
            case SMALLER -> msg.introSmaller(s.total(), ref, r.reference().parametersShown());
            case RETRIEVAL_TOOLS -> msg.introRetrievalTools(s.total());
            case APPLICATIONS -> msg.introApplications(s.total());
            case FRAMEWORKS -> msg.introFrameworks(s.total());
            case OPEN -> msg.introOpen(s.total(), share(r.figure("open")), r.figure("open").of().size());
            case BIGGEST -> msg.introBiggest();
            case FRAMING, SUMMARY, COMPUTE -> null;
        };
        boolean withRelative = s.key() == SectionKey.SMALLER;
        String separator = " · ";
        List<String> namedOnly = s.key() == SectionKey.TIMELINE ? List.of()
                : s.entries().stream().filter(e -> !e.full()).map(Review.Entry::nameShown).toList();
        List<EntryView> entries = s.entries().stream().filter(e -> s.key() == SectionKey.TIMELINE || e.full()).map(e -> {
            if (s.key() == SectionKey.TIMELINE) {
                // The timeline only places releases (its figure); each is listed in full in its section.
                return new EntryView(e, e.publishedShown() == null ? "" : e.publishedShown());
            }
            List<String> parts = new ArrayList<>();
            if (!e.organizationsShown().isEmpty()) {
                parts.add(e.organizationsShown());
            }
            if (e.published() != null) {
                parts.add(e.publishedShown());
            }
            if (e.kind() == Kind.MODEL) {
                String size = msg.size(e.parametersShown(), e.disclosed());
                if (withRelative && e.relative() != null) {
                    size = size + (language == Language.ZH_CN ? "，" : ", ") + msg.relative(e.relative(), ref);
                }
                parts.add(size);
            }
            String detail = String.join(separator, parts);
            if (e.summary() != null && !e.summary().isBlank() && s.key() != SectionKey.TIMELINE) {
                detail = detail + (language == Language.ZH_CN ? "。" : ". ") + e.summary().strip();
            }
            return new EntryView(e, detail);
        }).toList();
        String more = s.key() != SectionKey.TIMELINE && s.more() > 0 ? msg.more(s.more()) : null;
        if (s.key() == SectionKey.TIMELINE && r.section(SectionKey.TIMELINE).isPresent() && s.total() > s.entries().size()) {
            more = msg.more(s.total() - s.entries().size());
        }
        String named = namedOnly.isEmpty() ? null : msg.alsoNamed(String.join(msg.listSeparator(), namedOnly));
        return new SectionView(s.key().tag(), heading, intro, entries, more, named);
    }

    /** A country's name in the language ("China" / "中国"). */
    private static String countryName(String code, Locale locale) {
        return java.util.Objects.requireNonNullElse(new Locale("", code).getDisplayCountry(locale), code);
    }

    /** A share's percentage, or "" when its set is too small for one to mean anything ("1 of 1", not "100%"). */
    private String share(Figure f) {
        return f.of() == null || f.of().size() < options.minimumSample() || f.shown() == null ? "" : f.shown();
    }

    private static String orDash(String shown) {
        return shown == null ? "–" : shown;
    }
}
