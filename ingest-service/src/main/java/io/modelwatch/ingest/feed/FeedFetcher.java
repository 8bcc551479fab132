package io.modelwatch.ingest.feed;

import io.modelwatch.guard.AddressGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches a feed with the validators of the previous answer (If-None-Match, If-Modified-Since), checking every
 * address against the {@link AddressGuard} and following at most five redirects itself, so a redirect cannot
 * lead into the internal network.
 */
public final class FeedFetcher {

    private static final int MAX_REDIRECTS = 5;

    /** What the server answered: 304 (nothing new) or 200 with the body and the new validators. */
    public record Fetched(int status, byte[] body, String contentType, String etag, String lastModified, URI finalUrl) {
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

    private final HttpClient client;
    private final AddressGuard guard;
    private final Duration timeout;
    private final long maxBytes;

    public FeedFetcher(AddressGuard guard, Duration timeout, long maxBytes) {
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    public Fetched fetch(URI url, String etag, String lastModified) throws IOException, InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            guard.check(current);
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(timeout).GET()
                    .header("User-Agent", "modelwatch-ingest/1.0 (feed poller)")
                    .header("Accept", "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9,"
                            + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5");
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                response.body().close();
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new FetchException(status, "redirect without a Location");
                }
                current = current.resolve(location.get());
                continue;
            }
            if (status == 304) {
                response.body().close();
                return new Fetched(304, null, null, etag, lastModified, current);
            }
            if (status != 200) {
                response.body().close();
                java.time.Instant retryAfter = status == 429 || status == 503
                        ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now()) : null;
                throw new FetchException(status, "the feed answered HTTP " + status
                        + (retryAfter == null ? "" : ", asking to retry after " + retryAfter), retryAfter);
            }
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (body.length > maxBytes) {
                throw new FetchException(status, "the feed is larger than " + maxBytes + " bytes");
            }
            return new Fetched(200, body, response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), current);
        }
        throw new FetchException(0, "more than " + MAX_REDIRECTS + " redirects");
    }
}
