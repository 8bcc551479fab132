package io.modelwatch.ingest.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.ingest.api.FeedRegistration;
import io.modelwatch.ingest.api.FeedView;
import io.modelwatch.ingest.api.PollResult;
import io.modelwatch.ingest.service.FeedPoller;
import io.modelwatch.ingest.service.FeedService;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admins register the feeds ingest polls, and see how polling goes. Every call needs an admin key. */
@Path("/api/v1/feeds")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No API key, or not a valid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an admin key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "This API key has used its requests for the current window (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FeedResource {

    private final FeedService feeds;
    private final FeedPoller poller;

    public FeedResource(FeedService feeds, FeedPoller poller) {
        this.feeds = feeds;
        this.poller = poller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a feed", description = "RSS, Atom or JSON Feed. The URL must resolve to public addresses"
            + " (loopback, private, link-local and metadata addresses are refused unless allowed in the configuration).")
    @APIResponse(responseCode = "201", description = "Registered; polled within the scheduler's period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedView.class)))
    @APIResponse(responseCode = "400", description = "A bad field (URL refused, rule not a regular expression, ...), each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The URL is registered already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(FeedRegistration registration, @Context ContainerRequestContext context) {
        FeedView feed = feeds.register(registration, Caller.of(context).name());
        return Response.created(URI.create("/api/v1/feeds/" + feed.id())).entity(feed).build();
    }

    @GET
    @Operation(summary = "List the feeds", description = "With each feed's last status, error and next poll.")
    @APIResponse(responseCode = "200", description = "Every registered feed, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedView.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<FeedView> list() {
        return feeds.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One feed", description = "With its last status, error and next poll.")
    @APIResponse(responseCode = "200", description = "The feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedView.class)))
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FeedView get(@Parameter(description = "The feed's id") @PathParam("id") String id) {
        return feeds.get(uuid(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop polling a feed", description = "Forgets the feed and its entries; what it announced stays.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = "The feed's id") @PathParam("id") String id) {
        feeds.delete(uuid(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/poll")
    @Operation(summary = "Poll a feed now", description = "The same conditional poll the scheduler makes, answered with what it did.")
    @APIResponse(responseCode = "200", description = "What the poll did (a failed fetch is status 'error', with the error)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollResult.class)))
    @APIResponse(responseCode = "404", description = "No such feed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The feed is being polled right now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PollResult poll(@Parameter(description = "The feed's id") @PathParam("id") String id) {
        return poller.poll(uuid(id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("The feed id is not a UUID.",
                    List.of(new Problem.FieldError("id", "'" + id + "' is not a UUID"))));
        }
    }
}
