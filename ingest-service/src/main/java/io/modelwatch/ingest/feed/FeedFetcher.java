package io.modelwatch.ingest.feed;

import io.modelwatch.guard.AddressGuard;
import io.modelwatch.guard.GuardedHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fetches a feed with the validators of the previous answer (If-None-Match, If-Modified-Since), following at most five
 * redirects itself: each hop is a {@link GuardedHttp} request, checked by the {@link AddressGuard} and sent to the
 * address it checked, so neither a redirect nor a name that changes its address can lead into the internal network.
 */
public final class FeedFetcher {

    private static final int MAX_REDIRECTS = 5;

    /** What the server answered: 304 (nothing new) or 200 with the body and the new validators. */
    public record Fetched(int status, byte[] body, String contentType, String etag, String lastModified) {
        public boolean notModified() {
            return status == 304;
        }
    }

    public static class FetchException extends IOException {
        public final int status;
        /** When the server asked to be polled again (Retry-After of a 429 or 503), or null. */
        public final java.time.Instant retryAfter;

        public FetchException(int status, String message) {
            this(status, message, null);
        }

        public FetchException(int status, String message, java.time.Instant retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    /** Retry-After as delay-seconds or an HTTP-date; null when absent or unreadable. */
    static java.time.Instant retryAfter(String value, java.time.Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : now.plusSeconds(Math.min(seconds, 366L * 24 * 3600));
        } catch (NumberFormatException notSeconds) {
            try {
                return java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private final GuardedHttp http;
    private final long maxBytes;

    public FeedFetcher(Vertx vertx, AddressGuard guard, Duration timeout, long maxBytes) {
        this.http = new GuardedHttp(vertx, guard, timeout);
        this.maxBytes = maxBytes;
    }

    public Fetched fetch(URI url, String etag, String lastModified) throws IOException, InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            GuardedHttp.Answer answer = get(current, etag, lastModified);
            int status = answer.status();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = answer.header("Location");
                if (location == null) {
                    throw new FetchException(status, "redirect without a Location");
                }
                current = current.resolve(location);
                continue;
            }
            if (status == 304) {
                return new Fetched(304, null, null, etag, lastModified);
            }
            if (status != 200) {
                java.time.Instant retryAfter = status == 429 || status == 503
                        ? retryAfter(answer.header("Retry-After"), java.time.Instant.now()) : null;
                throw new FetchException(status, "the feed answered HTTP " + status
                        + (retryAfter == null ? "" : ", asking to retry after " + retryAfter), retryAfter);
            }
            return new Fetched(200, answer.body(), answer.header("Content-Type"), answer.header("ETag"),
                    answer.header("Last-Modified"));
        }
        throw new FetchException(0, "more than " + MAX_REDIRECTS + " redirects");
    }

    /** One hop, to the address the guard checks for it (a redirect's target is checked again). */
    private GuardedHttp.Answer get(URI url, String etag, String lastModified) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "modelwatch-ingest/1.0 (feed poller)");
        headers.put("Accept", "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9,"
                + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5");
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        try {
            return http.send(HttpMethod.GET, url, headers, null, maxBytes);
        } catch (GuardedHttp.TooLargeException e) {
            throw new FetchException(e.status, "the feed is larger than " + maxBytes + " bytes");
        }
    }
}
