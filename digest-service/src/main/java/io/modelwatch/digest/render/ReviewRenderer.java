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
        return template.data("v", view(digest)).data("t", digest.review().timeline())
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
            framing.add(msg.framingCounts(releases.count(), models, r.figure("kind.framework").count(),
                    r.figure("kind.application").count()));
            if (models > 0) {
                framing.add(msg.framingShares(models, r.figure("china").shown(), orDash(r.figure("multimodal").shown()),
                        orDash(r.figure("open").shown())));
                String regions = r.figures().values().stream().filter(f -> f.key().startsWith("region."))
                        .map(f -> {
                            String code = f.key().substring("region.".length());
                            String name = code.equals("unknown") ? msg.regionUnknown()
                                    : countryName(code, language.locale());
                            return msg.regionItem(name, f.count(), f.shown());
                        })
                        .collect(Collectors.joining(msg.listSeparator()));
                framing.add(msg.framingRegions(regions));
                Figure median = r.figure("median");
                framing.add(msg.framingMedian(orDash(median.shown()), median.count(), median.excludedCount()));
            }
            for (Review.Trend t : r.trends()) {
                trends.add(t.comparable() ? msg.trend(t.metric(), t.direction(), t.previousShown(), t.currentShown())
                        : msg.trendThin(t.metric(), t.currentSample(), t.previousSample(), options.minimumSample()));
            }
            summary.add(msg.summaryCount(releases.count(), models));
            if (models >= options.minimumSample()) {
                summary.add(msg.summaryShares(r.figure("china").shown(), orDash(r.figure("multimodal").shown()),
                        orDash(r.figure("open").shown())));
            }
            r.section(SectionKey.SMALLER).flatMap(s -> s.entries().stream()
                            .filter(e -> e.parameters() != null)
                            .min(java.util.Comparator.comparingLong(Review.Entry::parameters)))
                    .ifPresent(e -> summary.add(msg.summarySmallest(r.reference().name(), e.name(), e.relative())));
            r.section(SectionKey.RETRIEVAL_TOOLS).ifPresent(s -> summary.add(msg.summaryRetrieval(s.total())));
            r.trends().stream().filter(t -> t.comparable() && t.metric().equals("median"))
                    .forEach(t -> summary.add(msg.trend(t.metric(), t.direction(), t.previousShown(), t.currentShown())));
            if (releases.count() < options.minimumSample()) {
                summary.add(msg.summaryThin());
            } else if (r.trends().stream().noneMatch(Review.Trend::comparable)) {
                summary.add(msg.summaryNoComparison());
            }
        }
        List<SectionView> sections = new ArrayList<>();
        for (Section s : r.sections()) {
            sections.add(section(s, r, msg, language));
        }
        String generated = msg.generated(digest.version(), DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(digest.generatedAt().atOffset(ZoneOffset.UTC).withNano(0)) + "Z");
        return new ReviewView(digest, r, language.tag(), date(r.period().from(), language), date(r.period().to(), language),
                framing, trends, msg.trendsIntro(), sections, summary, msg.chinaMark(), msg.openMark(), msg.colon(), generated,
                msg.timelineCaption(date(r.period().from(), language), date(r.period().to(), language)));
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
        };
        String intro = switch (s.key()) {
            case TIMELINE -> msg.introTimeline(s.total(), r.timeline() == null ? 0 : r.timeline().shown());
            case CHINA -> msg.introChina(s.total(), r.figure("china").shown());
            case MULTIMODAL -> msg.introMultimodal(s.total());
            case GENERALIST -> msg.introGeneralist(s.total());
            case SMALLER -> msg.introSmaller(ref, r.reference().parametersShown());
            case RETRIEVAL_TOOLS -> msg.introRetrievalTools(s.total());
            case APPLICATIONS -> msg.introApplications(s.total());
            case FRAMEWORKS -> msg.introFrameworks(s.total());
            case OPEN -> msg.introOpen(s.total(), r.figure("open").shown(), r.figure("open").of().size());
            case BIGGEST -> msg.introBiggest();
            case FRAMING, SUMMARY -> null;
        };
        boolean withRelative = s.key() == SectionKey.SMALLER;
        String separator = " · ";
        List<EntryView> entries = s.entries().stream().map(e -> {
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
                    size = size + (language == Language.ZH_CN ? "，" : ", ") + msg.relative(e.relative(), e.relativeForm(), ref);
                }
                parts.add(size);
            }
            return new EntryView(e, String.join(separator, parts));
        }).toList();
        String more = s.key() != SectionKey.TIMELINE && s.more() > 0 ? msg.more(s.more()) : null;
        if (s.key() == SectionKey.TIMELINE && r.section(SectionKey.TIMELINE).isPresent() && s.total() > s.entries().size()) {
            more = msg.more(s.total() - s.entries().size());
        }
        return new SectionView(s.key().tag(), heading, intro, entries, more);
    }

    /** A country's name in the language ("China" / "中国"). */
    private static String countryName(String code, Locale locale) {
        return java.util.Objects.requireNonNullElse(new Locale("", code).getDisplayCountry(locale), code);
    }

    private static String orDash(String shown) {
        return shown == null ? "–" : shown;
    }
}
