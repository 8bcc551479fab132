package io.modelwatch.catalog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.apikeys.Roles;
import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.catalog.domain.InvalidQuery.ParameterError;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.service.AdminConflict;
import io.modelwatch.catalog.service.CatalogAdmin;
import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import io.modelwatch.problem.BodyCheck;
import io.modelwatch.problem.Problem;
import jakarta.validation.constraints.Size;
import io.modelwatch.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    static final int MAX_LIMIT = 500;
    private static final Set<String> PAGING = Set.of("after", "limit", "sort");

    private final CatalogReads reads;
    private final CatalogAdmin catalog;

    public ModelResource(CatalogReads reads, CatalogAdmin catalog) {
        this.reads = reads;
        this.catalog = catalog;
    }

    /** A page of entries and the cursor of the next page (null on the last one). */
    public record ModelPage(List<JsonNode> items, String next) {
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "List catalog entries: filters, sort, cursor paging",
            description = "Filters: q (names, aliases, organisations, summaries; any language), kind, organization, country, modality, "
                    + "accessibility, tag (repeat or comma-separate for 'any of'), from, to (YYYY, YYYY-MM or YYYY-MM-DD, on the "
                    + "publication date's first day), minParameters, maxParameters (1000000, 11B, 62亿), minCompute, maxCompute (training FLOP: 1e24, 3.8×10^25). sort: slug (default), name, "
                    + "published, -published, parameters, -parameters; undated and undisclosed entries come last. Paging: pass the "
                    + "page's 'next' as 'after'. Unknown parameters and malformed values are a 400.")
    public ModelPage list(@Context UriInfo uri,
                          @Parameter(description = "the 'next' cursor of the previous page") @jakarta.ws.rs.QueryParam("after") String after,
                          @jakarta.ws.rs.QueryParam("limit") String limitText,
                          @jakarta.ws.rs.QueryParam("sort") String sortText) {
        ModelFilter filter = ModelFilter.parse(uri.getQueryParameters(), PAGING);
        List<ParameterError> errors = new ArrayList<>();
        for (String once : List.of("limit", "sort", "after")) {
            ModelFilter.single(uri.getQueryParameters(), once, errors); // given twice: a 400, not the first one silently
        }
        int limit = 50;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
                if (limit < 1 || limit > MAX_LIMIT) {
                    errors.add(new ParameterError("limit", "'" + limit + "' is out of range 1.." + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new ParameterError("limit", "'" + limitText + "' is not a number"));
            }
        }
        Sort sort = Sort.SLUG;
        if (sortText != null) {
            sort = Sort.named(sortText.strip()).orElse(null);
            if (sort == null) {
                errors.add(new ParameterError("sort", "'" + sortText + "' is not one of: " + String.join(", ", Sort.NAMES)));
            }
        }
        Position position = null;
        if (after != null && sort != null) {
            position = sort == Sort.SLUG ? new Position(after, after) : decode(after, sort, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidQuery(errors.get(0).field() + " is not valid", errors);
        }
        CatalogReads.Page page = reads.page(filter, sort, position, limit);
        Position last = page.next();
        // The default order keeps the plain slug as its cursor; other orders need the sort key too.
        String next = last == null ? null : sort == Sort.SLUG ? last.slug() : CatalogReads.cursor(last);
        return new ModelPage(List.copyOf(page.items()), next);
    }

    /** The position of a cursor, checked before it reaches SQL: its key must be of the sort's type (a cast there is a 500). */
    private static Position decode(String cursor, Sort sort, List<ParameterError> errors) {
        Optional<Position> position = CatalogReads.position(cursor, sort);
        if (position.isEmpty()) {
            errors.add(new ParameterError("after", "is not a cursor this list gave out (use the 'next' of the previous page, with the same sort)"));
        }
        return position.orElse(null);
    }

    @GET
    @Path("{slug}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "One catalog entry, with the provenance of every field",
            description = "provenance: per field, every value a source stated, best-ranked first, and which one is shown. "
                    + "Policy: higher confidence first, then the more recent statement, then the event id. A merged-away slug "
                    + "answers 308 with the survivor's address.")
    public Response get(@PathParam("slug") String slug) {
        ObjectNode view = reads.entry(slug).orElse(null);
        if (view == null) {
            return redirectOrNotFound(slug, "");
        }
        return Response.ok(view).build();
    }

    public record RevisionView(long revision, String cause, String eventId, java.time.Instant at, JsonNode snapshot) {
    }

    public record RevisionPage(List<RevisionView> items, String next) {
    }

    @GET
    @Path("{slug}/revisions")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The revisions of an entry, newest first: what caused each one and the snapshot after it (null: deleted)")
    public Response revisions(@PathParam("slug") String slug, @jakarta.ws.rs.QueryParam("before") Long before,
                              @jakarta.ws.rs.QueryParam("limit") @jakarta.ws.rs.DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(Problem.invalid("limit is not valid",
                    List.of(new Problem.FieldError("limit", "'" + limit + "' is out of range 1.." + MAX_LIMIT))));
        }
        List<CatalogReads.Revision> rows = reads.revisions(slug, before, limit + 1);
        if (rows.isEmpty() && before == null) {
            throw notFound(slug);
        }
        boolean more = rows.size() > limit;
        List<CatalogReads.Revision> shown = more ? rows.subList(0, limit) : rows;
        List<RevisionView> items = shown.stream().map(r -> new RevisionView(r.revision(), r.cause(), r.eventId(), r.at(), r.snapshot()))
                .toList();
        return Response.ok(new RevisionPage(items, more ? Long.toString(shown.get(shown.size() - 1).revision()) : null)).build();
    }

    public record AliasRequest(@PlainText @Size(max = Limits.NAME) String name) {
    }

    @POST
    @Path("{slug}/aliases")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: another name of this entry; announcements under that name (any spelling with the same match key) land here")
    public Response addAlias(@PathParam("slug") String slug, AliasRequest request) {
        BodyCheck.valid(request);
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ProblemException(Problem.invalid("name is required", List.of(new Problem.FieldError("name", "is required"))));
        }
        long revision = admin(() -> catalog.addModelAlias(slug, request.name()));
        return Response.ok(Map.of("slug", slug, "alias", request.name().strip(), "revision", revision)).build();
    }

    public record MergeRequest(@PlainText @Size(max = Limits.NAME * 4) String into) {
    }

    @POST
    @Path("{slug}/merge")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: merge this entry into another ({\"into\": \"<slug>\"}); this slug then redirects there and a tombstone is published")
    public Response merge(@PathParam("slug") String slug, MergeRequest request) {
        BodyCheck.valid(request);
        if (request == null || request.into() == null || request.into().isBlank()) {
            throw new ProblemException(Problem.invalid("into is required",
                    List.of(new Problem.FieldError("into", "is required: the slug of the entry that stays"))));
        }
        long revision = admin(() -> catalog.merge(slug, request.into().strip()));
        return Response.ok(Map.of("merged", slug, "into", request.into().strip(), "revision", revision)).build();
    }

    static <T> T admin(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (AdminConflict e) {
            throw new ProblemException(Problem.of(e.notFound ? Response.Status.NOT_FOUND : Response.Status.CONFLICT, e.getMessage()));
        }
    }

    private Response redirectOrNotFound(String slug, String suffix) {
        String target = reads.redirect(slug).orElse(null);
        if (target != null) {
            return Response.status(308).location(URI.create("/api/v1/models/" + target + suffix)).build();
        }
        throw notFound(slug);
    }

    private static ProblemException notFound(String slug) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No model with slug '" + slug + "' in the catalog."));
    }
}
