package io.modelwatch.digest.render;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of a review, in English; the Chinese lives in {@code messages/msg_zh-CN.properties} and is written for a
 * Chinese reader, not translated word by word. Numbers arrive already formatted the language's way.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ReviewMessages {

    // ---- titles

    @Message("Weekly review, {week}")
    String titleWeekly(String week);

    @Message("Monthly review, {month}")
    String titleMonthly(String month);

    @Message("Quarterly review, {quarter}")
    String titleQuarterly(String quarter);

    @Message("First half of {year} in review")
    String titleFirstHalf(int year);

    @Message("{year} mid-year review")
    String titleMidYear(int year);

    @Message("Second half of {year} in review")
    String titleSecondHalf(int year);

    @Message("{year}: the year in review")
    String titleYearly(int year);

    @Message("Review of {from} to {to}")
    String titleOnDemand(String from, String to);

    @Message("{#if count == 0}No releases were recorded in this period.{#else if count == 1}1 release in this period.{#else}{count} releases in this period.{/if}")
    String summary(int count);

    @Message("{monthName} {year}")
    String monthLabel(String monthName, int year);

    @Message("Q{quarter} {year}")
    String quarterLabel(int quarter, int year);

    @Message("week {week} of {year} ({from} to {to})")
    String weekLabel(int week, int year, String from, String to);

    // ---- section headings

    @Message("The period")
    String headingFraming();

    @Message("Timeline of the period")
    String headingTimeline();

    @Message("China's models")
    String headingChina();

    @Message("Multimodal models")
    String headingMultimodal();

    @Message("Generalist models and agents")
    String headingGeneralist();

    @Message("Smaller models, measured against {reference}")
    String headingSmaller(String reference);

    @Message("Retrieval-augmented and tool-using models")
    String headingRetrievalTools();

    @Message("New applications")
    String headingApplications();

    @Message("Frameworks and tools")
    String headingFrameworks();

    @Message("Open releases")
    String headingOpen();

    @Message("The biggest disclosed models")
    String headingBiggest();

    @Message("Summary")
    String headingSummary();

    @Message("Training compute")
    String headingCompute();

    // ---- framing

    @Message("This review covers {from} to {to} ({days} days) and compares it with the {previousDays} days before ({previousFrom} to {previousTo}).")
    String framingPeriod(String from, String to, long days, long previousDays, String previousFrom, String previousTo);

    @Message("No releases were recorded in this period, so there is nothing to review and no trend to report.")
    String framingEmpty();

    @Message("The catalog records {releases} {#if releases == 1}release{#else}releases{/if} published in the period ({previous} in the previous one): {models} {#if models == 1}model{#else}models{/if}, {frameworks} {#if frameworks == 1}framework{#else}frameworks{/if} and {applications} {#if applications == 1}application{#else}applications{/if}.")
    String framingCounts(int releases, int previous, int models, int frameworks, int applications);

    @Message("The largest disclosed model is {name} ({size}{#if organisations}, {organisations}{/if}).")
    String framingLargest(String name, String size, String organisations);

    @Message("{#if models == 1}{#if china == 1}The one model comes{#else}The one model does not come{/if}{#else}{china} of the {models} models come{/if} from organisations in China{#if share} ({share}){/if}{#if comparable}, against {previousShare} of {previousModels} in the previous period{/if}.")
    String framingChina(int china, int models, String share, int previousModels, String previousShare, boolean comparable);

    @Message("{open} of the {stated} {#if stated == 1}model that says{#else}models that say{/if} how {#if stated == 1}it{#else}they{/if} can be used {#if open == 1 && stated == 1}has{#else}have{/if} open weights{#if share} ({share}){/if}.")
    String framingOpen(int open, int stated, String share);

    @Message("{#if known == 1}Only {name} states its training compute: {flop} FLOP{#else}Of the {known} releases that state their training compute, {name} had the largest run: {flop} FLOP{/if}{#when position}{#is 'above'}, {factor} times what the compute trend gives for its release date{#is 'below'}, below the compute trend (which gives {factor} times as much for its release date){#is 'on'}, on the compute trend for its release date{/when}.")
    String framingCompute(String name, String flop, int known, String position, String factor);

    @Message("Sizes are measured against {reference} ({size}).")
    String framingReference(String reference, String size);

    @Message("By the country of the lead organisation: {regions}.")
    String framingRegions(String regions);

    @Message("{country} {count}{#if share} ({share}){/if}")
    String regionItem(String country, int count, String share);

    @Message("unknown")
    String regionUnknown();

    @Message(", ")
    String listSeparator();

    @Message("{#if disclosed == 0}No model in the period disclosed its size.{#else}The median disclosed size is {median}, over {disclosed} {#if disclosed == 1}model{#else}models{/if}{#if undisclosed > 0}; {undisclosed} {#if undisclosed == 1}model with an undisclosed size is{#else}models with an undisclosed size are{/if} left out{/if}.{/if}")
    String framingMedian(String median, int disclosed, int undisclosed);

    @Message("Against the previous period:")
    String trendsIntro();

    @Message("{#when metric}{#is 'releases'}{#when direction}{#is 'up'}More releases than in the previous period: {current}, against {previous}.{#is 'down'}Fewer releases than in the previous period: {current}, against {previous}.{#else}As many releases as in the previous period ({current}; before: {previous}).{/when}{#is 'median'}{#when direction}{#is 'up'}The median disclosed size rose from {previous} to {current}.{#is 'down'}The median disclosed size fell from {previous} to {current}.{#else}The median disclosed size stayed at {current} (before: {previous}).{/when}{#is 'open'}{#when direction}{#is 'up'}The share of open weights rose from {previous} to {current}.{#is 'down'}The share of open weights fell from {previous} to {current}.{#else}The share of open weights held at {current} (before: {previous}).{/when}{#is 'china'}{#when direction}{#is 'up'}China's share of the models rose from {previous} to {current}.{#is 'down'}China's share of the models fell from {previous} to {current}.{#else}China's share of the models held at {current} (before: {previous}).{/when}{#else}{#when direction}{#is 'up'}The share of multimodal models rose from {previous} to {current}.{#is 'down'}The share of multimodal models fell from {previous} to {current}.{#else}The share of multimodal models held at {current} (before: {previous}).{/when}{/when}")
    String trend(String metric, String direction, String previous, String current);

    @Message("{#when metric}{#is 'releases'}the number of releases{#is 'median'}the median disclosed size{#is 'open'}the share of open weights{#is 'china'}China's share{#else}the share of multimodal models{/when}")
    String metricName(String metric);

    @Message("Too little data to compare {metrics} with the previous period (at least {minimum} models are needed in each).")
    String trendsThin(String metrics, int minimum);

    @Message("Also in this group: {names} (each is listed in full once, in the section that fits it best).")
    String alsoNamed(String names);

    // ---- sections

    @Message("{total} {#if total == 1}release{#else}releases{/if} in date order; China's are highlighted.{#if shown < total} The figure places the {shown} most announced.{/if}")
    String introTimeline(int total, int shown);

    @Message("{count} of the period's {models} models{#if share} ({share}){/if} come from organisations in China:")
    String introChina(int count, int models, String share);

    @Message("{count} of the {stated} models that state their modalities{#if share} ({share}){/if} join two or more of them:")
    String introMultimodal(int count, int stated, String share);

    @Message("{count} {#if count == 1}model aims{#else}models aim{/if} at many tasks with one set of weights, or {#if count == 1}acts{#else}act{/if} as an agent:")
    String introGeneralist(int count);

    @Message("{count} {#if count == 1}model that is{#else}models that are{/if} instruction-tuned, prompted across tasks or retrieval-augmented {#if count == 1}is{#else}are{/if} smaller than {reference} ({referenceSize}); {#if count == 1}its size{#else}their sizes{/if} against it:")
    String introSmaller(int count, String reference, String referenceSize);

    @Message("{count} {#if count == 1}model looks{#else}models look{/if} things up or {#if count == 1}uses{#else}use{/if} tools:")
    String introRetrievalTools(int count);

    @Message("{count} new {#if count == 1}application{#else}applications{/if}:")
    String introApplications(int count);

    @Message("{count} {#if count == 1}framework or tool{#else}frameworks and tools{/if}:")
    String introFrameworks(int count);

    @Message("{count} {#if count == 1}model was{#else}models were{/if} released with open weights: {count} of the {stated} that say how they can be used{#if share} ({share}){/if}.")
    String introOpen(int count, String share, int stated);

    @Message("The biggest models by disclosed size (sizes marked ~ are approximate):")
    String introBiggest();

    @Message("…and {count} more, all listed in the JSON form of this review.")
    String more(int count);

    @Message("The largest training run of the period is {name}{#if organisations} ({organisations}){/if}: {flop} FLOP, {#if known == 1}the only release of the period that states its training compute{#else}the most of the {known} releases of the period that state their training compute{/if}{#if unknown > 0} ({unknown} {#if unknown == 1}model does{#else}models do{/if} not){/if}.")
    String computeLargest(String name, String organisations, String flop, boolean approximate, int known, int unknown);

    @Message("Fitted over the {n} releases with known training compute from {from} to {to}, training compute {#when trend}{#is 'grows'}grew ×{perYear} a year (90 % interval ×{low} to ×{high}){#if doubling}, doubling every {doubling} months{#if doublingLow} ({doublingLow} to {doublingHigh} months){/if}{/if}{#is 'shrinks'}shrank: ×{perYear} a year (90 % interval ×{low} to ×{high}){#else}shows no clear trend: ×{perYear} a year, but its 90 % interval, ×{low} to ×{high}, allows both growth and decline{/when}.")
    String computeGrowth(int n, String from, String to, String trend, String perYear, String low, String high,
                         String doubling, String doublingLow, String doublingHigh);

    @Message("{#when position}{#is 'above'}{name}'s run lies above that trend line: {factor} times what the trend gives for its release date.{#is 'below'}{name}'s run lies below that trend line: the trend gives {factor} times as much for its release date.{#else}{name}'s run lies on that trend line (within 10 %).{/when}")
    String computeAgainstTrend(String name, String position, String factor);

    @Message("Data credit: {line}. Licensed under {licence}.")
    String credit(String line, String licence);

    // ---- one entry

    @Message("{#if disclosed}{shown} parameters{#else}parameters {shown}{/if}")
    String size(String shown, boolean disclosed);

    @Message("{relative} of {reference}")
    String relative(String relative, String reference);

    @Message("China")
    String chinaMark();

    @Message("open weights")
    String openMark();

    // ---- summary

    @Message("In all, {releases} {#if releases == 1}release{#else}releases{/if}, {models} of them {#if models == 1}a model{#else}models{/if}.")
    String summaryCount(int releases, int models);


    @Message("Measured against {reference}, the smallest of the instruction-tuned, multi-task or retrieval-augmented models is {name}, at {relative} of its size.")
    String summarySmallest(String reference, String name, String relative);

    @Message("{count} {#if count == 1}model relies{#else}models rely{/if} on retrieval or tools.")
    String summaryRetrieval(int count);

    @Message("With so few releases, this review lists them and claims no trend.")
    String summaryThin();


    @Message(": ")
    String colon();

    // ---- pages

    @Message("Reviews")
    String archiveTitle();

    @Message("All kinds")
    String allKinds();

    @Message("{#when kind}{#is 'weekly'}Weekly{#is 'monthly'}Monthly{#is 'quarterly'}Quarterly{#is 'half-year'}Half-year{#is 'yearly'}Yearly{#is 'mid-year'}Mid-year (July to June){#else}On demand{/when}")
    String kindLabel(String kind);

    @Message("The catalog's dashboard")
    String dashboardLink();

    @Message("Subscribe by e-mail")
    String subscribeLink();

    @Message("Ask for a review")
    String askTitle();

    @Message("Kind")
    String askKind();

    @Message("Period")
    String askPeriod();

    @Message("Compared with")
    String askReference();

    @Message("default: chosen for the period")
    String askReferenceDefault();

    @Message("Write the review")
    String askButton();

    @Message("Period: 2022 for a year or a mid-year review (July 2021 to June 2022), 2022-H1, 2022-Q1, 2022-03, 2022-W05. Only periods that have ended.")
    String askHelp();

    @Message("Write a period, such as 2022.")
    String askPeriodMissing();

    @Message("'{period}' is not a period of this kind: write 2022 for a yearly or mid-year review, 2022-H1 for a half-year, 2022-Q1, 2022-03 or 2022-W05.")
    String askPeriodBad(String period);

    @Message("This period ends on {end} and is not over yet: a review covers only days that are over.")
    String askPeriodNotOver(String end);

    @Message("The catalog has no model called '{reference}' with a disclosed size: give a model's name, Chinese name or slug, or leave the field empty for the period's default.")
    String askReferenceUnknown(String reference);

    @Message("Choose one of the kinds in the list.")
    String askKindUnknown();

    @Message("The language is English or 中文.")
    String askLanguageUnknown();

    @Message("Too many reviews were asked for from this address: try again in a minute.")
    String askTooMany();

    @Message("Markdown")
    String formatMarkdown();

    @Message("Plain text")
    String formatText();

    @Message("JSON (every figure with its models)")
    String formatJson();

    @Message("E-mail")
    String formatEmail();

    @Message("modelwatch reviews")
    String feedTitle();

    @Message("Reviews of AI model releases, week by week to year by year, in English.")
    String feedDescription();

    @Message("version {version}, generated {generated}")
    String generated(int version, String generated);

    @Message("Timeline of releases from {from} to {to}; China's releases in red.")
    String timelineCaption(String from, String to);
}
