package io.modelwatch.admin;

import io.modelwatch.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admin endpoints ({@link AdminOnly}: the catalog's curation API, the digest's webhooks) need
 * {@code Authorization: Bearer <MODELWATCH_ADMIN_KEY>} (config {@code modelwatch.admin.key}): no or malformed credentials
 * are a 401, a wrong key (or no key configured: the admin API is then closed) a 403, both as problem details.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    private final Optional<String> adminKey;

    public AdminKeyFilter(@ConfigProperty(name = "modelwatch.admin.key") Optional<String> adminKey) {
        this.adminKey = adminKey.filter(k -> !k.isBlank());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            Response response = Problem.of(Response.Status.UNAUTHORIZED, "This endpoint needs 'Authorization: Bearer <admin key>'.").toResponse();
            request.abortWith(Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (adminKey.isEmpty() || !MessageDigest.isEqual(given, adminKey.get().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, adminKey.isEmpty()
                    ? "The admin API is closed: no MODELWATCH_ADMIN_KEY is configured."
                    : "The admin key is not valid.").toResponse());
        }
    }
}
