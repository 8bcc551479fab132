package io.modelwatch.ingest.rest;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.messaging.ReleasePublisher;
import io.modelwatch.ingest.service.AnnouncementNormalizer;
import io.modelwatch.problem.Problem;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.jboss.logging.Logger;

@Path("/api/v1/announcements")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "apiKey")
public class AnnouncementResource {

    private static final Logger LOG = Logger.getLogger(AnnouncementResource.class);

    private final AnnouncementNormalizer normalizer;
    private final ReleasePublisher publisher;
    private final IngestConfig config;

    public AnnouncementResource(AnnouncementNormalizer normalizer, ReleasePublisher publisher, IngestConfig config) {
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Announce a release",
            description = "Validated and normalised, then sent to the catalog. Answers once the broker has the event.")
    @APIResponse(responseCode = "202", description = "Accepted: the broker has the event",
            content = @Content(schema = @Schema(implementation = AnnouncementAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid announcement; every bad field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not take the event; retry after the given delay",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> announce(AnnouncementRequest request, @Context ContainerRequestContext context) {
        ReleaseAnnounced event = normalizer.normalize(request, (String) context.getProperty(ApiKeyFilter.PUBLISHER));
        String eventId = UUID.randomUUID().toString();
        return publisher.publish(eventId, event)
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(ignored -> Response.accepted(new AnnouncementAccepted(eventId, event.slug())).build())
                .onFailure().recoverWithItem(failure -> brokerUnavailable(eventId, failure));
    }

    private static Response brokerUnavailable(String eventId, Throwable failure) {
        LOG.warnf(failure, "Announcement %s was not acknowledged by the broker", eventId);
        String detail = failure instanceof TimeoutException
                ? "The event broker did not acknowledge the announcement in time; nothing was accepted. Retry later."
                : "The event broker refused the announcement; nothing was accepted. Retry later.";
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail).toResponse())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .build();
    }
}
