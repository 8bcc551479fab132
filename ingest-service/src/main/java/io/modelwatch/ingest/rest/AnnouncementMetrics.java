package io.modelwatch.ingest.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts announcements by what the publisher was answered, in one place for every way a request can end (the
 * resource, the problem mappers, the API-key and body-size filters, which answer before the resource):
 * <ul>
 * <li>{@code modelwatch.announcements.accepted} [modelwatch_announcements_accepted_total], by {@code endpoint}
 * ({@code single}, {@code batch}): one per announcement the broker acknowledged, so one per accepted line of a batch;</li>
 * <li>{@code modelwatch.announcements.rejected} [modelwatch_announcements_rejected_total], by {@code endpoint} and
 * {@code reason}: one per refused request, and one per refused line of a batch that was answered line by line.</li>
 * </ul>
 * Reasons: validation (400), auth (401), forbidden (403), conflict (409, Idempotency-Key), too-large (413),
 * unsupported-type (415), rate-limit (429), broker-unavailable (503), client-error and server-error otherwise.
 * A body over quarkus.http.limits.max-body-size is cut off by the HTTP layer before any filter and is not counted.
 */
@ApplicationScoped
public class AnnouncementMetrics {

    static final String ACCEPTED = "modelwatch.announcements.accepted";
    static final String REJECTED = "modelwatch.announcements.rejected";
    private static final String PATH = "/api/v1/announcements";

    private final MeterRegistry registry;
    // present from the start, at 0; kept, not looked up by name and tags on every request
    private final Counter acceptedSingle;
    private final Counter acceptedBatch;

    public AnnouncementMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.acceptedSingle = registry.counter(ACCEPTED, "endpoint", "single");
        this.acceptedBatch = registry.counter(ACCEPTED, "endpoint", "batch");
    }

    private Counter accepted(String endpoint) {
        return endpoint.equals("single") ? acceptedSingle : acceptedBatch;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String endpoint = path.equals(PATH) || path.equals(PATH + "/") ? "single"
                : path.equals(PATH + "/batch") ? "batch" : null;
        if (endpoint == null) {
            return; // retractions and feeds are not announcements
        }
        int status = response.getStatus();
        if (status == 202) {
            accepted(endpoint).increment();
        } else if (status == 200 && response.getEntity() instanceof BatchReport report) {
            accepted(endpoint).increment(report.accepted());
            for (BatchReport.Line line : report.results()) {
                if (line.status() != 202) {
                    rejected(endpoint, line.status());
                }
            }
        } else if (status >= 400) {
            rejected(endpoint, status);
        }
    }

    /** One line of a streamed batch report (its entity is not a BatchReport, so {@link #count} leaves it to the stream). */
    void streamedLine(int status) {
        if (status == 202) {
            acceptedBatch.increment();
        } else {
            rejected("batch", status);
        }
    }

    private void rejected(String endpoint, int status) {
        registry.counter(REJECTED, "endpoint", endpoint, "reason", reason(status)).increment();
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "validation";
            case 401 -> "auth";
            case 403 -> "forbidden";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 415 -> "unsupported-type";
            case 429 -> "rate-limit";
            case 503 -> "broker-unavailable";
            default -> status >= 500 ? "server-error" : "client-error";
        };
    }
}
