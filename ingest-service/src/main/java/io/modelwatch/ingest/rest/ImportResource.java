package io.modelwatch.ingest.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.contract.Credits;
import io.modelwatch.ingest.imports.EpochImport;
import io.modelwatch.ingest.imports.ImportReport;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Imports of other curated databases (admin only): Epoch AI's notable models. */
@Path("/api/v1/imports")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No API key, or not a valid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "This API key has used its requests for the current window (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ImportResource {

    public static final String CSV = "text/csv";

    private final EpochImport epoch;
    private final BodyLimitFilter limits;

    public ImportResource(EpochImport epoch, BodyLimitFilter limits) {
        this.epoch = epoch;
        this.limits = limits;
    }

    @POST
    @Path("/epoch")
    @Blocking
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import Epoch AI's notable-models CSV",
            description = "The file as Epoch publishes it (any snapshot: 'Model' or 'System', either country column, a BOM,"
                    + " 'Open-source' or 'Model accessibility'), read as it streams in. Each row becomes an announcement whose"
                    + " source is Epoch AI with the snapshot's date; its identity is its content, so importing the same file"
                    + " again changes nothing and a newer snapshot revises only the rows that changed. A row that cannot be read"
                    + " or is invalid is refused and named by its line; the others go on. The data is CC BY 4.0: credit it as "
                    + Credits.EPOCH_AI)
    @APIResponse(responseCode = "200", description = "The report: rows read, accepted (of which unchanged), refused with line"
            + " and reason", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "Not Epoch's CSV (no header, no 'Model' column), or a bad snapshot date",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than modelwatch.ingest.max-import-size (50 MiB)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker took none of the rows; import the file again later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response epoch(InputStream body, @Context ContainerRequestContext context,
                          @Parameter(description = "The day the file was retrieved from Epoch AI (YYYY-MM-DD); default: today (UTC)")
                          @QueryParam("snapshot") String snapshot) throws IOException, InterruptedException {
        LocalDate day = snapshotDate(snapshot);
        ImportReport report = epoch.run(new Limited(body == null ? InputStream.nullInputStream() : body, limits.importLimit()),
                Caller.of(context).name(), day);
        if (report.accepted() == 0 && report.unavailable() > 0) {
            return RefusalMapper.withRetryAfter(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "The event broker took none of the " + report.unavailable() + " valid rows; nothing was accepted. Retry later."));
        }
        Response.ResponseBuilder answer = Response.ok(report, MediaType.APPLICATION_JSON_TYPE);
        if (report.unavailable() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, RefusalMapper.RETRY_AFTER_SECONDS);
        }
        return answer.build();
    }

    private static LocalDate snapshotDate(String text) {
        if (text == null || text.isBlank()) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new ProblemException(Problem.invalid("A query parameter is not valid.",
                    List.of(new Problem.FieldError("snapshot", "'" + text + "' is not a date such as 2025-12-01"))));
        }
    }

    /** The body, refused with a 413 problem once it runs past the limit (a body sent chunked declares no length). */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ProblemException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                        "The file is larger than this endpoint takes (at most " + limit + " bytes); the rows before were imported."));
            }
        }
    }
}
