package io.modelwatch.catalog.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.catalog.domain.DuplicateCandidates;
import io.modelwatch.catalog.service.DuplicateSuggestions;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Curators' duplicate suggestions: pairs of entries whose names are close but were not merged (issue 15). */
@Path("/api/v1/duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicatesResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final DuplicateSuggestions duplicates;

    public DuplicatesResource(DuplicateSuggestions duplicates) {
        this.duplicates = duplicates;
    }

    public record Side(String slug, String name) {
    }

    public record Suggestion(Side first, Side second, String reason, double score) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Admin: candidate duplicate pairs (close names the identity rule keeps apart), best score first",
            description = "Each pair has the reason (the same name without its parentheses, names a character or two apart) and a "
                    + "score (Jaro-Winkler similarity of the match keys). Merge with POST /api/v1/models/{slug}/merge, or dismiss "
                    + "with POST /api/v1/duplicates/dismissals. Nothing is merged on a guess.")
    public Map<String, Object> list(@QueryParam("limit") String limit) {
        int max = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > MAX_LIMIT) {
                throw new ProblemException(Problem.invalid("limit must be a whole number from 1 to " + MAX_LIMIT,
                        List.of(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT))));
            }
        }
        List<Suggestion> items = new ArrayList<>();
        for (DuplicateCandidates.Pair p : duplicates.suggestions(max)) {
            items.add(new Suggestion(new Side(p.first().slug(), p.first().name()), new Side(p.second().slug(), p.second().name()),
                    p.reason(), p.score()));
        }
        return Map.of("items", items);
    }

    public record Dismissal(String first, String second) {
    }

    @POST
    @Path("dismissals")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: dismiss a suggested pair ({\"first\": \"<slug>\", \"second\": \"<slug>\"}); it is not suggested again")
    public Response dismiss(Dismissal request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null || request.first() == null || request.first().isBlank()) {
            errors.add(new Problem.FieldError("first", "is required: the slug of one entry of the pair"));
        }
        if (request == null || request.second() == null || request.second().isBlank()) {
            errors.add(new Problem.FieldError("second", "is required: the slug of the other entry of the pair"));
        }
        if (errors.isEmpty() && request.first().strip().equals(request.second().strip())) {
            errors.add(new Problem.FieldError("second", "must be another entry than first"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("a dismissal names two different entries", errors));
        }
        String first = request.first().strip();
        String second = request.second().strip();
        boolean fresh = ModelResource.admin(() -> duplicates.dismiss(first, second));
        return Response.ok(Map.of("first", first, "second", second, "dismissed", true, "alreadyDismissed", !fresh)).build();
    }
}
