package io.modelwatch.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.ingest.api.AnnouncementRequest;
import io.modelwatch.ingest.service.AnnouncementNormalizer;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run only with {@code mvn -B -pl ingest-service -am -Pbench test -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Starts the service on the
 * embedded platform, warms it up (batches and ProducerPerformance runs, then single requests, until the JIT is mostly done), then measures in
 * one run (the machine is shared, so only ratios within a run mean much): the Kafka producer ceiling for records of the
 * size ingest sends (ProducerPerformance, acks=all, idempotent, a topic with as many partitions as model-releases),
 * accepted announcements per second through the batch endpoint, the ceiling again, then through the single endpoint
 * (32 requests in flight, from Vert.x's HTTP client on an event loop of its own); and for each phase the CPU per
 * record by thread group. Prints the figures and writes them to target/bench-results.txt. No assertion on any figure.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("bench")
class IngestBenchmark {

    private static final int SINGLE_REQUESTS = Integer.getInteger("bench.single", 4_000);
    private static final int SINGLE_CONCURRENCY = Integer.getInteger("bench.single-concurrency", 32);
    private static final int BATCHES = Integer.getInteger("bench.batches", 40);
    private static final int BATCH_LINES = Integer.getInteger("bench.batch-lines", 5_000);
    // 4 clients: with 2, a request thread idles while its batch waits for the broker's acknowledgements, and the batch
    // phase kept 1.77 of the 2 processors busy (0.450 of the ceiling) against 1.89-1.91 with 4 (see "busy" in the
    // results); with 8, GC and JIT per line rose and the ratio fell.
    private static final int BATCH_CONCURRENCY = Integer.getInteger("bench.batch-concurrency", 4);
    private static final int CEILING_RECORDS = Integer.getInteger("bench.ceiling-records", 300_000);
    // Warm-up, not measured, in rounds of the measured phases' own size (see warmUp): with 2,000 lines of warm-up, about
    // half of the JVM's CPU in the measured batch phase went to JIT compilation; with rounds of 5 batches and 100,000
    // records, the measured phases still compiled code that only their size reaches often enough (the bench client's
    // chunked-response parser, Netty's PoolArena.allocate: 2-3 us per line of JIT in the batch phase).
    private static final int WARM_BATCHES = Integer.getInteger("bench.warm-batches", BATCHES);
    private static final int WARM_CEILING_RECORDS = Integer.getInteger("bench.warm-ceiling-records", CEILING_RECORDS);
    private static final double WARM_JIT_SHARE = Double.parseDouble(System.getProperty("bench.warm-jit-share", "0.05"));
    private static final int MAX_WARM_SECONDS = Integer.getInteger("bench.max-warm-seconds", 300);
    private static final int WARM_SINGLE = Integer.getInteger("bench.warm-single", 5_000);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "mp.messaging.outgoing.model-releases.batch.size")
    String ingestBatchSize;
    @ConfigProperty(name = "mp.messaging.outgoing.model-releases.linger.ms")
    String ingestLinger;
    @ConfigProperty(name = "mp.messaging.outgoing.model-releases.compression.type")
    String ingestCompression;
    @TestHTTPResource("/api/v1/announcements")
    URI single;
    @TestHTTPResource("/api/v1/announcements/batch")
    URI batch;
    @Inject
    ObjectMapper json;
    @Inject
    AnnouncementNormalizer normalizer;

    // The client's threads are fixed and named: with HttpClient's default executor (a cached pool) a thread idle for 60 s
    // ends, and the CPU of the ended threads fell into "the rest of the process" instead of the client's figure.
    private final java.util.concurrent.ExecutorService clientThreads = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "bench-client-" + UUID.randomUUID().toString().substring(0, 4));
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
    // The single phase's client: Vert.x's, on an event loop of its own (renamed bench-client-loop, so that its CPU is the
    // client's). Java's HttpClient took 205-305 us of CPU per single request (session 16), more than the service's own
    // threads, in the JVM whose CPU per request the bench reports; this client takes much less (docs/performance.md).
    private final io.vertx.core.Vertx clientLoop = clientLoop();
    private final io.vertx.core.http.HttpClient singleClient = clientLoop.createHttpClient(
            new io.vertx.core.http.HttpClientOptions().setKeepAlive(true),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(SINGLE_CONCURRENCY));

    private static io.vertx.core.Vertx clientLoop() {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        java.util.concurrent.CompletableFuture<Void> named = new java.util.concurrent.CompletableFuture<>();
        vertx.runOnContext(v -> {
            Thread.currentThread().setName("bench-client-loop");
            named.complete(null);
        });
        named.join();
        return vertx;
    }
    private final List<String> report = new ArrayList<>();

    // The body around the name (String.formatted parsed the template on every request: 31 us of the bench's main thread
    // per single request).
    private static final String[] ANNOUNCEMENT = """
                {"name": "%s", "organizations": [{"name": "BigScience", "country": "FR"}, {"name": "Hugging Face", "country": "US"}], \
                "published": "2021-10-15", "parameters": "11B", "modalities": ["text"], "tasks": ["zero-shot prompting"], \
                "accessibility": "open-weights-unrestricted", "architecture": "encoder-decoder", "baseModel": "T5", \
                "tags": ["instruction-tuned", "multitask-prompted"], "links": {"paper": "https://arxiv.org/abs/2110.08207"}, \
                "summary": {"en": "T5-based model trained on 2,000 prompts; GPT-3-level zero-shot at 1/16 the size."}, \
                "source": {"url": "https://example.org/post", "name": "example"}, "confidence": "confident"}""".split("%s");

    private static String announcement(String name) {
        return ANNOUNCEMENT[0] + name + ANNOUNCEMENT[1];
    }

    @org.junit.jupiter.api.AfterEach
    void closeClient() {
        clientLoop.close();
    }

    @Test
    void measure() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // The value ingest sends for such an announcement, serialised as the Kafka serializer does.
        String sample = announcement("Bench " + run + " 000000");
        int recordSize = json.writeValueAsBytes(normalizer.normalize(json.readValue(sample, AnnouncementRequest.class), "default")).length;
        line("record value size: %d bytes (plus CloudEvent headers)", recordSize);

        // The ceiling's topics are created first: a producer that starts on a topic whose leaders are not settled yet
        // got NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER retries for minutes (a 10x lower "ceiling").
        List<String> ceilingTopics = createTopics(4);

        // warm-up: connections, producer metadata, then the JIT (see warmUp)
        singleEndpoint(run + "-warm", 500);
        warmUp(run, ceilingTopics.get(2), recordSize);

        // The batch phase between the two ceilings; the single phase last (it is far from the target either way, and
        // run between them it left the JIT compiling through the batch phase).
        // Besides records per second, the CPU time the whole JVM (broker, producer, service) spent per record in each
        // phase: on a machine shared with other builds, wall-clock rates move with the load; CPU per record much less.
        ThreadCpu threads = new ThreadCpu();
        Postgres postgres = new Postgres(URI.create(jdbcUrl.substring("jdbc:".length())).getPort());
        List<byte[]> bodies = bodies(run, BATCHES, BATCH_LINES);
        threads.since(0);
        long[] machine0 = machineTicks();
        long cpu0 = cpu();
        long wall0 = System.nanoTime() / 1_000;
        double ceilingBefore = ceiling(ceilingTopics.get(0), recordSize, CEILING_RECORDS);
        long cpu1 = cpu();
        long wall1 = System.nanoTime() / 1_000;
        long[] machine1 = machineTicks();
        Map<String, Long> ceilingBeforeThreads = threads.since(cpu1 - cpu0);
        long pg1 = postgres.cpu();
        double batchRate = batchEndpoint(bodies, BATCH_LINES);
        long cpu2 = cpu();
        long wall2 = System.nanoTime() / 1_000;
        long[] machine2 = machineTicks();
        long pg2 = postgres.cpu();
        Map<String, Long> batchThreads = threads.since(cpu2 - cpu1);
        double ceilingAfter = ceiling(ceilingTopics.get(1), recordSize, CEILING_RECORDS);
        long cpu3 = cpu();
        long wall3 = System.nanoTime() / 1_000;
        long[] machine3 = machineTicks();
        Map<String, Long> ceilingAfterThreads = threads.since(cpu3 - cpu2);
        double singleRate = singleEndpoint(run, SINGLE_REQUESTS);
        long cpu4 = cpu();
        Map<String, Long> singleThreads = threads.since(cpu4 - cpu3);
        // Not part of the target's ceiling (which is ProducerPerformance's defaults): the same measurement with the
        // producer settings ingest's channel uses, for comparison.
        double ceilingIngestSettings = ceiling(ceilingTopics.get(3), recordSize, CEILING_RECORDS, "batch.size=" + ingestBatchSize,
                "linger.ms=" + ingestLinger, "compression.type=" + ingestCompression);
        double ceiling = (ceilingBefore + ceilingAfter) / 2;
        double ceilingCpu = (cpu1 - cpu0 + cpu3 - cpu2) / (2.0 * CEILING_RECORDS); // microseconds per record
        double singleCpu = (cpu4 - cpu3) / (double) SINGLE_REQUESTS;
        double batchCpu = (cpu2 - cpu1) / (double) (BATCHES * BATCH_LINES);

        line("single endpoint: %.0f accepted announcements/s (%d requests, %d in parallel)", singleRate, SINGLE_REQUESTS, SINGLE_CONCURRENCY);
        line("batch endpoint:  %.0f accepted announcements/s (%d batches of %d lines, %d in parallel)", batchRate, BATCHES, BATCH_LINES, BATCH_CONCURRENCY);
        line("producer ceiling (ProducerPerformance, %d-byte records, acks=all, idempotent): %.0f records/s before, %.0f after",
                recordSize, ceilingBefore, ceilingAfter);
        line("producer ceiling with ingest's producer settings (batch.size=%s, linger.ms=%s, compression.type=%s, measured"
                + " after the single phase): %.0f records/s; batch to it: %.3f", ingestBatchSize, ingestLinger, ingestCompression,
                ceilingIngestSettings, batchRate / ceilingIngestSettings);
        line("ratios to the mean ceiling: single %.3f, batch %.3f (target for batch: >= 0.5); batch to the ceiling before %.3f,"
                + " after %.3f", singleRate / ceiling, batchRate / ceiling, batchRate / ceilingBefore, batchRate / ceilingAfter);
        line("JVM CPU time per record (broker, producer, service and HTTP client together): ceiling %.0f us, single %.0f us,"
                + " batch %.0f us; batch/ceiling records per CPU-second: %.3f", ceilingCpu, singleCpu, batchCpu, ceilingCpu / batchCpu);
        // Whether a phase was CPU-bound: the processors' time it used (this JVM, and PostgreSQL for the batch) per second.
        line("processors busy (CPU seconds per second, of %d): ceiling before %.2f, batch %.2f (JVM %.2f + PostgreSQL %.2f),"
                + " ceiling after %.2f", Runtime.getRuntime().availableProcessors(), (cpu1 - cpu0) / (double) (wall1 - wall0),
                (cpu2 - cpu1 + pg2 - pg1) / (double) (wall2 - wall1), (cpu2 - cpu1) / (double) (wall2 - wall1),
                (pg2 - pg1) / (double) (wall2 - wall1), (cpu3 - cpu2) / (double) (wall3 - wall2));
        // The whole machine (/proc/stat): what this JVM and PostgreSQL did not use went to the kernel's own threads and
        // other processes, or stayed idle (then the phase was not CPU-bound: waiting on I/O or on its own pipeline).
        line("the machine's processors (of %d), from /proc/stat: ceiling before %s; batch %s; ceiling after %s",
                Runtime.getRuntime().availableProcessors(), machine(machine0, machine1), machine(machine1, machine2),
                machine(machine2, machine3));
        perRecord("ceiling before", ceilingBeforeThreads, CEILING_RECORDS);
        perRecord("batch", batchThreads, BATCHES * BATCH_LINES);
        line("PostgreSQL CPU per record (its own processes, not in the JVM figures), batch: %.1f us",
                (pg2 - pg1) / (double) (BATCHES * BATCH_LINES));
        perRecord("ceiling after", ceilingAfterThreads, CEILING_RECORDS);
        perRecord("single", singleThreads, SINGLE_REQUESTS);
        // The figure is the whole JVM's; what the service's own threads take is the part this code decides.
        long service = singleThreads.get("http event loops") + singleThreads.get("request threads") + singleThreads.get("group commit")
                + singleThreads.get("producer I/O");
        long client = singleThreads.get("bench client") + singleThreads.get("bench main");
        line("single, per request: the service's own threads (event loops, request threads, group commit, producer I/O) %.0f us;"
                        + " the bench's client and main thread %.0f us; the broker %.0f us; everything else (JIT, GC, VM, other) %.0f us",
                service / (double) SINGLE_REQUESTS, client / (double) SINGLE_REQUESTS, singleThreads.get("broker") / (double) SINGLE_REQUESTS,
                (cpu4 - cpu3 - service - client - singleThreads.get("broker")) / (double) SINGLE_REQUESTS);
        line("load average at the end: %.2f on %d processors",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Files.writeString(Path.of("target/bench-results.txt"), String.join("\n", report) + "\n");
    }

    /**
     * Rounds of batches and ProducerPerformance runs until the JIT is done with both paths, so that both measured phases
     * see the steady state. Why this takes long here: one JVM holds the broker, the producer, the service and the bench,
     * and on 2 processors the JVM has a single C2 compiler thread. A JFR recording of the whole run (jdk.Compilation with
     * threshold 0, jdk.CodeCacheStatistics, jdk.CodeSweeperStatistics, jdk.Deoptimization, jdk.ClassDefine) showed that
     * thread busy all the time with first C2 compilations (about 2,800 distinct methods, about 3,100 C2 compilations in
     * all, so few recompilations), among them the hottest methods of the path (KafkaProducer.doSend, RecordAccumulator.append,
     * Sender.runOnce, ReleasePublisher.publishAll) still waiting 60 s into the run; the code cache was never full
     * (fullCount 0, 90-100 MB free per heap), classes were defined at startup only (no per-request generated classes),
     * and deoptimisations were few (490 in the run, no method recompiled more than a few times). So it is warm-up, not
     * a defect: the compiler just has not got through the queue.
     *
     * <p>Stops when the compiler threads (C1 and C2, their CPU read from /proc) took less than bench.warm-jit-share (5%)
     * of the JVM's CPU over a round, after at least two rounds, or after bench.max-warm-seconds (300 s), and says which.
     */
    private void warmUp(String run, String topic, int recordSize) throws Exception {
        warmUp("batch endpoint and ProducerPerformance", round -> {
            batchEndpoint(run + "-warm-" + round, WARM_BATCHES, BATCH_LINES);
            double producer = ceiling(topic, recordSize, WARM_CEILING_RECORDS);
            return String.format("%d batches, ProducerPerformance %.0f records/s", WARM_BATCHES, producer);
        });
        // The single endpoint's own code (and the bench client's) is not reached by the rounds above: without rounds of
        // its own, the JIT took 440-500 us of each single request's CPU over a 20,000-request phase.
        warmUp("single endpoint", round -> String.format("%d single requests, %.0f accepted/s", WARM_SINGLE,
                singleEndpoint(run + "-warm-single-" + round, WARM_SINGLE)));
    }

    /** One warm-up round; says what it did. */
    @FunctionalInterface
    private interface WarmRound {
        String run(int round) throws Exception;
    }

    /** Rounds until the JIT took less than bench.warm-jit-share of the JVM's CPU over one (at least two rounds), or the cap. */
    private void warmUp(String what, WarmRound warmRound) throws Exception {
        long began = System.nanoTime();
        for (int round = 1; ; round++) {
            long jit0 = ThreadCpu.compilerMicros();
            long cpu0 = cpu();
            long start = System.nanoTime();
            String did = warmRound.run(round);
            long jit = ThreadCpu.compilerMicros() - jit0;
            long process = cpu() - cpu0;
            double share = jit / (double) process;
            double seconds = (System.nanoTime() - began) / 1e9;
            line("warm-up of the %s, round %d (not counted): %s; JIT compiler threads %.0f%% of the JVM's CPU in the round"
                    + " (%.0f%% of one processor), %.0f s of this warm-up so far", what, round, did,
                    100 * share, 100 * jit / ((System.nanoTime() - start) / 1e3), seconds);
            if (round >= 2 && share < WARM_JIT_SHARE) {
                line("warm-up of the %s done after %d rounds, %.0f s: the JIT took %.1f%% of the JVM's CPU in the last round",
                        what, round, seconds, 100 * share);
                return;
            }
            if (seconds > MAX_WARM_SECONDS) {
                line("warm-up of the %s stopped at the cap after %d rounds, %.0f s: the JIT still took %.1f%% of the JVM's CPU in"
                        + " the last round (the measured phases include JIT work: see the per-thread figures)", what, round, seconds, 100 * share);
                return;
            }
        }
    }

    private double singleEndpoint(String run, int requests) throws Exception {
        Semaphore permits = new Semaphore(SINGLE_CONCURRENCY);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(requests);
        Map<String, Integer> otherAnswers = new java.util.concurrent.ConcurrentHashMap<>();
        io.vertx.core.http.RequestOptions post = new io.vertx.core.http.RequestOptions()
                .setMethod(io.vertx.core.http.HttpMethod.POST).setAbsoluteURI(single.toString())
                .putHeader("Authorization", "Bearer test-key").putHeader("Content-Type", "application/json");
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            permits.acquire();
            io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer(announcement("Bench " + run + " " + i));
            singleClient.request(post)
                    .compose(request -> request.send(body))
                    .compose(response -> response.end().map(done -> response.statusCode()))
                    .onComplete(status -> {
                        permits.release();
                        if (status.succeeded() && status.result() == 202) {
                            accepted.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                            otherAnswers.merge(status.succeeded() ? "HTTP " + status.result()
                                    : status.cause().getClass().getSimpleName() + ": " + status.cause().getMessage(), 1, Integer::sum);
                        }
                        answered.countDown();
                    });
        }
        answered.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (other.get() > 0) {
            line("single endpoint: %d requests not accepted: %s", other.get(), otherAnswers);
        }
        return accepted.get() / seconds;
    }

    private double batchEndpoint(String run, int batches, int lines) throws Exception {
        return batchEndpoint(bodies(run, batches, lines), lines);
    }

    private List<byte[]> bodies(String run, int batches, int lines) {
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                body.append(announcement("Bench batch " + run + " " + b + " " + i)).append('\n');
            }
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private double batchEndpoint(List<byte[]> bodies, int lines) throws Exception {
        int batches = bodies.size();
        Semaphore permits = new Semaphore(BATCH_CONCURRENCY);
        AtomicInteger accepted = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        Pattern acceptedCount = Pattern.compile("\"accepted\":(\\d+)");
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            permits.acquire();
            HttpRequest request = HttpRequest.newBuilder(batch).header("Authorization", "Bearer test-key")
                    .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                permits.release();
                if (failure == null) {
                    Matcher m = acceptedCount.matcher(response.body());
                    if (response.statusCode() == 200 && m.find()) {
                        accepted.addAndGet(Integer.parseInt(m.group(1)));
                    } else {
                        line("batch answered %d: %.200s", response.statusCode(), response.body());
                    }
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accepted.get() != batches * lines) {
            line("batch endpoint: %d of %d lines accepted", accepted.get(), batches * lines);
        }
        return accepted.get() / seconds;
    }

    /** ProducerPerformance against the same broker: records/s, read from its summary line. */
    private List<String> createTopics(int count) throws Exception {
        List<String> topics = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int partitions = admin.describeTopics(List.of("model-releases")).allTopicNames().get()
                    .get("model-releases").partitions().size();
            for (int i = 0; i < count; i++) {
                topics.add("bench-ceiling-" + UUID.randomUUID());
            }
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all().get();
            // every partition has its leader before anything is sent there
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> led(admin, topics));
        }
        return topics;
    }

    private static boolean led(Admin admin, List<String> topics) throws InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (java.util.concurrent.ExecutionException e) { // not known to the broker yet
            return false;
        }
    }

    private void perRecord(String phase, Map<String, Long> cpu, int records) {
        StringBuilder text = new StringBuilder();
        cpu.forEach((group, micros) -> text.append(String.format(", %s %.1f", group, micros / (double) records)));
        line("JVM CPU per record by thread (us), %s:%s", phase, text.substring(1));
    }

    /** The "cpu" line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal (ticks); empty when not Linux. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = new long[8];
            for (int i = 0; i < 8; i++) {
                ticks[i] = Long.parseLong(f[i + 1]);
            }
            return ticks;
        } catch (java.io.IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** Busy, idle, iowait and steal between two /proc/stat readings, in processors. */
    private static String machine(long[] from, long[] to) {
        if (from.length == 0 || to.length == 0) {
            return "n/a";
        }
        long[] d = new long[8];
        for (int i = 0; i < 8; i++) {
            d[i] = to[i] - from[i];
        }
        long total = java.util.Arrays.stream(d).sum();
        double processors = Runtime.getRuntime().availableProcessors();
        java.util.function.LongFunction<String> share = ticks -> String.format("%.2f", total == 0 ? 0 : processors * ticks / total);
        return "busy " + share.apply(d[0] + d[1] + d[2] + d[5] + d[6]) + " (kernel " + share.apply(d[2] + d[5] + d[6]) + "), idle "
                + share.apply(d[3]) + ", iowait " + share.apply(d[4]) + ", steal " + share.apply(d[7]);
    }

    /** CPU time of the embedded PostgreSQL (the postmaster listening on the port, and its children), in microseconds. */
    private static final class Postgres {
        private final ProcessHandle postmaster;

        Postgres(int port) {
            postmaster = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(" -p " + port + " ")).orElse(false))
                    .findFirst().orElse(null);
        }

        long cpu() {
            if (postmaster == null) {
                return 0;
            }
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.children())
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1_000).sum();
        }
    }

    /**
     * CPU time of the JVM's threads by what they do, between two calls: the bench's own HTTP client, the HTTP server's
     * event loops, the service's request (worker) threads, Kafka producer I/O threads, the embedded broker, the bench's
     * main thread (ProducerPerformance runs there), the JIT compiler and GC threads (from /proc), and the rest of the
     * process CPU (VM threads, and threads that ended within the phase, such as a ProducerPerformance producer's I/O thread).
     */
    private static final class ThreadCpu {
        private final java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        private Map<Long, Long> last = snapshot();

        private Map<Long, Long> snapshot() {
            Map<Long, Long> cpu = new java.util.HashMap<>();
            for (long id : bean.getAllThreadIds()) {
                long nanos = bean.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
            return cpu;
        }

        /** Microseconds per group since the last call; "other" is what the process used beyond the listed threads. */
        Map<String, Long> since(long processMicros) {
            Map<Long, Long> now = snapshot();
            Map<String, Long> groups = new java.util.LinkedHashMap<>();
            for (String g : List.of("bench client", "http event loops", "request threads", "group commit", "producer I/O", "broker", "bench main",
                    "other threads", "JIT", "GC")) {
                groups.put(g, 0L);
            }
            long listed = 0;
            for (java.lang.management.ThreadInfo info : bean.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
                if (info == null) {
                    continue;
                }
                long micros = (now.get(info.getThreadId()) - last.getOrDefault(info.getThreadId(), 0L)) / 1_000;
                String group = group(info.getThreadName());
                groups.merge(group, micros, Long::sum);
                listed += micros;
            }
            // The JIT compiler and GC threads are not Java threads the bean lists: read from /proc (Linux), by name.
            Map<String, Long> nativeNow = nativeThreads();
            for (Map.Entry<String, Long> t : nativeNow.entrySet()) {
                String group = t.getKey().startsWith("C1 CompilerThre") || t.getKey().startsWith("C2 CompilerThre") ? "JIT" : "GC";
                long micros = t.getValue() - lastNative.getOrDefault(t.getKey(), 0L);
                groups.merge(group, micros, Long::sum);
                listed += micros;
            }
            groups.put("rest of the process (VM threads, threads that ended)", Math.max(0, processMicros - listed));
            last = now;
            lastNative = nativeNow;
            return groups;
        }

        private Map<String, Long> lastNative = nativeThreads();

        /** CPU microseconds of the JIT compiler threads so far (0 when /proc is not there). */
        static long compilerMicros() {
            return nativeThreads().entrySet().stream().filter(t -> t.getKey().startsWith("C1 CompilerThre")
                    || t.getKey().startsWith("C2 CompilerThre")).mapToLong(Map.Entry::getValue).sum();
        }

        /** CPU microseconds of the JIT compiler and GC threads, by thread id and name, from /proc/self/task. */
        private static Map<String, Long> nativeThreads() {
            Map<String, Long> cpu = new java.util.HashMap<>();
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        if (!(name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") || name.startsWith("GC Thread")
                                || name.startsWith("G1 "))) {
                            continue;
                        }
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                        cpu.put(name + " " + task.getFileName(), ticks * 10_000); // 100 ticks per second
                    } catch (java.io.IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                // not Linux: no breakdown
            }
            return cpu;
        }

        private static String group(String name) {
            if (name.startsWith("HttpClient-") || name.startsWith("bench-client-")) {
                return "bench client";
            }
            if (name.startsWith("vert.x-eventloop")) {
                return "http event loops";
            }
            if (name.startsWith("executor-thread")) {
                return "request threads";
            }
            if (name.equals("ledger-group-commit")) {
                return "group commit";
            }
            if (name.startsWith("kafka-producer-network-thread")) {
                return "producer I/O";
            }
            if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-") || name.contains("Kafka")
                    || name.startsWith("broker-") || name.startsWith("controller-") || name.startsWith("quorum-")
                    || name.startsWith("ReplicaFetcher") || name.startsWith("ExpirationReaper") || name.startsWith("LogDirFailureHandler")
                    || name.startsWith("raft-") || name.startsWith("transaction-log-manager") || name.startsWith("group-coordinator")) {
                return "broker";
            }
            if (name.equals("main")) {
                return "bench main";
            }
            return "other threads";
        }
    }

    private double ceiling(String topic, int recordSize, int records, String... producerProps) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Integer.toString(records),
                    "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                    "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true"));
            args.addAll(List.of(producerProps));
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher summary = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(output);
        String last = null;
        while (summary.find()) {
            last = summary.group(2);
        }
        if (last == null) {
            throw new IllegalStateException("no summary from ProducerPerformance:\n" + output);
        }
        line("ProducerPerformance: %s", output.lines().reduce((a, b) -> b).orElse(""));
        return Double.parseDouble(last);
    }

    /** CPU time of this JVM so far, in microseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000;
    }

    private synchronized void line(String format, Object... args) {
        String text = String.format(format, args);
        report.add(text);
        System.out.println("[bench] " + text);
    }
}
