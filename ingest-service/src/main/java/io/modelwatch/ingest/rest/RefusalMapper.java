package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.FieldError;
import io.modelwatch.ingest.service.Refusal;
import io.modelwatch.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers the service's refusals as problem documents: each reason with its status and problem type, the refusal's
 * detail and bad fields as they are; a 503 with Retry-After.
 */
public class RefusalMapper {

    /** What a client is told to wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final URI KEY_REUSED = URI.create("https://modelwatch.io/problems/idempotency-key-reused");
    private static final URI KEY_IN_USE = URI.create("https://modelwatch.io/problems/idempotency-key-in-use");

    @ServerExceptionMapper
    public Response refused(Refusal refusal) {
        return response(refusal);
    }

    static Response response(Refusal refusal) {
        return withRetryAfter(problem(refusal));
    }

    static Problem problem(Refusal refusal) {
        String detail = refusal.detail();
        return switch (refusal.reason()) {
            case INVALID -> Problem.invalid(detail, fieldErrors(refusal.errors()));
            case NOT_FOUND -> Problem.of(Response.Status.NOT_FOUND, detail);
            case FORBIDDEN -> Problem.of(Response.Status.FORBIDDEN, detail);
            case CONFLICT -> Problem.of(Response.Status.CONFLICT, detail);
            case IDEMPOTENCY_KEY_REUSED -> new Problem(KEY_REUSED, "Idempotency-Key reused", 409, detail, null, null);
            case IDEMPOTENCY_KEY_IN_USE -> new Problem(KEY_IN_USE, "Idempotency-Key in use", 409, detail, null, null);
            case TOO_LARGE -> Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, detail);
            case BROKER_UNAVAILABLE -> Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail);
        };
    }

    static Response withRetryAfter(Problem problem) {
        Response response = problem.toResponse();
        return problem.status() == 503
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build()
                : response;
    }

    /** The service's field errors as the problem document names them; null stays null. */
    static List<Problem.FieldError> fieldErrors(List<FieldError> errors) {
        return errors == null ? null : errors.stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList();
    }
}
