package io.modelwatch.catalog.rest;

import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Dimension;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Statistics for the dashboard; every endpoint takes the filters of /api/v1/models. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private static final List<String> BY = List.of("month", "quarter", "year", "country", "organization", "modality",
            "accessibility", "kind", "tag");
    private static final List<String> PERIODS = List.of("month", "quarter", "year", "all");

    private final CatalogQueries queries;

    public StatsResource(CatalogQueries queries) {
        this.queries = queries;
    }

    public record Counts(String by, long total, List<CatalogQueries.Count> groups) {
    }

    public record ParameterStats(String period, List<CatalogQueries.Percentiles> groups) {
    }

    @GET
    @Path("releases/{by}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Entries per month, quarter, year, country, organization, modality, accessibility, kind or tag",
            description = "An entry counts once per key (a Chinese-American collaboration counts for CN and for US). key null: "
                    + "not stated, or, per month/quarter, a publication date known only to the year.")
    public Counts releases(@PathParam("by") String by, @Context UriInfo uri) {
        Dimension dimension = dimension(by, BY, "by");
        ModelFilter filter = ModelFilter.parse(uri.getQueryParameters(), Set.of());
        List<CatalogQueries.Count> groups = queries.count(filter, dimension);
        long total = queries.count(filter, Dimension.KIND).stream().mapToLong(CatalogQueries.Count::count).sum();
        return new Counts(by, total, groups);
    }

    @GET
    @Path("parameters/{period}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Parameter-count percentiles (p25, p50, p75, p90, min, max) per month, quarter or year, or over all matching entries (all), over disclosed counts")
    public ParameterStats parameters(@PathParam("period") String period, @Context UriInfo uri) {
        Dimension dimension = dimension(period, PERIODS, "period");
        ModelFilter filter = ModelFilter.parse(uri.getQueryParameters(), Set.of());
        return new ParameterStats(period, queries.parameterPercentiles(filter, dimension));
    }

    @GET
    @Operation(summary = "What statistics there are")
    public Map<String, List<String>> index() {
        List<String> paths = new ArrayList<>();
        BY.forEach(b -> paths.add("/api/v1/stats/releases/" + b));
        PERIODS.forEach(p -> paths.add("/api/v1/stats/parameters/" + p));
        return Map.of("endpoints", paths, "filters", ModelFilter.NAMES);
    }

    private static Dimension dimension(String value, List<String> allowed, String field) {
        if (!allowed.contains(value)) {
            throw new ProblemException(Problem.invalid(field + " is not valid", List.of(new Problem.FieldError(field,
                    "'" + value + "' is not one of: " + String.join(", ", allowed)))));
        }
        return Dimension.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
