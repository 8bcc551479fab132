package io.modelwatch.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} names each bad field of a request (a JSON pointer-like
 * path and what is wrong with it), so a client can fix all of them in one go.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /** One bad field: {@code field} is the path in the request body, such as {@code organizations[0].name}. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem(URI.create("about:blank"), status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(URI.create("https://modelwatch.io/problems/invalid-request"), "Invalid request",
                400, detail, null, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
