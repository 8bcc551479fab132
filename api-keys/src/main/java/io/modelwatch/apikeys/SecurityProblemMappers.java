package io.modelwatch.apikeys;

import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus Security's refusals as problem documents (Quarkus' own mappers answer without a body): 401 with
 * {@code WWW-Authenticate: Bearer} for a missing key, and with {@code error="invalid_token"} (RFC 6750) for a key that is
 * not configured; 403 for a key without the role an endpoint needs, or when the API is closed.
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper
    public Response noKey(UnauthorizedException e) {
        return unauthorized("Send your API key as 'Authorization: Bearer <key>'.", BearerKeyMechanism.SCHEME);
    }

    @ServerExceptionMapper
    public Response invalidKey(AuthenticationFailedException e) {
        if (e.getCause() instanceof WrongKeyThrottle.Throttled throttled) {
            return ProblemException.tooManyRequests("Too many wrong API keys from this client",
                    throttled.retryAfterSeconds() * 1000).toResponse();
        }
        return unauthorized("The API key is not valid.", BearerKeyMechanism.SCHEME + " error=\"invalid_token\"");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        String detail = e.getMessage();
        if (detail == null) {
            Principal caller = request.getSecurityContext().getUserPrincipal();
            detail = "The API key '" + (caller == null ? "" : caller.getName()) + "' may not do this: it needs an admin key.";
        }
        return Problem.of(Response.Status.FORBIDDEN, detail).toResponse();
    }

    private static Response unauthorized(String detail, String challenge) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }
}
