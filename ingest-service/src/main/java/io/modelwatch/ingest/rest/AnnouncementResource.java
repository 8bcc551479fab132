package io.modelwatch.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.ingest.api.AnnouncementRequest;
import io.modelwatch.ingest.service.AnnouncementIntake;
import io.modelwatch.ingest.service.BatchOutcomes;
import io.modelwatch.ingest.service.Outcome;
import io.modelwatch.ingest.service.Refusal;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.jboss.logging.Logger;

/**
 * The publisher API. A single announcement is answered without a thread waiting for it: read and checked on the HTTP
 * event loop, recorded and sent with the announcements that arrive with it, and answered when the broker acknowledges
 * it (within modelwatch.ingest.publish-timeout). A batch runs on a worker thread and waits there for the broker's acknowledgements:
 * its report is written as they come.
 */
@Path("/api/v1/announcements")
@Authenticated
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key of this environment, as 'Authorization: Bearer <key>'. Publisher keys announce and retract"
                + " their own announcements; admin keys may do anything.")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No API key, or not a valid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "This API key has used its requests for the current window",
        headers = @Header(name = "Retry-After", description = "Seconds until the key may send again", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AnnouncementResource {

    public static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = Logger.getLogger(AnnouncementResource.class);

    private final AnnouncementIntake intake;
    private final ObjectMapper json;
    private final BodyLimitFilter limits;
    private final AnnouncementMetrics metrics;
    private final SecurityIdentity identity;

    public AnnouncementResource(AnnouncementIntake intake, ObjectMapper json, BodyLimitFilter limits, AnnouncementMetrics metrics,
                                SecurityIdentity identity) {
        this.intake = intake;
        this.identity = identity;
        this.json = json;
        this.limits = limits;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Announce a release",
            description = "Validated and normalised, recorded, then sent to the catalog. Answers once the broker has the event"
                    + " (acks=all). Nothing is sent for a rejected request.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AnnouncementRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted: the broker has the event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnnouncementAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid announcement (or Idempotency-Key); every bad field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used before with another body, or is in use"
            + " by a concurrent request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than modelwatch.ingest.max-announcement-size (1 MiB)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not take the event; retry after the given delay"
            + " (with the same Idempotency-Key, the retry gets the same eventId)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> announce(byte[] input,
                                  @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", description = IDEMPOTENCY)
                                  @HeaderParam("Idempotency-Key") String idempotencyKey) throws IOException {
        byte[] body = limits.announcement(input);
        // the caller's name from the identity @Authenticated has checked (Caller.of would also look up the role).
        // A Uni, not a CompletionStage: its operators carry the request's context (the trace id in the log's MDC) to
        // the producer's I/O thread, where the answer resumes (ObservabilityIT).
        return intake.announce(body, identity.getPrincipal().getName(), checked(idempotencyKey))
                .map(outcome -> {
                    LOG.debugf("Announcement %s accepted as event %s", outcome.slug(), outcome.eventId());
                    return Response.accepted(new AnnouncementAccepted(outcome.eventId().toString(), outcome.slug())).build();
                })
                .onFailure(Refusal.class).recoverWithItem(failure -> RefusalMapper.response((Refusal) failure));
    }

    @POST
    @Path("/batch")
    @Blocking
    @Consumes(NDJSON)
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(summary = "Announce up to 10,000 releases at once",
            description = "One announcement (the same JSON as the single endpoint) per line, application/x-ndjson. Every"
                    + " non-blank line is reported: accepted (202, with its eventId) or not (400 with its bad fields, 503 when"
                    + " the broker did not take it). Valid lines are sent even when others are invalid. With an"
                    + " Idempotency-Key, a retry of the same body gets the same eventIds line by line. With"
                    + " 'Accept: application/x-ndjson' the report is streamed: one BatchLine per line as soon as it is known"
                    + " (rejected lines first, then sent lines in the order the broker acknowledges them), then a last line"
                    + " {\"lines\",\"accepted\",\"rejected\"}.")
    @RequestBody(required = true, content = @Content(mediaType = NDJSON,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    description = "One Announcement JSON object per line")))
    @APIResponse(responseCode = "200", description = "The report of every line",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchReport.class)),
                    @Content(mediaType = NDJSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                            description = "Streamed: one BatchLine JSON object per line, then a BatchSummary"))})
    @APIResponse(responseCode = "400", description = "The batch is empty, or the Idempotency-Key is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used before with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 10,000 lines, or a body over modelwatch.ingest.max-batch-size (16 MiB)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/x-ndjson",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker took none of the valid lines; retry after the given delay",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response batch(InputStream input, @Context ContainerRequestContext context, @Context HttpHeaders headers,
                          @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", description = IDEMPOTENCY)
                          @HeaderParam("Idempotency-Key") String idempotencyKey) throws InterruptedException, IOException {
        byte[] body = limits.read(input, context, true);
        BatchOutcomes batch = intake.announceBatch(body, Caller.of(context).name(), checked(idempotencyKey));
        if (batch.noneTaken()) {
            return RefusalMapper.withRetryAfter(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "The event broker took none of the " + batch.sent() + " valid lines; nothing was accepted. Retry later."));
        }
        if (streamed(headers)) {
            return Response.ok(stream(batch), NDJSON).build();
        }
        List<Outcome> outcomes = batch.all(); // bounded by the publish timeout
        List<BatchReport.Line> lines = outcomes.stream().map(AnnouncementResource::line).toList();
        int accepted = batch.accepted();
        long unavailable = outcomes.stream().filter(o -> o.status() == 503).count();
        if (unavailable > 0 && accepted == 0) {
            return RefusalMapper.withRetryAfter(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "The event broker took none of the " + unavailable + " valid lines; nothing was accepted. Retry later."));
        }
        Response.ResponseBuilder answer = Response.ok(new BatchReport(lines.size(), accepted, lines.size() - accepted, lines),
                MediaType.APPLICATION_JSON_TYPE);
        if (unavailable > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, RefusalMapper.RETRY_AFTER_SECONDS);
        }
        return answer.build();
    }

    /** Whether the client prefers the streamed report (application/x-ndjson) to the JSON one. */
    private static boolean streamed(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) { // sorted by preference
            if (type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("application") && type.getSubtype().equals("x-ndjson")) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The report as NDJSON, written as the outcomes come: flushed whenever the next outcome is not there yet, so a
     * client sees progress without a chunk per line.
     */
    private StreamingOutput stream(BatchOutcomes batch) {
        return output -> {
            try {
                for (Outcome o = batch.next(); o != null; o = batch.next()) {
                    metrics.streamedLine(o.status());
                    json.writeValue(new NonClosing(output), line(o));
                    output.write('\n');
                    if (!batch.ready()) {
                        output.flush();
                    }
                }
                json.writeValue(new NonClosing(output), new BatchSummary(batch.lines(), batch.accepted(),
                        batch.lines() - batch.accepted()));
                output.write('\n');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the broker");
            }
        };
    }

    /** Jackson closes the stream it writes to; the report has more to write. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }

    @POST
    @Path("/{eventId}/retraction")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retract an announcement",
            description = "Sends io.modelwatch.release.retracted.v1 keyed by the announcement's slug. Only the publisher of the"
                    + " announcement or an admin may. Retracting again re-sends the same retraction (same eventId).")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RetractionRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted: the broker has the retraction",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetractionAccepted.class)))
    @APIResponse(responseCode = "400", description = "The event id is not a UUID, or the body is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The key is neither the announcement's publisher nor an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No announcement was accepted with this event id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A body that is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not take the retraction; retry after the given delay",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retract(@Parameter(description = "The eventId the announcement was accepted with") @PathParam("eventId") String eventId,
                                 InputStream input, @Context ContainerRequestContext context) throws IOException {
        byte[] body = limits.read(input, context, false);
        // The body is optional, so no @Consumes (which would refuse a request without Content-Type); a body must be JSON.
        RetractionRequest request = null;
        if (body != null && body.length > 0) {
            MediaType type = context.getMediaType();
            if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                throw new ProblemException(Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                        "A retraction body must be application/json."));
            }
            request = json.readerFor(RetractionRequest.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        }
        io.modelwatch.problem.BodyCheck.valid(request);
        UUID id;
        try {
            // UUID.fromString also takes shortened groups ("1-1-1-1-1"): only the canonical 36 characters are an id here
            if (eventId.length() != 36) {
                throw new IllegalArgumentException();
            }
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("The event id is not a UUID.",
                    List.of(new Problem.FieldError("eventId", "is not a UUID such as 3f2a6c1e-0000-4000-8000-000000000000"))));
        }
        Caller caller = Caller.of(context);
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
        return intake.retract(id, caller.name(), caller.isAdmin(), reason)
                .map(r -> Response.accepted(new RetractionAccepted(r.eventId().toString(), r.event().slug(), eventId)).build())
                .onFailure(Refusal.class).recoverWithItem(failure -> RefusalMapper.response((Refusal) failure))
                .await().indefinitely();
    }

    static final String IDEMPOTENCY = "Any unique text up to 255 characters, such as a UUID. A retry with the same key and the"
            + " same body gets the same eventId(s) and the events are sent again under the same CloudEvent ids (the catalog"
            + " counts them once); the same key with another body is a 409. Keys are per API key.";

    private static String checked(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        String key = idempotencyKey.trim();
        if (key.isEmpty() || key.length() > 255) {
            throw new ProblemException(Problem.invalid("The Idempotency-Key header is not valid.",
                    List.of(new Problem.FieldError("Idempotency-Key", "must have 1 to 255 characters"))));
        }
        return key;
    }

    private static BatchReport.Line line(Outcome o) {
        return o.accepted() ? BatchReport.Line.accepted(o.line(), o.eventId().toString(), o.slug())
                : BatchReport.Line.failed(o.line(), o.status(), o.detail(), RefusalMapper.fieldErrors(o.errors()));
    }
}
