package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.config.IngestConfig.Role;
import io.modelwatch.ingest.service.Sha256;
import io.modelwatch.problem.Problem;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call needs {@code Authorization: Bearer <api key>}. Keys are configured per environment by
 * name, as SHA-256 hashes with a role; the presented key is hashed and looked up, so no key is kept.
 * Each key then takes a permit from its own rate limiter (SmallRye Fault Tolerance): 429 with
 * Retry-After when it has used its requests for the current window.
 */
@ApplicationScoped
public class ApiKeyFilter {

    private final Map<String, Caller> callersByHash = new HashMap<>();
    private final Map<String, Guard> rateLimits = new HashMap<>();

    public ApiKeyFilter(IngestConfig config) {
        config.keys().forEach((name, key) -> add(key.sha256().toLowerCase(Locale.ROOT), new Caller(name, key.role()),
                key.requests().orElse(config.rateLimit().requests()), config));
        config.apiKey().filter(key -> !key.isBlank()).ifPresent(key ->
                add(sha256Hex(key), new Caller(config.apiKeyName(), Role.ADMIN), config.rateLimit().requests(), config));
        if (callersByHash.isEmpty()) {
            throw new IllegalStateException("No API key is configured: set modelwatch.ingest.keys.\"<name>\".sha256 and .role,"
                    + " or MODELWATCH_API_KEY");
        }
    }

    private void add(String hash, Caller caller, int requests, IngestConfig config) {
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("The sha256 of API key '" + caller.name() + "' is not 64 hex digits");
        }
        callersByHash.put(hash, caller);
        rateLimits.put(caller.name(), Guard.create()
                .withDescription("rate limit of API key " + caller.name())
                .withRateLimit().limit(requests).window(config.rateLimit().window().toMillis(), ChronoUnit.MILLIS).done()
                .build());
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
        Caller caller = callersByHash.get(sha256Hex(header.substring(7).trim()));
        if (caller == null) {
            return Optional.of(unauthorized("The API key is not valid."));
        }
        try {
            rateLimits.get(caller.name()).get(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException e) {
            long seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
            return Optional.of(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS,
                            "The API key '" + caller.name() + "' has used its requests for now; retry in " + seconds + " s.")
                            .toResponse())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .build());
        }
        request.setProperty(Caller.PROPERTY, caller);
        return Optional.empty();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"modelwatch\"")
                .build();
    }

    private static String sha256Hex(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
