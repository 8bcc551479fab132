package io.modelwatch.catalog.rest;

import io.modelwatch.catalog.service.CatalogService;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    static final int MAX_LIMIT = 500;

    private final CatalogService catalog;

    public ModelResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** A page of models and the cursor of the next page (null on the last one). */
    public record ModelPage(List<ModelChanged> items, String next) {
    }

    @GET
    @Operation(summary = "List catalog entries, ordered by slug, with cursor paging")
    public ModelPage list(@QueryParam("after") @Parameter(description = "the 'next' cursor of the previous page") String after,
                          @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(Problem.invalid("limit must be between 1 and " + MAX_LIMIT,
                    List.of(new Problem.FieldError("limit", "'" + limit + "' is out of range 1.." + MAX_LIMIT))));
        }
        List<ModelChanged> items = catalog.page(after, limit + 1);
        boolean more = items.size() > limit;
        List<ModelChanged> shown = more ? items.subList(0, limit) : items;
        return new ModelPage(shown, more ? shown.get(shown.size() - 1).slug() : null);
    }

    @GET
    @Path("{slug}")
    @Operation(summary = "One catalog entry")
    public ModelChanged get(@PathParam("slug") String slug) {
        return catalog.find(slug).orElseThrow(() -> new ProblemException(
                Problem.of(Response.Status.NOT_FOUND, "No model with slug '" + slug + "' in the catalog.")));
    }
}
