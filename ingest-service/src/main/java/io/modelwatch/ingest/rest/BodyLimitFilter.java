package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * 413 as a problem document when the declared body is larger than the endpoint takes: a single announcement
 * and a batch have their own limits. (A chunked body over quarkus.http.limits.max-body-size is cut off by
 * the HTTP layer itself, with a bare 413.)
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long announcementLimit;
    private final long batchLimit;

    public BodyLimitFilter(IngestConfig config) {
        this.announcementLimit = config.maxAnnouncementSize().asLongValue();
        this.batchLimit = config.maxBatchSize().asLongValue();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !path.startsWith("/api/")) {
            return Optional.empty();
        }
        long limit = path.endsWith("/batch") ? batchLimit : announcementLimit;
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return Optional.of(tooLarge("The body has " + length.trim() + " bytes; this endpoint takes at most "
                            + limit + "."));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Response tooLarge(String detail) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, detail).toResponse();
    }
}
