package io.modelwatch.catalog.dashboard;

import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.catalog.domain.InvalidQuery.ParameterError;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.compute.TrainingComputeFormatter;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dashboard's two statistics beyond /api/v1/stats/releases and /parameters; same filters. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardStatsResource {

    static final int MAX_POINTS = 1000;

    private final DashboardStats stats;
    private final CatalogQueries queries;
    private final JsonDocuments json;
    private final DashboardGrowth growth;

    public DashboardStatsResource(DashboardStats stats, CatalogQueries queries, JsonDocuments json, DashboardGrowth growth) {
        this.stats = stats;
        this.queries = queries;
        this.json = json;
        this.growth = growth;
    }

    @GET
    @Path("growth")
    @Operation(summary = "How fast training compute or parameters grow: a log-linear fit with a 90 % bootstrap interval",
            description = "measure: compute (default) or parameters; from: the start of the fit (YYYY, YYYY-MM or YYYY-MM-DD; "
                    + "absent: every dated entry); the other filters of /api/v1/models; lang for the statement. Fits the "
                    + "matching entries that have the measure and a publication date. perYear: the factor per year; "
                    + "doublingMonths: null when it does not grow; doublingInterval: null when the interval includes no "
                    + "growth; from/to: the first and last dates fitted. Fewer than 3 points: n, and nulls.")
    public DashboardGrowth.Growth growth(@Context UriInfo uri) {
        List<ParameterError> errors = new java.util.ArrayList<>();
        String name = ModelFilter.single(uri.getQueryParameters(), "measure", errors);
        CatalogQueries.Measure measure = name == null || name.equals("compute") ? CatalogQueries.Measure.COMPUTE
                : name.equals("parameters") ? CatalogQueries.Measure.PARAMETERS : null;
        if (measure == null) {
            errors.add(new ParameterError("measure", "'" + name + "' is not one of: compute, parameters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQuery("measure is not valid", errors);
        }
        ModelFilter filter = filter(uri, Set.of("lang", "measure"));
        return growth.growth(filter, measure, uri.getQueryParameters().getFirst("from"), lang(uri));
    }

    @GET
    @Path("summary")
    @Operation(summary = "Headline figures: entries, organisations, countries, share with open weights, median disclosed parameter count",
            description = "Takes the filters of /api/v1/models, and lang (en or zh-CN) for the formatted figures.")
    public DashboardStats.Summary summary(@Context UriInfo uri) {
        return stats.summary(filter(uri, Set.of("lang")), lang(uri));
    }

    @GET
    @Path("overview")
    @Operation(summary = "Everything the dashboard overview draws from aggregates, in one query",
            description = "Takes the filters of /api/v1/models, and lang (en or zh-CN) for the formatted figures. summary: as "
                    + "/api/v1/stats/summary; breakdowns.{country,organization,modality,accessibility}: as "
                    + "/api/v1/stats/releases/{by}; parameters: as /api/v1/stats/parameters/month; timeline: releases per "
                    + "month ('YYYY-MM', or 'YYYY' for a date known only to the year) and region (china: an organisation in CN), "
                    + "by key.")
    public DashboardStats.Overview overview(@Context UriInfo uri) {
        return stats.overview(filter(uri, Set.of("lang")), lang(uri));
    }

    /**
     * One entry as a chart (or a live table row) draws it. parametersText: formatted for the language, null when
     * undisclosed; displayName: the name a reader of the language sees (a Chinese alias on zh); the *Text fields are
     * the values in the language's words; precision: year, month or day (null when undated); trainingCompute: FLOP,
     * null when undisclosed, and its text as the model page writes it (3.8×10²⁵).
     */
    public record Point(String slug, String name, String displayName, String kind, String published, String precision,
                        String month, List<String> countries, boolean china, List<String> organizations, Long parameters,
                        String parametersText, String accessibility, String publishedText, String kindText,
                        String accessibilityText, String undisclosedText, Double trainingCompute, String trainingComputeText) {
    }

    public record Points(List<Point> items, String next) {
    }

    @GET
    @Path("points")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The matching entries as chart points (oldest first, cursor-paged like /api/v1/models)",
            description = "Takes the filters of /api/v1/models, after, limit (1.." + MAX_POINTS + ", default 500) and lang.")
    public Points points(@Context UriInfo uri, @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        ModelFilter filter = filter(uri, Set.of("lang", "after", "limit"));
        int size = limit == null ? 500 : limit;
        if (size < 1 || size > MAX_POINTS) {
            throw new ProblemException(Problem.invalid("limit is not valid",
                    List.of(new Problem.FieldError("limit", "'" + size + "' is out of range 1.." + MAX_POINTS))));
        }
        Position position = after == null ? null : CatalogReads.position(after, Sort.PUBLISHED).orElseThrow(() -> new ProblemException(
                Problem.invalid("after is not valid", List.of(new Problem.FieldError("after", "is not a cursor this list gave out")))));
        List<CatalogQueries.Row> rows = queries.page(filter, Sort.PUBLISHED, position, size + 1);
        boolean more = rows.size() > size;
        List<CatalogQueries.Row> shown = more ? rows.subList(0, size) : rows;
        Language lang = lang(uri);
        List<Point> items = shown.stream().map(r -> point(json.read(r.snapshotJson(), ModelChanged.class), lang)).toList();
        return new Points(items, more ? CatalogReads.cursor(shown.get(shown.size() - 1).position()) : null);
    }

    static Point point(ModelChanged m, Language lang) {
        List<String> countries = m.organizations() == null ? List.of() : m.organizations().stream().flatMap(o -> o.countries().stream())
                .filter(c -> c != null).distinct().toList();
        String published = m.published() == null ? null : m.published().value();
        String month = published == null || published.length() < 7 ? null : published.substring(0, 7);
        Long parameters = m.parameters() == null ? null : m.parameters().value();
        DashboardMessages msg = DisplayText.messages(lang);
        String kind = m.kind() == null ? null : m.kind().name().toLowerCase(java.util.Locale.ROOT);
        String accessibility = m.accessibility() == null ? null : m.accessibility().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String chineseName = lang.chinese() ? CatalogExplorer.chineseName(m) : null;
        List<String> organizations = m.organizations() == null ? List.of() : m.organizations().stream().map(Organization::name).toList();
        return new Point(m.slug(), m.name(), chineseName == null ? m.name() : chineseName, kind,
                published, m.published() == null ? null : m.published().precision().name().toLowerCase(java.util.Locale.ROOT),
                month, countries, countries.contains("CN"), organizations, parameters,
                m.parameters() == null ? null : ParameterCountFormatter.format(m.parameters(), lang.locale()), accessibility,
                DisplayText.published(m.published(), lang), kind == null ? null : msg.kindName(kind),
                accessibility == null ? null : msg.accessibilityName(accessibility), msg.undisclosed(),
                m.trainingCompute() == null ? null : m.trainingCompute().value(),
                m.trainingCompute() == null ? null : TrainingComputeFormatter.format(m.trainingCompute(), lang));
    }

    private static ModelFilter filter(UriInfo uri, Set<String> own) {
        return ModelFilter.parse(uri.getQueryParameters(), own);
    }

    private static Language lang(UriInfo uri) {
        return LanguageChoice.askedOrEnglish(uri.getQueryParameters().getFirst("lang"));
    }
}
