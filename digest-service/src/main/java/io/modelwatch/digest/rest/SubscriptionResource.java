package io.modelwatch.digest.rest;

import io.modelwatch.digest.subscription.SubscriptionRequest;
import io.modelwatch.digest.subscription.SubscriptionService;
import io.modelwatch.digest.subscription.TokenSigner;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Subscriptions as JSON: subscribe (double opt-in), and the owner's export and deletion through a signed token. */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    /** The one answer to every accepted request, whether or not the address was subscribed already. */
    public static final Map<String, String> ACCEPTED = Map.of("status", "accepted",
            "detail", "If this address can receive the reviews, a confirmation mail is on its way.");

    private final SubscriptionService subscriptions;

    public SubscriptionResource(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe (a confirmation mail follows; the answer is the same for every valid request)")
    public Response subscribe(SubscriptionRequest request, @Context HttpServerRequest http) {
        SubscriptionService.Valid valid = valid(request);
        admit(subscriptions, valid, client(http));
        subscriptions.subscribe(valid);
        return Response.accepted(ACCEPTED).build();
    }

    @GET
    @Path("export")
    @Operation(summary = "Everything kept about one's own subscription (token from the preferences link)")
    public Map<String, Object> export(@QueryParam("token") String token) {
        return subscriptions.export(token);
    }

    @DELETE
    @Operation(summary = "Delete one's own subscription and its data (token from the preferences link)")
    public Response delete(@QueryParam("token") String token) {
        subscriptions.delete(token);
        return Response.noContent().build();
    }

    /** The request checked by its constraints (a 400 naming every bad field), normalised. */
    static SubscriptionService.Valid valid(SubscriptionRequest request) {
        if (request == null) {
            throw new ProblemException(Problem.invalid("The request has no body.", null));
        }
        return SubscriptionService.Valid.of(Bodies.valid(request, errors -> "The subscription request has " + errors.size()
                + (errors.size() == 1 ? " problem." : " problems.")));
    }

    /** 429 with Retry-After when the mailbox or the client asked too often; checked before anything is written. */
    static void admit(SubscriptionService subscriptions, SubscriptionService.Valid request, String client) {
        try {
            subscriptions.admit(request, client);
        } catch (RateLimitException e) {
            throw ProblemException.tooManyRequests("Too many subscription requests", e.getRetryAfterMillis());
        }
    }

    static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    @ServerExceptionMapper
    public Response refused(TokenSigner.RefusedTokenException e) {
        Response.Status status = e.refusal() == TokenSigner.Refusal.EXPIRED ? Response.Status.GONE : Response.Status.FORBIDDEN;
        return Problem.of(status, switch (e.refusal()) {
            case EXPIRED -> "The link has expired.";
            case FORGED -> "The link's signature is not valid: it was altered or made up.";
            case WRONG_PURPOSE -> "The link is meant for something else.";
            case MALFORMED -> "The link is incomplete or damaged.";
        }).toResponse();
    }

    @ServerExceptionMapper
    public Response gone(SubscriptionService.NoSuchSubscriptionException e) {
        return Problem.of(Response.Status.NOT_FOUND, "There is no such subscription (it was deleted).").toResponse();
    }
}
