package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dashboard's pages: overview at /, the catalog at /catalog, one model at /models/{slug}. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance overview(Chrome chrome, Overview page);

        static native TemplateInstance catalog(Chrome chrome, CatalogPage page);

        static native TemplateInstance model(Chrome chrome, ModelPage page);
    }

    /**
     * What every page shares: language, the link to the other language, which tab is active, and the credit line of
     * the licensed data the page shows (null when it shows none).
     */
    public record Chrome(String lang, String otherLangName, String switchUrl, String active, String title, Credit credit) {
    }

    /** A credit line a licence requires: the lead-in (translated), the line as its owner asks, the licence. */
    public record Credit(String lead, String line, String licenceName, String licenceUrl) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Select(String name, String label, List<Option> options) {
    }

    public record Label(String key, String text) {
    }

    public record Overview(String period, String periodLabel, List<Option> periods, String from, String to, List<Select> filters,
                           DashboardStats.Summary summary, String apiQuery, List<Label> labels, int maxPoints,
                           int pointsLimit, String aggregatedNote, Growth growth, String aggregates) {
    }

    /**
     * The growth chart: the start years to pick from, the measure, the fits (the chosen start, then
     * {@link #GROWTH_SECOND_START} when later) with their statements, and the API query of the page's choices without
     * its period (the trend is over years, not over the overview's months).
     */
    public record Growth(String measure, String title, String axis, List<Option> starts, List<Option> measures,
                         List<String> from, List<String> statements, String apiQuery) {
    }

    /** The start years of the growth fits when the reader has not picked one: Epoch's usual periods. */
    static final String GROWTH_DEFAULT_START = "2010";
    static final String GROWTH_SECOND_START = "2018";

    /** Entries the growth chart draws at most: beyond, it is not readable, and the browser slows down. */
    static final int MAX_CHART_POINTS = 5000;

    /**
     * Up to this many releases in the period the timeline and the size chart draw each one (one request of points);
     * beyond, they draw the overview's aggregates (releases per month and region, sizes per month), which is all a
     * reader can take in from that many marks anyway.
     */
    static final int POINTS_LIMIT = DashboardStatsResource.MAX_POINTS;

    /**
     * A catalog row. name: the display name (on zh pages a Chinese alias when the entry has one); original: the
     * catalogued name when the display name is an alias, else null.
     */
    public record Row(String slug, String name, String original, String organisations, String published, String parameters,
                      boolean undisclosed, String kind, String accessibility, boolean china) {
    }

    public record SortLink(String label, String href, String state) {
    }

    /**
     * One value of a facet with the number of entries it would show (the other filters kept, this facet's choice
     * replaced). selectable: false for a value the API cannot take as one value (it splits filter values at commas).
     */
    public record FacetValue(String id, String value, String label, long count, boolean checked, boolean selectable) {
    }

    public record Facet(String name, String label, List<FacetValue> values, boolean chosen) {
    }

    public record CatalogPage(String q, String sort, String from, String to, String minParameters, String maxParameters,
                              List<Facet> facets, List<SortLink> columns, List<Row> rows, String totalText, String nextHref,
                              String firstHref, String csvHref, String jsonHref, String allCsvHref, boolean filtered,
                              String clearHref, List<String> ignored, List<Label> labels) {
    }

    private final DashboardStats stats;
    private final CatalogReads reads;
    private final CatalogExplorer catalogs;
    private final DashboardGrowth growth;
    private final JsonDocuments json;

    public DashboardPages(DashboardStats stats, CatalogReads reads, CatalogExplorer catalogs, DashboardGrowth growth,
                          JsonDocuments json) {
        this.stats = stats;
        this.reads = reads;
        this.catalogs = catalogs;
        this.growth = growth;
        this.json = json;
    }

    @GET
    @Operation(summary = "Dashboard: overview of a period (HTML)")
    public Response overview(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("lang") String langParam,
                             @QueryParam("period") String periodId, @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("growthFrom") String growthFrom, @QueryParam("measure") String measureParam) {
        Language lang = LanguageChoice.of(langParam, headers);
        DashboardMessages msg = DisplayText.messages(lang);
        Period period = Period.resolve(periodId, from, to, YearMonth.now(java.time.ZoneOffset.UTC));
        DashboardFilter filter = DashboardFilter.of(period, uri.getQueryParameters());

        DashboardStats.Choices choices = stats.choices();
        List<Option> periods = new ArrayList<>();
        periods.add(new Option("last12", msg.periodLast12(), period.id().equals("last12")));
        for (String year : choices.years()) {
            periods.add(new Option(year, year, period.id().equals(year)));
            periods.add(new Option(year + "-H2", msg.periodSecondHalf(year), period.id().equals(year + "-H2")));
            periods.add(new Option(year + "-H1", msg.periodFirstHalf(year), period.id().equals(year + "-H1")));
        }
        periods.add(new Option("custom", msg.periodCustom(), period.id().equals("custom")));

        List<Select> filters = List.of(
                select("kind", msg.kind(), msg, filter, Arrays.stream(Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList(),
                        msg::kindName),
                select("country", msg.country(), msg, filter, choices.countries(), c -> DisplayText.country(c, lang)),
                select("modality", msg.modality(), msg, filter, choices.modalities(), msg::modalityName),
                select("accessibility", msg.accessibility(), msg, filter, Arrays.stream(Accessibility.values())
                        .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList(), msg::accessibilityName),
                select("tag", msg.tag(), msg, filter, choices.tags(), msg::tagName));

        List<Label> labels = new ArrayList<>();
        labels.add(new Label("undisclosed", msg.undisclosed()));
        labels.add(new Label("china", msg.china()));
        labels.add(new Label("elsewhere", msg.elsewhere()));
        labels.add(new Label("median", msg.medianPerMonth()));
        labels.add(new Label("new", msg.newBadge()));
        labels.add(new Label("empty", msg.empty()));
        labels.add(new Label("yearOnly", msg.yearOnly()));
        labels.add(new Label("month", msg.month()));
        labels.add(new Label("region", msg.region()));
        labels.add(new Label("count", msg.count()));
        labels.add(new Label("disclosed", msg.disclosed()));
        labels.add(new Label("largest", msg.largest()));
        labels.add(new Label("name", msg.name()));
        labels.add(new Label("published", msg.published()));
        labels.add(new Label("parameters", msg.parameters()));
        labels.add(new Label("releaseDate", msg.releaseDate()));
        labels.add(new Label("parametersAxis", msg.parametersAxis()));
        labels.add(new Label("country", msg.country()));
        labels.add(new Label("organization", msg.organisationsColumn()));
        labels.add(new Label("modality", msg.modality()));
        labels.add(new Label("accessibility", msg.accessibility()));
        labels.add(new Label("gpt3", "GPT-3 (" + ParameterCountFormatter.format(175_000_000_000L, lang.locale()) + ")"));
        for (Kind k : Kind.values()) {
            labels.add(new Label("kind:" + k.name().toLowerCase(Locale.ROOT), msg.kindName(k.name().toLowerCase(Locale.ROOT))));
        }
        for (Accessibility a : Accessibility.values()) {
            String key = a.name().toLowerCase(Locale.ROOT).replace('_', '-');
            labels.add(new Label("accessibility:" + key, msg.accessibilityName(key)));
        }
        for (String m : choices.modalities()) {
            labels.add(new Label("modality:" + m, msg.modalityName(m)));
        }
        for (String c : choices.countries()) {
            labels.add(new Label("country:" + c, DisplayText.country(c, lang)));
        }
        labels.add(new Label("country:", msg.unknown()));
        for (int m = 1; m <= 12; m++) {
            labels.add(new Label("month:" + m, lang.chinese() ? m + "月"
                    : java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)));
        }

        // One query for the headline figures and every aggregate chart; the page draws from the same figures (they
        // travel in the page, so its first drawing asks the server for nothing more than points, when few enough).
        DashboardStats.Overview aggregates = stats.overview(filter.filter(), lang);
        DashboardStats.Summary summary = aggregates.summary();
        java.text.NumberFormat numbers = java.text.NumberFormat.getIntegerInstance(lang.locale());
        String aggregatedNote = summary.releases() <= POINTS_LIMIT ? null
                : msg.chartsAggregated(numbers.format(summary.releases()));
        Growth growth = growth(uri, growthFrom, measureParam, lang, msg, choices.years());
        labels.add(new Label("computeAxis", msg.computeAxis()));
        labels.add(new Label("growthAxis", growth.axis()));
        Overview page = new Overview(period.id(), msg.periodRange(DisplayText.month(period.from(), lang), DisplayText.month(period.to(), lang)),
                periods, period.from().toString(), period.to().toString(), filters, summary,
                filter.apiQuery(), labels, MAX_CHART_POINTS, POINTS_LIMIT, aggregatedNote, growth, json.write(aggregates));
        boolean epoch = stats.holdsEpochData(filter.filter())
                || stats.holdsEpochData(withFrom(DashboardFilter.of(null, uri.getQueryParameters()), growth.from().get(0)));
        String html = Templates.overview(chrome(uri, lang, msg, "overview", msg.overviewTitle(), epoch), page)
                .setLocale(lang.locale()).render();
        return page(html, langParam, lang);
    }

    private Growth growth(UriInfo uri, String growthFrom, String measureParam, Language lang, DashboardMessages msg, List<String> years) {
        CatalogQueries.Measure measure = "parameters".equals(measureParam) ? CatalogQueries.Measure.PARAMETERS
                : CatalogQueries.Measure.COMPUTE;
        String start = growthFrom != null && growthFrom.matches("\\d{4}") ? growthFrom : GROWTH_DEFAULT_START;
        List<Option> starts = new ArrayList<>();
        if (!years.contains(start)) {
            starts.add(new Option(start, start, true));
        }
        years.forEach(y -> starts.add(new Option(y, y, y.equals(start))));
        List<Option> measures = List.of(
                new Option("compute", msg.measureCompute(), measure == CatalogQueries.Measure.COMPUTE),
                new Option("parameters", msg.measureParameters(), measure == CatalogQueries.Measure.PARAMETERS));
        List<String> from = start.compareTo(GROWTH_SECOND_START) < 0 ? List.of(start, GROWTH_SECOND_START) : List.of(start);
        DashboardFilter choices = DashboardFilter.of(null, uri.getQueryParameters());
        List<String> statements = from.stream()
                .map(f -> growth.growth(withFrom(choices, f), measure, f, lang).text()).toList();
        boolean compute = measure == CatalogQueries.Measure.COMPUTE;
        return new Growth(compute ? "compute" : "parameters", compute ? msg.growthComputeTitle() : msg.growthParametersTitle(),
                compute ? msg.computeAxis() : msg.parametersAxis(), starts, measures, from, statements, choices.apiQuery());
    }

    private static ModelFilter withFrom(DashboardFilter choices, String from) {
        java.util.Map<String, List<String>> parameters = new java.util.LinkedHashMap<>(choices.parameters());
        parameters.put("from", List.of(from));
        return ModelFilter.parse(parameters, Set.of());
    }

    private static Select select(String name, String label, DashboardMessages msg, DashboardFilter filter, List<String> values,
                                 java.util.function.Function<String, String> text) {
        String selected = filter.selected(name);
        List<Option> options = new ArrayList<>();
        options.add(new Option("", msg.any(), selected.isEmpty()));
        for (String v : values) {
            options.add(new Option(v, text.apply(v), v.equals(selected)));
        }
        return new Select(name, label, options);
    }

    @GET
    @Path("catalog")
    @Operation(summary = "Dashboard: the catalog explorer: every filter of /api/v1/models with facet counts, search, sort, paging, export (HTML)")
    public Response catalog(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("lang") String langParam,
                            @QueryParam("sort") String sortParam, @QueryParam("after") String after) {
        Language lang = LanguageChoice.of(langParam, headers);
        DashboardMessages msg = DisplayText.messages(lang);
        CatalogPage page = catalogs.page(uri.getQueryParameters(), sortParam, after, lang, msg);
        boolean epoch = stats.holdsEpochData(ModelFilter.parse(CatalogExplorer.state(uri.getQueryParameters(), new ArrayList<>()), Set.of()));
        String html = Templates.catalog(chrome(uri, lang, msg, "catalog", msg.navCatalog(), epoch), page).setLocale(lang.locale()).render();
        return page(html, langParam, lang);
    }

    @GET
    @Path("models/{slug}")
    @Operation(summary = "Dashboard: one model with every field, its sources and its revisions (HTML)")
    public Response model(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("lang") String langParam,
                          @PathParam("slug") String slug) {
        Language lang = LanguageChoice.of(langParam, headers);
        DashboardMessages msg = DisplayText.messages(lang);
        ObjectNode view = reads.entry(slug).orElse(null);
        if (view == null) {
            String target = reads.redirect(slug).orElse(null);
            if (target != null) {
                return Response.status(308).location(URI.create("/models/" + target)).build();
            }
            String html = Templates.model(chrome(uri, lang, msg, "catalog", msg.notFound(), false), null).setLocale(lang.locale()).render();
            return Response.status(404).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        ModelPage model = ModelPageFields.page(view, reads, stats, lang, msg);
        boolean epoch = false;
        for (JsonNode tag : view.path("tags")) {
            epoch |= Credits.EPOCH_AI_TAG.equals(tag.asText());
        }
        String html = Templates.model(chrome(uri, lang, msg, "catalog", model.name(), epoch), model).setLocale(lang.locale()).render();
        return page(html, langParam, lang);
    }

    private static Chrome chrome(UriInfo uri, Language lang, DashboardMessages msg, String active, String title, boolean epochData) {
        StringBuilder link = new StringBuilder(uri.getPath()).append("?");
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("lang")) {
                values.forEach(v -> link.append(enc(name)).append('=').append(enc(v)).append('&'));
            }
        });
        link.append("lang=").append(lang.other().tag());
        Credit credit = epochData ? new Credit(msg.creditLead(), Credits.EPOCH_AI, "CC BY 4.0", Credits.EPOCH_AI_LICENCE) : null;
        return new Chrome(lang.tag(), msg.otherLanguageName(), link.toString(), active, title, credit);
    }

    private static Response page(String html, String langParam, Language lang) {
        Response.ResponseBuilder response = Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang.tag())
                // Content-Security-Policy and frame headers: PageHeaders, for every HTML answer.
                .header("Vary", "Accept-Language, Cookie");
        if (LanguageChoice.asked(langParam).isPresent()) {
            response.cookie(LanguageChoice.cookie(lang));
        }
        return response.build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
