package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every publisher API call needs {@code Authorization: Bearer <api key>}. Keys are compared by their
 * SHA-256 hash in constant time, so the key itself is not kept and timing reveals nothing.
 */
@ApplicationScoped
public class ApiKeyFilter {

    public static final String PUBLISHER = "modelwatch.publisher";

    private final byte[] keyHash;
    private final String keyName;

    public ApiKeyFilter(IngestConfig config) {
        this.keyHash = sha256(config.apiKey());
        this.keyName = config.apiKeyName();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("Send your API key as 'Authorization: Bearer <key>'."));
        }
        if (!MessageDigest.isEqual(keyHash, sha256(header.substring(7).trim()))) {
            return Optional.of(unauthorized("The API key is not valid."));
        }
        request.setProperty(PUBLISHER, keyName);
        return Optional.empty();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"modelwatch\"")
                .build();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
