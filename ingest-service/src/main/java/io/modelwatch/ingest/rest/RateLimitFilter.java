package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.problem.ProblemException;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Each API key takes a permit from its own rate limiter (SmallRye Fault Tolerance) for every API call: 429 with
 * Retry-After when it has used its requests for the current window. Runs after Quarkus Security has checked the key
 * (the endpoints need one), keyed by the key's name; the limit is the key's own {@code requests} or the default.
 */
@ApplicationScoped
public class RateLimitFilter {

    private final IngestConfig config;
    private final Map<String, Guard> limits = new ConcurrentHashMap<>();

    public RateLimitFilter(IngestConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> limit(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String name = caller.getName();
        try {
            limits.computeIfAbsent(name, this::limitOf).get(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException e) {
            return Optional.of(ProblemException.tooManyRequests("The API key '" + name + "' has used its requests for now",
                    e.getRetryAfterMillis()).toResponse());
        }
        return Optional.empty();
    }

    private Guard limitOf(String name) {
        IngestConfig.ApiKey key = config.keys().get(name);
        int requests = key == null ? config.rateLimit().requests() : key.requests().orElse(config.rateLimit().requests());
        return Guard.create()
                .withDescription("rate limit of API key " + name)
                .withRateLimit().limit(requests).window(config.rateLimit().window().toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }
}
