package io.modelwatch.catalog.dashboard;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Every word of the dashboard, in English; the Chinese lives in {@code messages/dash_zh-CN.properties}. */
@MessageBundle(value = "dash", locale = "en")
public interface DashboardMessages {

    @Message("modelwatch")
    String brand();

    @Message("Overview")
    String navOverview();

    @Message("Skip to content")
    String skipToContent();

    @Message("Catalog")
    String navCatalog();

    @Message("中文")
    String otherLanguageName();

    @Message("Switch language")
    String switchLanguage();

    @Message("The field at a glance")
    String overviewTitle();

    @Message("Period")
    String period();

    @Message("Last 12 months")
    String periodLast12();

    @Message("{year}, first half")
    String periodFirstHalf(String year);

    @Message("{year}, second half")
    String periodSecondHalf(String year);

    @Message("Custom")
    String periodCustom();

    @Message("From")
    String from();

    @Message("To")
    String to();

    @Message("Apply")
    String apply();

    @Message("Any")
    String any();

    @Message("Kind")
    String kind();

    @Message("Country")
    String country();

    @Message("Modality")
    String modality();

    @Message("Accessibility")
    String accessibility();

    @Message("Tag")
    String tag();

    @Message("Releases")
    String releases();

    @Message("Organisations")
    String organisations();

    @Message("Countries")
    String countries();

    @Message("With open weights")
    String openWeights();

    @Message("Median disclosed size")
    String medianSize();

    @Message("{from} to {to}")
    String periodRange(String from, String to);

    @Message("Timeline of releases")
    String timelineTitle();

    @Message("China")
    String china();

    @Message("Elsewhere")
    String elsewhere();

    @Message("Parameter count over time (log scale)")
    String sizeTitle();

    @Message("Median per month")
    String medianPerMonth();

    @Message("By country")
    String byCountry();

    @Message("By organisation")
    String byOrganisation();

    @Message("By modality")
    String byModality();

    @Message("By accessibility")
    String byAccessibility();

    @Message("No releases match this period and these filters.")
    String empty();

    @Message("The timeline and the size chart show the oldest {shown} of the {total} releases in this view: narrow the period or the filters to see them all.")
    String chartsCapped(String shown, String total);

    @Message("undisclosed")
    String undisclosed();

    @Message("new")
    String newBadge();

    @Message("Live: new releases appear here as they are catalogued.")
    String liveHint();

    @Message("New release: {name}")
    String liveAnnounce(String name);

    @Message("Search names, organisations, summaries")
    String searchPlaceholder();

    @Message("Search")
    String search();

    @Message("Name")
    String name();

    @Message("Organisations")
    String organisationsColumn();

    @Message("Published")
    String published();

    @Message("Parameters")
    String parameters();

    @Message("Next page")
    String nextPage();

    @Message("First page")
    String firstPage();

    @Message("{#if count == 0}No entries match.{#else if count == 1}1 entry on this page.{#else}{count} entries on this page.{/if}")
    String pageCount(int count);

    @Message("Sort by {column}")
    String sortBy(String column);

    @Message("Fields")
    String fields();

    @Message("Sources")
    String sources();

    @Message("Revisions")
    String revisions();

    @Message("Field")
    String field();

    @Message("Value")
    String value();

    @Message("Stated by")
    String statedBy();

    @Message("Confidence")
    String confidence();

    @Message("Stated at")
    String statedAt();

    @Message("shown")
    String shown();

    @Message("Revision")
    String revision();

    @Message("Cause")
    String cause();

    @Message("At")
    String at();

    @Message("No model with this name in the catalog.")
    String notFound();

    @Message("{#when value}{#is 'model'}Model{#is 'framework'}Framework{#is 'application'}Application{#else}{value}{/when}")
    String kindName(String value);

    @Message("{#when value}{#is 'open-weights-unrestricted'}Open weights{#is 'open-weights-restricted'}Open weights, restricted{#is 'open-weights-noncommercial'}Open weights, non-commercial{#is 'api'}API{#is 'hosted'}Hosted{#is 'unreleased'}Unreleased{#else}{value}{/when}")
    String accessibilityName(String value);

    @Message("{#when value}{#is 'text'}Text{#is 'image'}Image{#is 'audio'}Audio{#is 'video'}Video{#is 'code'}Code{#is 'speech'}Speech{#is 'multimodal'}Multimodal{#is 'protein'}Protein{#is 'agent'}Agent{#is 'robotics'}Robotics{#is 'science'}Science{#is 'game'}Games{#else}{value}{/when}")
    String modalityName(String value);

    /** The entry's own fields; the fields announcements state are labelled by {@code domain.ModelFields}. */
    @Message("{#when value}{#is 'slug'}Slug{#is 'announcements'}Announcements{#is 'firstSeen'}First seen{#is 'lastSeen'}Last seen{#is 'aliases'}Also known as{#is 'revision'}Revision{#else}{value}{/when}")
    String fieldName(String value);

    @Message("{#when value}{#is 'confident'}Confident{#is 'likely'}Likely{#is 'speculative'}Speculative{#is 'unstated'}Not stated{#else}{value}{/when}")
    String confidenceName(String value);

    @Message("Not stated")
    String notStated();

    /** Tags are free text; the common ones have words in both languages, others are shown as written. */
    @Message("{#when value}{#is 'knowledge-enhanced'}knowledge-enhanced{#is 'instruction-tuned'}instruction-tuned{#is 'diffusion'}diffusion{#is 'generalist'}generalist{#is 'lightweight'}lightweight{#is 'multitask-prompted'}multitask prompted{#is 'mixture-of-experts'}mixture of experts{#is 'retrieval-augmented'}retrieval-augmented{#is 'tool-use'}tool use{#is 'rlhf'}RLHF{#is 'dense'}dense{#else}{value}{/when}")
    String tagName(String value);

    @Message("{#when value}{#is 'announced'}announced{#is 'retracted'}retracted{#is 'deleted'}deleted{#is 'merged'}merged{#is 'alias-added'}alias added{#is 'organization-alias-added'}organisation alias added{#else}{value}{/when}")
    String causeName(String value);

    @Message("Filters")
    String filters();

    @Message("The API splits filter values at commas: search for this name instead.")
    String notSelectable();

    @Message("Smallest size")
    String minParameters();

    @Message("Largest size")
    String maxParameters();

    @Message("Clear filters")
    String clearFilters();

    @Message("Ignored, not a valid filter:")
    String ignoredIntro();

    @Message("Export this view")
    String exportView();

    @Message("all matching (CSV)")
    String exportAll();

    @Message("Pages")
    String pages();

    @Message("{total} match; {shown} shown.")
    String matching(String total, String shown);

    @Message("Data table")
    String dataTable();

    @Message("Month")
    String month();

    @Message("Region")
    String region();

    @Message("Count")
    String count();

    @Message("year only")
    String yearOnly();

    @Message("Release date")
    String releaseDate();

    @Message("Parameters (log scale)")
    String parametersAxis();

    @Message("Releases per month and region (too many to label: select a cell to list them)")
    String densityTitle();

    @Message("Select a bar, point or cell to list its models in the catalog.")
    String chartHint();

    @Message("Facts")
    String facts();

    @Message("{ratio} the size of GPT-3 (175B)")
    String versusReference(String ratio);

    @Message("{#if above}above{#else}below{/if} the median of {period}, {median} over {count} disclosed sizes")
    String versusPeriod(boolean above, String period, String median, String count);

    @Message("the median of {period} ({count} disclosed sizes)")
    String isMedian(String period, String count);

    @Message("Links")
    String links();

    @Message("{#when value}{#is 'paper'}Paper{#is 'code'}Code{#is 'weights'}Weights{#is 'announcement'}Announcement{#else}{value}{/when}")
    String linkName(String value);

    @Message("Source")
    String source();

    @Message("via {publisher}")
    String via(String publisher);

    @Message("Changes")
    String changes();

    @Message("{field} {before} → {after}")
    String changed(String field, String before, String after);

    @Message("catalogued")
    String catalogued();

    @Message("by {source}")
    String bySource(String source);

    @Message("on {date}")
    String onDate(String date);

    @Message("no visible change")
    String noChange();

    @Message("Other fields")
    String otherFields();

    @Message("an unnamed source")
    String unnamedSource();

    @Message("Unknown")
    String unknown();

    @Message("Training compute over time")
    String growthComputeTitle();

    @Message("Parameters over time")
    String growthParametersTitle();

    @Message("Trend from")
    String growthFrom();

    @Message("Measure")
    String measure();

    @Message("Training compute")
    String measureCompute();

    @Message("Parameters")
    String measureParameters();

    @Message("Training compute (FLOP, log scale)")
    String computeAxis();

    @Message("Each mark is one model; each line is a log-linear fit from its start year, with a 90 % bootstrap interval.")
    String growthHint();

    @Message("×{perYear} per year (90 % interval ×{low}–{high}), doubling every {doubling} months, n = {n}, {period}")
    String growthStatement(String perYear, String low, String high, String doubling, String n, String period);

    @Message("×{perYear} per year (90 % interval ×{low}–{high}), not growing, n = {n}, {period}")
    String growthNotGrowing(String perYear, String low, String high, String n, String period);

    @Message("Too few points for a trend (n = {n}, {period})")
    String growthTooFew(String n, String period);

    @Message("{year} onwards")
    String onwards(String year);

    @Message("{date} onwards")
    String onwardsDate(String date);

    @Message("all dates")
    String allDates();

    @Message("Data:")
    String creditLead();
}
