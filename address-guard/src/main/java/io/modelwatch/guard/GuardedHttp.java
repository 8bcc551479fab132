package io.modelwatch.guard;

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
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP request to a URL the {@link AddressGuard} allows, sent to the address the guard checked: the name is
 * resolved once, by the guard, and the HTTP client never resolves it again, so it cannot point somewhere else between
 * the check and the connection (DNS rebinding). The Host header, SNI and the certificate check use the name.
 * Redirects are not followed: a caller that follows one sends a new request, checked again.
 */
public final class GuardedHttp {

    /** What the server answered: the status, its headers (names in any case) and the body (empty when discarded). */
    public record Answer(int status, MultiMap headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** The answer's body was longer than the request allows. */
    public static final class TooLargeException extends IOException {
        public final int status;

        TooLargeException(int status, long maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes");
            this.status = status;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final AddressGuard guard;
    private final Duration timeout;

    public GuardedHttp(Vertx vertx, AddressGuard guard, Duration timeout) {
        this.vertx = vertx;
        this.guard = guard;
        this.timeout = timeout;
        // A connection per request (no keep-alive): each goes to the address checked for it.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setDecompressionSupported(true));
    }

    /**
     * Checks the URL with the guard and sends the request to the address it checked.
     *
     * @param body null for none
     * @param maxBytes the longest body read; 0 reads none (the body is discarded)
     * @throws AddressGuard.RefusedAddressException when the URL must not be reached
     * @throws TooLargeException when the body is longer than {@code maxBytes}
     * @throws IOException when the request fails or is not answered within twice the timeout
     */
    public Answer send(HttpMethod method, URI url, Map<String, String> headers, byte[] body, long maxBytes)
            throws IOException, InterruptedException {
        InetAddress address = guard.check(url);
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                // the bare IP (an InetAddress from a lookup keeps the name, which Vert.x would resolve again)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(InetAddress.getByAddress(address.getAddress()), port)))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::putHeader);
        // The whole exchange runs on one event loop: the response's handlers are then set as its head arrives, before
        // any of its body is read (from the caller's thread, a short answer could end before they were set).
        Promise<Answer> exchanged = Promise.promise();
        vertx.getOrCreateContext().runOnContext(start -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .compose(response -> {
                    Promise<Answer> read = Promise.promise();
                    Buffer received = Buffer.buffer();
                    response.handler(chunk -> {
                        if (maxBytes == 0) {
                            return;
                        }
                        if (received.length() + chunk.length() > maxBytes) {
                            if (read.tryFail(new TooLargeException(response.statusCode(), maxBytes))) {
                                response.request().reset();
                            }
                        } else {
                            received.appendBuffer(chunk);
                        }
                    });
                    response.exceptionHandler(read::tryFail);
                    response.endHandler(done -> read.tryComplete(new Answer(response.statusCode(), response.headers(), received.getBytes())));
                    return read.future();
                })
                .onComplete(exchanged));
        Future<Answer> answer = exchanged.future();
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
            throw new java.net.http.HttpTimeoutException("no answer within " + timeout.toMillis() * 2 + " ms");
        }
    }
}
