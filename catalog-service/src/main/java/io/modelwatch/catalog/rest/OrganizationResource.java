package io.modelwatch.catalog.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.service.CatalogAdmin;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.domain.OrganizationDirectory;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    static final List<String> CATEGORIES = List.of("industry", "academia", "government", "collaboration");

    private final CatalogQueries queries;
    private final CachedOrganizations organizations;
    private final CatalogAdmin catalog;

    public OrganizationResource(CatalogQueries queries, CachedOrganizations organizations, CatalogAdmin catalog) {
        this.queries = queries;
        this.organizations = organizations;
        this.catalog = catalog;
    }

    /** An organisation of the catalog; category and aliases come from the curated table (null/empty when not curated). */
    public record OrganizationView(String name, String country, String category, List<String> aliases, long models) {
    }

    public record OrganizationList(List<OrganizationView> items) {
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The organisations behind the entries (same filters as /api/v1/models), most entries first")
    public OrganizationList list(@Context UriInfo uri) {
        ModelFilter filter = ModelFilter.parse(uri.getQueryParameters(), Set.of());
        OrganizationDirectory directory = organizations.directory();
        List<OrganizationView> items = new ArrayList<>();
        for (CatalogQueries.OrganizationCount o : queries.organizations(filter)) {
            OrganizationDirectory.Curated curated = directory.find(o.name());
            items.add(new OrganizationView(o.name(), o.country(), curated == null ? null : curated.category(),
                    curated == null || curated.aliases() == null ? List.of() : curated.aliases().stream().sorted().toList(), o.models()));
        }
        return new OrganizationList(items);
    }

    public record AliasRequest(@PlainText @Size(max = Limits.ORGANIZATION_NAME) String alias,
                               @PlainText @Size(max = Limits.ORGANIZATION_NAME) String organization,
                               @Size(max = Limits.TERM) String country, @Size(max = Limits.TERM) String category) {
    }

    @POST
    @Path("aliases")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: another name of an organisation (the organisation is curated on the way, with an optional "
            + "country and category); entries that named it so are recomputed")
    public Response addAlias(AliasRequest request) {
        BodyCheck.valid(request);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null || request.alias() == null || request.alias().isBlank()) {
            errors.add(new Problem.FieldError("alias", "is required"));
        }
        if (request == null || request.organization() == null || request.organization().isBlank()) {
            errors.add(new Problem.FieldError("organization", "is required"));
        }
        String country = request == null || request.country() == null ? null : request.country().strip().toUpperCase(Locale.ROOT);
        if (country != null && !country.matches("[A-Z]{2}")) {
            errors.add(new Problem.FieldError("country", "'" + request.country() + "' is not an ISO 3166-1 alpha-2 code"));
        }
        String category = request == null || request.category() == null ? null : request.category().strip().toLowerCase(Locale.ROOT);
        if (category != null && !CATEGORIES.contains(category)) {
            errors.add(new Problem.FieldError("category", "'" + request.category() + "' is not one of: " + String.join(", ", CATEGORIES)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors.get(0).field() + " is not valid", errors));
        }
        int recomputed = ModelResource.admin(() -> catalog.addOrganizationAlias(request.alias(), request.organization(), country, category));
        return Response.ok(Map.of("alias", request.alias().strip(), "organization", request.organization().strip(),
                "entriesRecomputed", recomputed)).build();
    }
}
