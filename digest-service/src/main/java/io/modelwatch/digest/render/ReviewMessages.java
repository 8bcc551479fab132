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

    // ---- framing

    @Message("This review covers {from} to {to} ({days} days) and compares it with the {previousDays} days before ({previousFrom} to {previousTo}).")
    String framingPeriod(String from, String to, long days, long previousDays, String previousFrom, String previousTo);

    @Message("No releases were recorded in this period, so there is nothing to review and no trend to report.")
    String framingEmpty();

    @Message("The catalog records {releases} {#if releases == 1}release{#else}releases{/if} published in the period: {models} {#if models == 1}model{#else}models{/if}, {frameworks} {#if frameworks == 1}framework{#else}frameworks{/if} and {applications} {#if applications == 1}application{#else}applications{/if}.")
    String framingCounts(int releases, int models, int frameworks, int applications);

    @Message("Of the {models} {#if models == 1}model{#else}models{/if}, {china} come from organisations in China, {multimodal} work with more than text, and {open} of those that say how they can be used have open weights.")
    String framingShares(int models, String china, String multimodal, String open);

    @Message("By the country of the lead organisation: {regions}.")
    String framingRegions(String regions);

    @Message("{country} {count} ({share})")
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

    @Message("{#when metric}{#is 'releases'}The number of releases{#is 'median'}The median disclosed size{#is 'open'}The share of open weights{#is 'china'}China's share{#else}The share of multimodal models{/when} cannot be compared: too little data ({current} in this period, {previous} in the previous one; at least {minimum} are needed in each).")
    String trendThin(String metric, int current, int previous, int minimum);

    // ---- sections

    @Message("{total} {#if total == 1}release{#else}releases{/if} in date order; China's are highlighted.{#if shown < total} The figure places the {shown} most announced.{/if}")
    String introTimeline(int total, int shown);

    @Message("{count} of the period's models ({share}) come from organisations in China:")
    String introChina(int count, String share);

    @Message("{count} {#if count == 1}model works{#else}models work{/if} with more than text:")
    String introMultimodal(int count);

    @Message("{count} {#if count == 1}model aims{#else}models aim{/if} at many tasks with one set of weights, or {#if count == 1}acts{#else}act{/if} as an agent:")
    String introGeneralist(int count);

    @Message("Instruction tuning, multi-task prompting and retrieval let these models do more with fewer parameters. Their sizes against {reference} ({referenceSize}):")
    String introSmaller(String reference, String referenceSize);

    @Message("{count} {#if count == 1}model looks{#else}models look{/if} things up or {#if count == 1}uses{#else}use{/if} tools:")
    String introRetrievalTools(int count);

    @Message("{count} new {#if count == 1}application{#else}applications{/if}:")
    String introApplications(int count);

    @Message("{count} {#if count == 1}framework or tool{#else}frameworks and tools{/if}:")
    String introFrameworks(int count);

    @Message("{count} {#if count == 1}model was{#else}models were{/if} released with open weights: {share} of the {stated} that say how they can be used.")
    String introOpen(int count, String share, int stated);

    @Message("The biggest models by disclosed size (sizes marked ~ are approximate):")
    String introBiggest();

    @Message("…and {count} more, all listed in the JSON form of this review.")
    String more(int count);

    // ---- one entry

    @Message("{#if disclosed}{shown} parameters{#else}parameters {shown}{/if}")
    String size(String shown, boolean disclosed);

    @Message("{#if form == 'fraction'}{relative} of {reference}{#else}{relative} of {reference}'s size{/if}")
    String relative(String relative, String form, String reference);

    @Message("China")
    String chinaMark();

    @Message("open weights")
    String openMark();

    // ---- summary

    @Message("In all, {releases} {#if releases == 1}release{#else}releases{/if}, {models} of them {#if models == 1}a model{#else}models{/if}.")
    String summaryCount(int releases, int models);

    @Message("{china} of the models came from China and {multimodal} worked with more than text; {open} had open weights.")
    String summaryShares(String china, String multimodal, String open);

    @Message("Measured against {reference}, the smallest of the models trained to do more with less is {name}, at {relative} of its size.")
    String summarySmallest(String reference, String name, String relative);

    @Message("{count} {#if count == 1}model relies{#else}models rely{/if} on retrieval or tools.")
    String summaryRetrieval(int count);

    @Message("With so few releases, this review lists them and claims no trend.")
    String summaryThin();

    @Message("The previous period has too little data in the catalog to compare with, so this review claims no trend.")
    String summaryNoComparison();

    @Message(": ")
    String colon();

    // ---- pages

    @Message("Reviews")
    String archiveTitle();

    @Message("All kinds")
    String allKinds();

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
