package io.modelwatch.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.modelwatch.contract.validation.JsonErrors;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error of the REST layer into application/problem+json, so clients see one error shape
 * across all services: unreadable JSON, fields of the wrong type, JAX-RS errors (404, 405, 415, ...) and
 * a dependency that is away (503 with Retry-After, {@link TransientFailures}) and anything unexpected (500,
 * logged, without internals in the answer).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client waits after a 503 for an unavailable dependency: a database restart or failover. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e) {
        return Problem.invalid(JsonErrors.unreadable(e), null).toResponse();
    }

    /** Nesting too deep, a number or text too long (see {@link JsonReadLimits}): a 400, never a 500. */
    @ServerExceptionMapper
    public Response tooBig(StreamConstraintsException e) {
        return Problem.invalid(JsonErrors.unreadable(e), null).toResponse();
    }

    @ServerExceptionMapper
    public Response wrongShape(JsonMappingException e) {
        if (e.getCause() instanceof StreamConstraintsException tooBig) {
            return tooBig(tooBig);
        }
        return Problem.invalid("The body does not match the expected shape.",
                List.of(new Problem.FieldError(JsonErrors.field(e), JsonErrors.message(e)))).toResponse();
    }

    /** Declared on its own because Quarkus has a built-in mapper for exactly this type, which would win. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return wrongShape(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (e.getResponse().hasEntity() && e.getResponse().getMediaType() != null
                && Problem.MEDIA_TYPE.equals(e.getResponse().getMediaType().toString())) {
            return e.getResponse();
        }
        String detail = e.getMessage();
        if (e.getCause() instanceof JsonParseException json) {
            return unreadableJson(json);
        }
        if (e.getCause() instanceof StreamConstraintsException tooBig) {
            return tooBig(tooBig);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongShape(mapping);
        }
        Problem problem = status == null
                ? new Problem(java.net.URI.create("about:blank"), "Error", e.getResponse().getStatus(), detail, null, null)
                : Problem.of(status, detail);
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA).entity(problem);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e) {
        if (TransientFailures.isTransient(e)) {
            LOG.warnf("A dependency is unavailable while serving a request: %s", e);
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "A service this request needs is unavailable for a moment; nothing was changed. Retry later.")
                    .toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unexpected error while serving a request", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged.")
                .toResponse();
    }
}
