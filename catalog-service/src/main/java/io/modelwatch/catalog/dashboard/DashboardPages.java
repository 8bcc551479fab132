package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.CatalogQueries.Dimension;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.contract.Accessibility;
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

    /** What every page shares: language, the link to the other language, which tab is active. */
    public record Chrome(String lang, String otherLangName, String switchUrl, String active, String title) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Select(String name, String label, List<Option> options) {
    }

    public record Label(String key, String text) {
    }

    public record Overview(String period, String periodLabel, List<Option> periods, String from, String to, List<Select> filters,
                           DashboardStats.Summary summary, String apiQuery, List<Label> labels, int maxPoints,
                           String cappedNote) {
    }

    /** Entries the timeline and size charts draw at most: beyond, neither is readable, and the browser slows down. */
    static final int MAX_CHART_POINTS = 5000;

    public record Row(String slug, String name, String organisations, String published, String parameters, boolean undisclosed,
                      String kind, String accessibility) {
    }

    public record SortLink(String label, String href, String state) {
    }

    public record CatalogPage(String q, String sort, List<SortLink> columns, List<Row> rows, String nextHref, String firstHref) {
    }

    public record Field(String name, String label, String value) {
    }

    public record Statement(String value, String publisher, String confidence, String at, boolean shown) {
    }

    public record Provenance(String label, List<Statement> statements) {
    }

    public record Revision(long revision, String cause, String at) {
    }

    public record ModelPage(String slug, String name, String summary, List<Field> fields, List<Provenance> provenance,
                            List<Revision> revisions) {
    }

    private final DashboardStats stats;
    private final CatalogReads reads;

    public DashboardPages(DashboardStats stats, CatalogReads reads) {
        this.stats = stats;
        this.reads = reads;
    }

    @GET
    @Operation(summary = "Dashboard: overview of a period (HTML)")
    public Response overview(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("lang") String langParam,
                             @QueryParam("period") String periodId, @QueryParam("from") String from, @QueryParam("to") String to) {
        Language lang = LanguageChoice.of(langParam, headers);
        DashboardMessages msg = DisplayText.messages(lang);
        Period period = Period.resolve(periodId, from, to, stats.newestMonth());
        DashboardFilter filter = DashboardFilter.of(period, uri.getQueryParameters());

        List<Option> periods = new ArrayList<>();
        periods.add(new Option("last12", msg.periodLast12(), period.id().equals("last12")));
        for (String year : stats.years()) {
            periods.add(new Option(year, year, period.id().equals(year)));
            periods.add(new Option(year + "-H2", msg.periodSecondHalf(year), period.id().equals(year + "-H2")));
            periods.add(new Option(year + "-H1", msg.periodFirstHalf(year), period.id().equals(year + "-H1")));
        }
        periods.add(new Option("custom", msg.periodCustom(), period.id().equals("custom")));

        List<Select> filters = List.of(
                select("kind", msg.kind(), msg, filter, Arrays.stream(Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList(),
                        msg::kindName),
                select("country", msg.country(), msg, filter, stats.keys(Dimension.COUNTRY, 60), c -> DisplayText.country(c, lang)),
                select("modality", msg.modality(), msg, filter, stats.keys(Dimension.MODALITY, 30), msg::modalityName),
                select("accessibility", msg.accessibility(), msg, filter, Arrays.stream(Accessibility.values())
                        .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList(), msg::accessibilityName),
                select("tag", msg.tag(), msg, filter, stats.keys(Dimension.TAG, 40), t -> t));

        List<Label> labels = new ArrayList<>();
        labels.add(new Label("undisclosed", msg.undisclosed()));
        labels.add(new Label("china", msg.china()));
        labels.add(new Label("elsewhere", msg.elsewhere()));
        labels.add(new Label("median", msg.medianPerMonth()));
        labels.add(new Label("new", msg.newBadge()));
        labels.add(new Label("empty", msg.empty()));
        labels.add(new Label("gpt3", "GPT-3 (" + ParameterCountFormatter.format(175_000_000_000L, lang.locale()) + ")"));
        for (Kind k : Kind.values()) {
            labels.add(new Label("kind:" + k.name().toLowerCase(Locale.ROOT), msg.kindName(k.name().toLowerCase(Locale.ROOT))));
        }
        for (Accessibility a : Accessibility.values()) {
            String key = a.name().toLowerCase(Locale.ROOT).replace('_', '-');
            labels.add(new Label("accessibility:" + key, msg.accessibilityName(key)));
        }
        for (String m : stats.keys(Dimension.MODALITY, 30)) {
            labels.add(new Label("modality:" + m, msg.modalityName(m)));
        }
        for (String c : stats.keys(Dimension.COUNTRY, 60)) {
            labels.add(new Label("country:" + c, DisplayText.country(c, lang)));
        }
        labels.add(new Label("country:", msg.unknown()));
        // Tick labels of the log-scale size axis, formatted by the same formatter as every other count.
        for (long v = 1_000L; v <= 100_000_000_000_000L; v *= 10) {
            labels.add(new Label("tick:" + v, ParameterCountFormatter.format(v, lang.locale())));
        }
        for (int m = 1; m <= 12; m++) {
            labels.add(new Label("month:" + m, lang.chinese() ? m + "月"
                    : java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)));
        }

        DashboardStats.Summary summary = stats.summary(filter.filter(), lang);
        java.text.NumberFormat numbers = java.text.NumberFormat.getIntegerInstance(lang.locale());
        // The charts draw at most MAX_CHART_POINTS entries (oldest first); beyond, the page says so.
        String cappedNote = summary.releases() <= MAX_CHART_POINTS ? null
                : msg.chartsCapped(numbers.format(MAX_CHART_POINTS), numbers.format(summary.releases()));
        Overview page = new Overview(period.id(), msg.periodRange(DisplayText.month(period.from(), lang), DisplayText.month(period.to(), lang)),
                periods, period.from().toString(), period.to().toString(), filters, summary,
                filter.apiQuery(), labels, MAX_CHART_POINTS, cappedNote);
        String html = Templates.overview(chrome(uri, lang, msg, "overview", msg.overviewTitle()), page).setLocale(lang.locale()).render();
        return page(html, langParam, lang);
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

    private static final List<String> SORTS = List.of("name", "published", "parameters");

    @GET
    @Path("catalog")
    @Operation(summary = "Dashboard: the catalog, searchable, sortable, paged (HTML)")
    public Response catalog(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("lang") String langParam,
                            @QueryParam("q") String q, @QueryParam("sort") String sortParam, @QueryParam("after") String after) {
        Language lang = LanguageChoice.of(langParam, headers);
        DashboardMessages msg = DisplayText.messages(lang);
        String sort = sortParam != null && List.of("name", "-published", "published", "parameters", "-parameters").contains(sortParam)
                ? sortParam : "-published";
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        if (q != null && !q.isBlank()) {
            query.putSingle("q", q.strip());
        }
        ModelFilter filter = ModelFilter.parse(query, Set.of());
        // a stale cursor: back to the first page
        Position position = after == null ? null : CatalogReads.position(after).orElse(null);
        CatalogReads.Page result = reads.page(filter, Sort.named(sort).orElseThrow(), position, 50);
        List<Row> rows = new ArrayList<>();
        for (JsonNode item : result.items()) {
            ModelChanged m = reads.snapshot(item);
            rows.add(new Row(m.slug(), m.name(), DisplayText.json("organizations", item.get("organizations"), lang),
                    DisplayText.published(m.published(), lang), DisplayText.parameters(m.parameters(), lang), m.parameters() == null,
                    m.kind() == null ? "" : msg.kindName(m.kind().name().toLowerCase(Locale.ROOT)),
                    m.accessibility() == null ? "" : msg.accessibilityName(m.accessibility().name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        }
        String base = "/catalog?" + (q == null || q.isBlank() ? "" : "q=" + enc(q.strip()) + "&");
        List<SortLink> columns = new ArrayList<>();
        columns.add(sortLink(msg.name(), "name", sort, base));
        columns.add(new SortLink(msg.organisationsColumn(), null, null));
        columns.add(sortLink(msg.published(), "published", sort, base));
        columns.add(sortLink(msg.parameters(), "parameters", sort, base));
        columns.add(new SortLink(msg.kind(), null, null));
        columns.add(new SortLink(msg.accessibility(), null, null));
        CatalogPage page = new CatalogPage(q == null ? "" : q, sort, columns, rows,
                result.next() == null ? null : base + "sort=" + enc(sort) + "&after=" + enc(CatalogReads.cursor(result.next())),
                after == null ? null : base + "sort=" + enc(sort));
        String html = Templates.catalog(chrome(uri, lang, msg, "catalog", msg.navCatalog()), page).setLocale(lang.locale()).render();
        return page(html, langParam, lang);
    }

    private static SortLink sortLink(String label, String column, String sort, String base) {
        String state = sort.equals(column) ? "ascending" : sort.equals("-" + column) ? "descending" : "none";
        String next = state.equals("ascending") || (state.equals("none") && !column.equals("name")) ? "-" + column : column;
        if (column.equals("name")) {
            next = "name";
        }
        return new SortLink(label, base + "sort=" + enc(next), state);
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
            String html = Templates.model(chrome(uri, lang, msg, "catalog", msg.notFound()), null).setLocale(lang.locale()).render();
            return Response.status(404).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        List<Field> fields = ModelPageFields.fields(view, lang, msg);
        List<Provenance> provenance = ModelPageFields.provenance(view, lang, msg);
        List<Revision> revisions = new ArrayList<>();
        reads.revisions(view.path("slug").asText(slug), null, 50)
                .forEach(r -> revisions.add(new Revision(r.revision(), r.cause(), DisplayText.instant(r.at(), lang))));
        JsonNode summary = view.path("summary");
        String summaryText = lang.chinese() ? summary.path("zh").asText(summary.path("en").asText(""))
                : summary.path("en").asText(summary.path("zh").asText(""));
        String name = view.path("name").asText(slug);
        ModelPage model = new ModelPage(view.path("slug").asText(slug), name, summaryText, fields, provenance, revisions);
        String html = Templates.model(chrome(uri, lang, msg, "catalog", name), model).setLocale(lang.locale()).render();
        return page(html, langParam, lang);
    }

    private static Chrome chrome(UriInfo uri, Language lang, DashboardMessages msg, String active, String title) {
        StringBuilder link = new StringBuilder(uri.getPath()).append("?");
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("lang")) {
                values.forEach(v -> link.append(enc(name)).append('=').append(enc(v)).append('&'));
            }
        });
        link.append("lang=").append(lang.other().tag());
        return new Chrome(lang.tag(), msg.otherLanguageName(), link.toString(), active, title);
    }

    private static Response page(String html, String langParam, Language lang) {
        Response.ResponseBuilder response = Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang.tag())
                .header("Vary", "Accept-Language, Cookie")
                // The pages run no inline script and load nothing from elsewhere.
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'");
        if (LanguageChoice.asked(langParam).isPresent()) {
            response.cookie(LanguageChoice.cookie(lang));
        }
        return response.build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
