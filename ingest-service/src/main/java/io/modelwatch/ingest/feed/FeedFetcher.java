package io.modelwatch.ingest.feed;

import io.modelwatch.guard.AddressGuard;
import java.io.IOException;
import java.net.URI;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a feed with the validators of the previous answer (If-None-Match, If-Modified-Since), checking every
 * address against the {@link AddressGuard} and following at most five redirects itself, so a redirect cannot
 * lead into the internal network. Each request connects to the address the guard checked (Vert.x HTTP client,
 * {@link RequestOptions#setServer}), with the URL's host name in the Host header and for TLS.
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

    private final HttpClient client;
    private final AddressGuard guard;
    private final Duration timeout;
    private final long maxBytes;

    public FeedFetcher(Vertx vertx, AddressGuard guard, Duration timeout, long maxBytes) {
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        // A connection per request (no keep-alive): each goes to the address checked for it.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setDecompressionSupported(true));
    }

    /** What came back: status, headers, and the body (at most maxBytes). */
    private record Answer(int status, MultiMap headers, Buffer body) {
    }

    public Fetched fetch(URI url, String etag, String lastModified) throws IOException, InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            // Resolved once, checked, and connected to: the HTTP client never resolves the name itself, so the name
            // cannot point somewhere else between the check and the connection (DNS rebinding). The Host header, SNI
            // and the certificate check use the name.
            InetAddress address = guard.check(current);
            Answer answer = get(current, address, etag, lastModified);
            int status = answer.status();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = answer.headers().get("Location");
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
                        ? retryAfter(answer.headers().get("Retry-After"), java.time.Instant.now()) : null;
                throw new FetchException(status, "the feed answered HTTP " + status
                        + (retryAfter == null ? "" : ", asking to retry after " + retryAfter), retryAfter);
            }
            return new Fetched(200, answer.body().getBytes(), answer.headers().get("Content-Type"),
                    answer.headers().get("ETag"), answer.headers().get("Last-Modified"));
        }
        throw new FetchException(0, "more than " + MAX_REDIRECTS + " redirects");
    }

    private Answer get(URI url, InetAddress address, String etag, String lastModified) throws IOException, InterruptedException {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                // the bare IP (an InetAddress from a lookup keeps the name, which Vert.x would resolve again)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(InetAddress.getByAddress(address.getAddress()), port)))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("User-Agent", "modelwatch-ingest/1.0 (feed poller)")
                .putHeader("Accept", "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9,"
                        + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5");
        if (etag != null) {
            options.putHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            options.putHeader("If-Modified-Since", lastModified);
        }
        Future<Answer> answer = client.request(options).compose(request -> request.send()).compose(response -> {
            Promise<Answer> read = Promise.promise();
            Buffer body = Buffer.buffer();
            response.handler(chunk -> {
                if (body.length() + chunk.length() > maxBytes) {
                    if (read.tryFail(new FetchException(response.statusCode(), "the feed is larger than " + maxBytes + " bytes"))) {
                        response.request().reset();
                    }
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.exceptionHandler(read::tryFail);
            response.endHandler(done -> read.tryComplete(new Answer(response.statusCode(), response.headers(), body)));
            return read.future();
        });
        try {
            // the connect and idle timeouts bound each step; this bounds the whole request
            return answer.toCompletionStage().toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? e.toString() : cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            answer.onSuccess(ignored -> { });
            throw new FetchException(0, "no answer within " + timeout.toMillis() * 2 + " ms");
        }
    }
}
