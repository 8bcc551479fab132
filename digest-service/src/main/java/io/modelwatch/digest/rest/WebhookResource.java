package io.modelwatch.digest.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.digest.subscription.BounceService;
import io.modelwatch.digest.webhook.WebhookService;
import io.modelwatch.guard.AddressGuard;
import io.modelwatch.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Admin: outgoing webhooks, and the bounce webhook the mail provider calls. {@code Authorization: Bearer <admin key>}. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    private static final String NOT_REGISTERED = "The webhook cannot be registered.";

    private final WebhookService webhooks;
    private final BounceService bounces;

    public WebhookResource(WebhookService webhooks, BounceService bounces) {
        this.webhooks = webhooks;
        this.bounces = bounces;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook for digest.published and/or model.added; the answer shows its signing secret once")
    public Response register(WebhookService.Registration request) {
        WebhookService.Registration checked = Bodies.valid(request == null ? WebhookService.Registration.EMPTY : request,
                errors -> NOT_REGISTERED);
        return Response.status(Response.Status.CREATED).entity(webhooks.register(checked)).build();
    }

    /** A webhook URL whose host must not be called: a bad field like the others, found after them. */
    @ServerExceptionMapper
    public Response refusedAddress(AddressGuard.RefusedAddressException e) {
        return Problem.invalid(NOT_REGISTERED, List.of(new Problem.FieldError("url", e.getMessage()))).toResponse();
    }

    @GET
    @Operation(summary = "The registered webhooks (without their secrets)")
    public List<Map<String, Object>> list() {
        return webhooks.list();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Problem.of(Response.Status.NOT_FOUND, "No webhook " + id).toResponse();
        }
        return webhooks.delete(uuid) ? Response.noContent().build()
                : Problem.of(Response.Status.NOT_FOUND, "No webhook " + id).toResponse();
    }

    @POST
    @Path("bounce")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a bounce: {\"email\", \"type\": \"soft\" | \"hard\", \"reason\"}; hard bounces suppress the address")
    public Response bounce(BounceService.BounceReport report) {
        BounceService.BounceReport checked = Bodies.valid(report == null ? BounceService.BounceReport.EMPTY : report,
                errors -> "The bounce report is not valid.");
        return Response.accepted(bounces.record(checked)).build();
    }
}
