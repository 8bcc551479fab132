package io.modelwatch.digest.rest;

import io.modelwatch.digest.service.Digest;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.service.Language;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private final DigestService digests;

    public DigestResource(DigestService digests) {
        this.digests = digests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate a review of the releases published in a period")
    public Response create(DigestRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ProblemException(Problem.invalid("Send {\"from\", \"to\", \"language\"} as JSON.", null));
        }
        LocalDate from = date("from", request.from(), errors);
        LocalDate to = date("to", request.to(), errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new Problem.FieldError("to", "must not be before 'from' (" + from + ")"));
        }
        Language language = request.language() == null ? Language.EN : Language.of(request.language()).orElse(null);
        if (language == null) {
            errors.add(new Problem.FieldError("language", "'" + request.language() + "' is not one of: en, zh-CN"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The review request has bad fields.", errors));
        }
        Digest digest = digests.generate(from, to, language);
        return Response.created(URI.create("/api/v1/digests/" + digest.id())).entity(digest).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A generated review")
    public Digest get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return digests.find(uuid).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No review with id '" + id + "'."));
    }

    private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "'" + value + "' is not a date (YYYY-MM-DD)"));
            return null;
        }
    }
}
