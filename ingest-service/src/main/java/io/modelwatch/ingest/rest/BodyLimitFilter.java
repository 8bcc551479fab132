package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * 413 as a problem document when the declared body is larger than the endpoint takes: a single announcement
 * and a batch have their own limits. A body sent chunked, without Content-Length, is judged as it is read
 * ({@link #read}, {@link #readChunkedAnnouncement}). Only a declared Content-Length over
 * quarkus.http.limits.max-body-size (64M) is refused by the HTTP layer itself, with a bare 413.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private static final String ANNOUNCEMENTS = "/api/v1/announcements";

    private final long announcementLimit;
    private final long batchLimit;
    private final long importLimit;

    public BodyLimitFilter(IngestConfig config) {
        this.announcementLimit = config.maxAnnouncementSize().asLongValue();
        this.batchLimit = config.maxBatchSize().asLongValue();
        this.importLimit = config.maxImportSize().asLongValue();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !path.startsWith("/api/")) {
            return Optional.empty();
        }
        long limit = path.endsWith("/batch") ? batchLimit : path.startsWith("/api/v1/imports/") ? importLimit : announcementLimit;
        long length = declaredLength(request);
        if (length > limit) {
            return Optional.of(tooLarge("The body has " + length + " bytes; this endpoint takes at most " + limit + "."));
        }
        return Optional.empty();
    }

    /**
     * A single announcement sent chunked (without Content-Length), read here on the event loop as it arrives and refused
     * with the 413 problem as soon as it runs past the limit. The endpoint is non-blocking, so without this the HTTP
     * layer would read the whole body first, up to quarkus.http.limits.max-body-size (64M), and answer a body over that
     * with a bare 413. A body read whole becomes the request's entity, which the endpoint then reads as usual. Every other
     * request gets null, not a Uni: a Uni, even of null, made every single request suspend and resume once more.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 11)
    public Uni<Response> readChunkedAnnouncement(ContainerRequestContext request, HttpServerRequest http) {
        if (!"POST".equals(request.getMethod()) || !ANNOUNCEMENTS.equals(request.getUriInfo().getPath())
                || declaredLength(request) >= 0) {
            return null; // nothing to read here: RESTEasy goes on at once, with no Uni to subscribe to (FilterUtil)
        }
        return Uni.createFrom().emitter(answer -> {
            if (http.isEnded()) {
                answer.complete(null);  // nothing left to read here: the endpoint reads what there is, as usual
                return;
            }
            Buffer body = Buffer.buffer();
            boolean[] refused = {false};
            http.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + chunk.length() > announcementLimit) {
                    refused[0] = true;
                    http.pause();
                    answer.complete(tooLargeAsRead(announcementLimit).toResponse());
                    return;
                }
                body.appendBuffer(chunk);
            });
            http.endHandler(end -> {
                if (!refused[0]) {
                    request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                    answer.complete(null);
                }
            });
            http.exceptionHandler(answer::fail);
            if ("100-continue".equalsIgnoreCase(http.getHeader("Expect"))) {
                http.response().writeContinue();
            }
            http.resume();
        });
    }

    /**
     * Reads the body, at most one byte more than the endpoint takes: a body sent chunked (without Content-Length) is
     * judged here, and answered with a problem document long before quarkus.http.limits.max-body-size is reached. A body
     * of declared length (within the limit: {@link #limit} refused the others) is read into an array of that size at once.
     */
    byte[] read(java.io.InputStream body, ContainerRequestContext request, boolean batch) throws java.io.IOException {
        long limit = batch ? batchLimit : announcementLimit;
        if (body == null) {
            return new byte[0];
        }
        long declared = declaredLength(request);
        if (declared >= 0 && declared <= limit) {
            byte[] read = new byte[(int) declared];
            int length = body.readNBytes(read, 0, read.length);
            return length == read.length ? read : java.util.Arrays.copyOf(read, length);
        }
        byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (read.length > limit) {
            throw new io.modelwatch.problem.ProblemException(tooLargeAsRead(limit));
        }
        return read;
    }

    /**
     * A single announcement's body as the non-blocking endpoint gets it, read whole: one of declared length was judged on
     * its header ({@link #limit}), one sent chunked as it was read ({@link #readChunkedAnnouncement}); this is the last
     * guard.
     */
    byte[] announcement(byte[] body) {
        if (body == null) {
            return new byte[0];
        }
        if (body.length > announcementLimit) {
            throw new io.modelwatch.problem.ProblemException(tooLargeAsRead(announcementLimit));
        }
        return body;
    }

    /** The largest import (a method, not the field: this bean is reached through its client proxy). */
    long importLimit() {
        return importLimit;
    }

    /** The Content-Length, or -1 when there is none (or it is not a number). */
    private static long declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The 413 for a body found too large as it was read (no declared length to name). */
    private static Problem tooLargeAsRead(long limit) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The body is larger than this endpoint takes (at most " + limit + " bytes).");
    }

    static Response tooLarge(String detail) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, detail).toResponse();
    }
}
