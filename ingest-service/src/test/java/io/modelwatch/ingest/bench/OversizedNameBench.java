package io.modelwatch.ingest.bench;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run only with {@code mvn -B -pl ingest-service -am -Pbench test -Dtest=OversizedNameBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. Issue 16 asks that a 1 MiB name be refused within 50 ms. Posts, one at a time
 * from one client on the same machine, a single announcement whose name is 1 MiB (refused) and, in the same run, a
 * valid announcement (accepted, the baseline), after a warm-up of each; prints the latency percentiles of both (from
 * the first byte sent to the whole answer read). No assertion on any figure.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("bench")
class OversizedNameBench {

    private static final int WARM = Integer.getInteger("bench.warm", 200);
    private static final int MEASURED = Integer.getInteger("bench.requests", 300);

    @TestHTTPResource("/api/v1/announcements")
    URI announcements;

    @Test
    void measure() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String huge = "{\"name\": \"" + "x".repeat(1 << 20) + "\", \"organizations\": [{\"name\": \"Example Lab\"}]}";
        for (int i = 0; i < WARM; i++) {
            post(client, huge);
            post(client, valid());
        }
        long[] refused = new long[MEASURED];
        long[] accepted = new long[MEASURED];
        int[] statuses = new int[2];
        for (int i = 0; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            statuses[0] = post(client, huge);
            refused[i] = System.nanoTime() - t0;
            String body = valid();
            t0 = System.nanoTime();
            statuses[1] = post(client, body);
            accepted[i] = System.nanoTime() - t0;
        }
        System.out.printf("OversizedNameBench: %d requests each, one client, after %d warm-up pairs%n", MEASURED, WARM);
        System.out.printf("  1 MiB name (status %d): %s%n", statuses[0], percentiles(refused));
        System.out.printf("  valid announcement (status %d), baseline: %s%n", statuses[1], percentiles(accepted));
    }

    private static String valid() {
        return "{\"name\": \"Bench " + UUID.randomUUID() + "\", \"organizations\": [{\"name\": \"Example Lab\", \"country\": \"FR\"}],"
                + " \"published\": \"2019-05\", \"parameters\": \"7B\"}";
    }

    private int post(HttpClient client, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(announcements).header("Authorization", "Bearer test-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", ms(sorted, 0.50), ms(sorted, 0.95),
                ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
    }
}
