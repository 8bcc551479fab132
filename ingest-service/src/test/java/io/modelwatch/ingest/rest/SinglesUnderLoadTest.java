package io.modelwatch.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The non-blocking single endpoint under load: 3,000 announcements, 64 in flight at a time over kept-alive connections
 * (Vert.x's client, as the benches use), each answered 202 with its body (eventId and slug). The answers resume on the
 * producer's I/O thread, not on the event loop that read the request; ConcurrentSinglesTest checks what is recorded and
 * sent, this checks what every client reads.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class SinglesUnderLoadTest {

    private static final int REQUESTS = Integer.getInteger("load.requests", 3_000);

    @TestHTTPResource("/api/v1/announcements")
    URI single;

    @Test
    void everyAnswerUnderLoadIsA202WithItsBody() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
            Semaphore permits = new Semaphore(64);
            CountDownLatch answered = new CountDownLatch(REQUESTS);
            Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
            RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(single.toString())
                    .putHeader("Authorization", "Bearer test-key").putHeader("Content-Type", "application/json");
            for (int i = 0; i < REQUESTS; i++) {
                permits.acquire();
                Buffer body = Buffer.buffer(Topic.announcement("Load " + run + " " + i, "\"7B\""));
                client.request(post).compose(r -> r.send(body)).compose(r -> r.body().map(b -> r.statusCode() + " "
                                + (b.toString().contains("\"slug\"") ? "with slug" : "body '" + b + "'")))
                        .onComplete(a -> {
                            answers.computeIfAbsent(a.succeeded() ? a.result() : a.cause().toString(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            permits.release();
                            answered.countDown();
                        });
            }
            assertThat(answered.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(answers).containsOnlyKeys("202 with slug");
        } finally {
            vertx.close();
        }
    }
}
