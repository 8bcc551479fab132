package io.modelwatch.catalog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.modelwatch.catalog.messaging.OutboxRelay;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.store.ChangeWriter;
import io.modelwatch.catalog.store.Changes;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.catalog.store.Statements;
import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.catalog.domain.ModelMerger;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.contract.parameters.ParameterCount;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name matches no surefire include, so {@code mvn test} never runs it): the catalog benchmark,
 * run with {@code mvn -B -pl catalog-service -am -Pbench test -Dtest=CatalogBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: -Dbench.events=200000 -Dbench.models=50000 -Dbench.requests=2000, the defaults; -Dbench.log=DEBUG shows
 * each batch's stages). It
 * <ol>
 * <li>pre-loads model-releases with N announcements over M models (four spellings of each name, organisations
 * partly through aliases, shuffled), while the catalog's consumer is paused;</li>
 * <li>measures PostgreSQL's own ceiling on the same database in the same run: 500-event transactions of a
 * plain JDBC batch upsert of the entry plus a processed-event insert, durable commits;</li>
 * <li>resumes the consumer and measures how fast the catalog materialises the whole topic (provenance,
 * resolution, revisions, outbox and all, with the relay publishing at the same time);</li>
 * <li>measures p50/p99 of GET /api/v1/models with filters over the resulting catalog.</li>
 * </ol>
 * The figures go to stdout and target/bench-results.txt. The machine is shared: compare the catalog with
 * the ceiling of the same run, not with other runs.
 */
@QuarkusTest
@TestProfile(CatalogBenchmark.Profile.class)
@WithTestResource(BenchPlatformResource.class)
@Tag("bench")
class CatalogBenchmark {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.model-releases.pausable", "true",
                    "mp.messaging.incoming.model-releases.initially-paused", "true",
                    "quarkus.log.category.\"io.modelwatch\".level", System.getProperty("bench.log", "WARN"),
                    "quarkus.log.category.\"io.modelwatch.catalog\".min-level", "DEBUG",
                    "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                    "quarkus.log.category.\"kafka\".level", "WARN",
                    "quarkus.datasource.jdbc.max-size", "16");
        }
    }

    static final int EVENTS = Integer.getInteger("bench.events", 200_000);
    static final int MODELS = Integer.getInteger("bench.models", 50_000);
    static final int REQUESTS = Integer.getInteger("bench.requests", 2_000);
    static final ObjectMapper JSON = Json.mapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChannelRegistry channels;

    @TestHTTPResource("/api/v1/models")
    URL modelsUrl;

    private final StringBuilder report = new StringBuilder();

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[bench] " + line);
        report.append(line).append('\n');
    }

    record Event(String id, String key, String json, String slug) {
    }

    static List<Event> generate() throws Exception {
        Random random = new Random(42);
        String[] countries = {"US", "CN", "GB", "FR", "DE", "CA", "JP", "KR", "SG", "IL"};
        String[] curated = {"Google Brain", "百度", "Alibaba DAMO Academy", "Meta AI", "澜舟科技", "Microsoft Research"};
        String[] modalities = {"text", "image", "audio", "video", "code"};
        Accessibility[] access = Accessibility.values();
        Confidence[] confidence = Confidence.values();
        List<Event> events = new ArrayList<>(EVENTS);
        for (int n = 0; n < EVENTS; n++) {
            int model = n % MODELS;
            int variant = n / MODELS;
            String base = "BM-" + model;
            String name = switch (variant % 4) {
                case 0 -> base;
                case 1 -> "BM " + model;
                case 2 -> "bm" + model;
                default -> base + " (" + (1 + model % 500) + "B)";
            };
            List<Organization> orgs = new ArrayList<>();
            orgs.add(random.nextInt(10) == 0 ? new Organization(curated[random.nextInt(curated.length)], null)
                    : new Organization("Lab " + (model % 400), countries[model % countries.length]));
            if (random.nextInt(4) == 0) {
                orgs.add(new Organization("Lab " + random.nextInt(400), countries[random.nextInt(countries.length)]));
            }
            int year = 2015 + model % 10;
            String published = switch (random.nextInt(3)) {
                case 0 -> String.valueOf(year);
                case 1 -> String.format("%d-%02d", year, 1 + random.nextInt(12));
                default -> String.format("%d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            };
            long parameters = (1 + random.nextInt(1000)) * 100_000_000L;
            // The builder's calls draw from the seeded random in the order the data set has always drawn them.
            ReleaseAnnounced a = ReleaseAnnouncedBuilder.builder().slug(Slugs.of(name)).kind(Kind.MODEL).name(name).organizations(orgs)
                    .published(PublishedDate.parse(published))
                    .parameters(random.nextInt(5) == 0 ? null : new ParameterCount(parameters, parameters / 100_000_000L / 10.0 + "B", false))
                    .modalities(List.of(modalities[random.nextInt(modalities.length)])).tasks(List.of())
                    .accessibility(access[random.nextInt(access.length)])
                    .architecture("decoder-only").tags(List.of("tag-" + random.nextInt(50)))
                    .summary(new LocalizedText("Benchmark model " + model + " from lab " + (model % 400),
                            random.nextInt(3) == 0 ? "基准模型" + model : null))
                    .confidence(confidence[random.nextInt(confidence.length)]).publisher("bench-" + random.nextInt(5))
                    .announcedAt(Instant.parse("2022-01-01T00:00:00Z").plusSeconds(random.nextInt(10_000_000))).build();
            events.add(new Event(UUID.randomUUID().toString(), a.slug(), JSON.writeValueAsString(a), Slugs.of(base)));
        }
        Collections.shuffle(events, random);
        return events;
    }

    @Test
    void drainAndQuery() throws Exception {
        say("Catalog benchmark, %s, %d cores; %d announcements over %d models; PostgreSQL with fsync and synchronous_commit on",
                Instant.now(), Runtime.getRuntime().availableProcessors(), EVENTS, MODELS);
        List<Event> events = generate();
        say("average announcement: %d bytes of JSON", events.stream().mapToInt(e -> e.json().length()).sum() / events.size());

        long t0 = System.nanoTime();
        preload(events);
        say("pre-load of model-releases: %.1f s", (System.nanoTime() - t0) / 1e9);

        Cpu cpuBefore = cpu();
        ceilingSeconds = ceiling(events);
        Cpu ceilingCpu = cpu().minus(cpuBefore);
        say("  CPU during the ceiling: PostgreSQL %.0f us/event, this JVM %.0f us/event; load average %s",
                ceilingCpu.postgresNanos() / 1e3 / EVENTS, ceilingCpu.jvmNanos() / 1e3 / EVENTS, loadAverage());

        // Diagnostics (-Dbench.bound.without=index,index;index...): the bound again without those indexes, to see
        // what they cost; each variant runs on the emptied tables and the indexes are rebuilt afterwards.
        for (String variant : System.getProperty("bench.bound.without", "").split(";")) {
            if (!variant.isBlank()) {
                schemaBoundWithout(events, List.of(variant.split(",")));
            }
        }
        cpuBefore = cpu();
        double boundSeconds = schemaBound(events);
        Cpu boundCpu = cpu().minus(cpuBefore);
        say("  CPU during the schema bound: PostgreSQL %.0f us/event, this JVM (mostly untimed preparation) %.0f us/event; load average %s",
                boundCpu.postgresNanos() / 1e3 / EVENTS, boundCpu.jvmNanos() / 1e3 / EVENTS, loadAverage());

        long before = count("select count(*) from processed_event");
        cpuBefore = cpu();
        long start = System.nanoTime();
        channels.getPausable("model-releases").resume();
        long done;
        long lastReport = start;
        while ((done = count("select count(*) from processed_event") - before) < EVENTS) {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > 15e9) {
                lastReport = System.nanoTime();
                say("  ... %d events after %.0f s", done, (lastReport - start) / 1e9);
            }
            if (System.nanoTime() - start > 900e9) {
                throw new IllegalStateException("the catalog did not drain the topic in 15 minutes: " + done + " events");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu drainCpu = cpu().minus(cpuBefore);
        say("  CPU during the drain: PostgreSQL %.0f us/event, this JVM (catalog, relay, broker, JIT) %.0f us/event; load average %s",
                drainCpu.postgresNanos() / 1e3 / EVENTS, drainCpu.jvmNanos() / 1e3 / EVENTS, loadAverage());
        say("catalog drain: %d events in %.1f s = %.0f events/s (entries: %d, revisions: %d, outbox rows still waiting: %d)",
                EVENTS, seconds, EVENTS / seconds, count("select count(*) from model"), count("select count(*) from model_revision"),
                count("select count(*) from outbox_event"));

        say("ratios: drain / schema bound %.0f %%, schema bound / 2-row ceiling %.0f %%, drain / 2-row ceiling %.0f %%",
                100 * (EVENTS / seconds) / (EVENTS / boundSeconds), 100 * (EVENTS / boundSeconds) / (EVENTS / ceilingSeconds),
                100 * (EVENTS / seconds) / (EVENTS / ceilingSeconds));

        queries();
        Files.writeString(Path.of("target/bench-results.txt"), report.toString());
    }

    /** CPU time used so far by this JVM and by the benchmark's PostgreSQL (postmaster and its backends). */
    record Cpu(long jvmNanos, long postgresNanos) {
        Cpu minus(Cpu other) {
            return new Cpu(jvmNanos - other.jvmNanos, postgresNanos - other.postgresNanos);
        }
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private Cpu cpu() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        String port = "-p " + URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        long postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && p.info().commandLine().map(c -> c.contains(port + " ") || c.endsWith(port)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
                .sum();
        return new Cpu(jvm, postgres);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private void preload(List<Event> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (Event e : events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.MODEL_RELEASES, e.key(), e.json());
                record.headers().add("ce_id", e.id().getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_type", EventTypes.RELEASE_ANNOUNCED.getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_source", "/modelwatch/bench".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** PostgreSQL's ceiling for this shape of work: per 500 events, one upsert per entry and one processed row per event. */
    private double ceilingSeconds;

    @Inject
    ChangeWriter writer;

    @Inject
    CachedOrganizations organizations;

    @Inject
    JsonDocuments documents;

    @Inject
    OutboxRelay relay;

    static final int BOUND_BATCH = 5_000;

    /**
     * The schema's own bound: exactly the rows the catalog's write path writes for these events, on the catalog's
     * own tables (same indexes, same statements: ChangeWriter.statements, plus the two inserts of
     * BatchStore.prepare), in transactions of 5,000 events with durable commits, with no Kafka, no reads, no
     * locks and no merge logic in the timed part: each batch's rows (merged snapshots, search text, facts) are built
     * before its clock starts. The relay is stopped meanwhile and the tables are emptied afterwards, so the drain
     * starts from the same empty catalog. Prints the wall time of each statement; returns the timed seconds.
     */
    private double schemaBound(List<Event> events) throws Exception {
        relay.stop();
        OrganizationDirectory directory = organizations.freshDirectory();
        Map<String, LinkedHashMap<String, Assertion>> bySlug = new java.util.HashMap<>();
        Map<String, Long> revisions = new java.util.HashMap<>();
        Map<String, Long> perStatement = new LinkedHashMap<>();
        long timed = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < events.size(); from += BOUND_BATCH) {
                // untimed: what the catalog computes before it writes
                List<Event> slice = events.subList(from, Math.min(from + BOUND_BATCH, events.size()));
                Instant now = Instant.now();
                Changes changes = new Changes();
                Map<String, ModelChanged> latest = new LinkedHashMap<>();
                Map<String, String> latestJson = new java.util.HashMap<>();
                Map<String, String[]> aliases = new java.util.TreeMap<>();
                for (Event e : slice) {
                    ReleaseAnnounced a = JSON.readValue(e.json(), ReleaseAnnounced.class);
                    aliases.putIfAbsent(ModelIdentity.key(a.name()), new String[] {e.slug(), a.name()});
                    Assertion assertion = new Assertion(e.id(), a);
                    bySlug.computeIfAbsent(e.slug(), k -> new LinkedHashMap<>()).put(e.id(), assertion);
                    changes.addAssertion(assertion, e.slug());
                    long revision = revisions.merge(e.slug(), 1L, Long::sum);
                    ModelChanged entry = ModelMerger.recompute(e.slug(), revision, bySlug.get(e.slug()).values(), directory, List.of());
                    String snapshot = documents.write(entry);
                    changes.revision(new Changes.Revision(e.slug(), revision, "announced", e.id(), snapshot, now));
                    latest.put(e.slug(), entry);
                    latestJson.put(e.slug(), snapshot);
                }
                latest.forEach((slug, entry) -> changes.show(new Changes.Shown(entry, latestJson.get(slug), directory)));
                Statements statements = writer.statements(changes, EventTypes.MODEL_CHANGED, now);
                String[] ids = slice.stream().map(Event::id).toArray(String[]::new);
                String[] types = slice.stream().map(e -> EventTypes.RELEASE_ANNOUNCED).toArray(String[]::new);

                long start = System.nanoTime();
                long t = start;
                try (PreparedStatement s = c.prepareStatement("insert into processed_event (event_id, event_type, processed_at) "
                        + "select id, type, ? from unnest(?::text[], ?::text[]) as e(id, type) on conflict do nothing returning event_id")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setArray(2, c.createArrayOf("text", ids));
                    s.setArray(3, c.createArrayOf("text", types));
                    s.executeQuery().close();
                }
                perStatement.merge("processed_event insert", System.nanoTime() - t, Long::sum);
                t = System.nanoTime();
                try (PreparedStatement s = c.prepareStatement("insert into model_alias (name_key, slug, name, added_by, created_at) "
                        + "select c.k, coalesce(r.target, c.s), c.n, 'announcement', ? from unnest(?::text[], ?::text[], ?::text[]) as c(k, s, n) "
                        + "left join model_redirect r on r.slug = c.s order by c.k on conflict do nothing")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setArray(2, c.createArrayOf("text", aliases.keySet().toArray(String[]::new)));
                    s.setArray(3, c.createArrayOf("text", aliases.values().stream().map(v -> v[0]).toArray(String[]::new)));
                    s.setArray(4, c.createArrayOf("text", aliases.values().stream().map(v -> v[1]).toArray(String[]::new)));
                    s.executeUpdate();
                }
                perStatement.merge("model_alias insert", System.nanoTime() - t, Long::sum);
                for (Statements.Statement statement : statements.list()) {
                    t = System.nanoTime();
                    try (PreparedStatement s = c.prepareStatement(statement.sql())) {
                        statement.bind(s, 1);
                        s.execute();
                    }
                    perStatement.merge(statementName(statement.sql()), System.nanoTime() - t, Long::sum);
                }
                t = System.nanoTime();
                c.commit();
                perStatement.merge("commit", System.nanoTime() - t, Long::sum);
                timed += System.nanoTime() - start;
            }
            double seconds = timed / 1e9;
            say("schema bound (the catalog's rows per event on its own tables, ChangeWriter's statements, %d-event transactions, no Kafka/reads/merge in the timed part): %.1f s = %.0f events/s",
                    BOUND_BATCH, seconds, events.size() / seconds);
            long total = timed;
            perStatement.forEach((name, nanos) -> say("  %-40s %5.1f s  %4.0f %%  %6.1f us/event", name, nanos / 1e9, 100.0 * nanos / total,
                    nanos / 1e3 / events.size()));
            try (Statement s = c.createStatement()) {
                s.execute("truncate processed_event, assertion, model_revision, outbox_event, model, model_alias");
            }
            c.commit();
            return seconds;
        } finally {
            relay.start();
        }
    }

    private void schemaBoundWithout(List<Event> events, List<String> indexes) throws Exception {
        List<String> definitions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String index : indexes) {
                try (ResultSet r = s.executeQuery("select pg_get_indexdef('" + index.strip() + "'::regclass)")) {
                    r.next();
                    definitions.add(r.getString(1));
                }
                s.execute("drop index " + index.strip());
            }
        }
        say("diagnostic: the schema bound without the indexes %s", indexes);
        schemaBound(events);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String definition : definitions) {
                s.execute(definition);
            }
        }
    }

    /** "insert into model_revision ..." -> "model_revision insert" (the first table a statement writes). */
    static String statementName(String sql) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(insert into|delete from|update) (\\w+)").matcher(sql);
        if (!m.find()) {
            return sql.substring(0, Math.min(30, sql.length()));
        }
        String name = m.group(2) + " " + m.group(1).split(" ")[0];
        return sql.contains("insert into outbox_event") && !name.startsWith("outbox") ? name + " + outbox_event insert" : name;
    }

    private double ceiling(List<Event> events) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_model (slug text primary key, revision bigint not null, snapshot jsonb not null, updated_at timestamptz not null)");
            s.execute("create table if not exists bench_processed (event_id text primary key, event_type text not null, processed_at timestamptz not null)");
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement processed = c.prepareStatement("insert into bench_processed values (?, ?, ?) on conflict do nothing");
                 PreparedStatement upsert = c.prepareStatement("insert into bench_model values (?, 1, ?::jsonb, ?) on conflict (slug) do update "
                         + "set revision = bench_model.revision + 1, snapshot = excluded.snapshot, updated_at = excluded.updated_at")) {
                for (int from = 0; from < events.size(); from += 500) {
                    Timestamp now = Timestamp.from(Instant.now());
                    Map<String, Event> latest = new LinkedHashMap<>();
                    for (Event e : events.subList(from, Math.min(from + 500, events.size()))) {
                        processed.setString(1, e.id());
                        processed.setString(2, EventTypes.RELEASE_ANNOUNCED);
                        processed.setTimestamp(3, now);
                        processed.addBatch();
                        latest.put(e.slug(), e);
                    }
                    for (Event e : latest.values()) {
                        upsert.setString(1, e.slug());
                        upsert.setString(2, e.json());
                        upsert.setTimestamp(3, now);
                        upsert.addBatch();
                    }
                    processed.executeBatch();
                    upsert.executeBatch();
                    c.commit();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        say("PostgreSQL ceiling (plain JDBC, 500-event transactions: upsert + processed-event insert): %.1f s = %.0f events/s",
                seconds, events.size() / seconds);
        return seconds;
    }

    private void queries() throws Exception {
        List<String> filters = List.of("limit=50", "country=CN&limit=50", "q=" + URLEncoder.encode("bm-4242", StandardCharsets.UTF_8),
                "q=" + URLEncoder.encode("基准模型", StandardCharsets.UTF_8) + "&limit=20",
                "from=2019&to=2020-06&sort=-published&limit=50", "minParameters=10B&modality=image&sort=-parameters&limit=50",
                "organization=" + URLEncoder.encode("Google Research", StandardCharsets.UTF_8) + "&accessibility=api",
                "tag=tag-7&kind=model&sort=name&limit=100", "country=US,GB&maxParameters=5B&limit=50");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            get(http, filters.get(i % filters.size()));
        }
        long[] all = new long[REQUESTS];
        Map<String, List<Long>> perFilter = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String f = filters.get(i % filters.size());
            long t = System.nanoTime();
            get(http, f);
            all[i] = System.nanoTime() - t;
            perFilter.computeIfAbsent(f, k -> new ArrayList<>()).add(all[i]);
        }
        Arrays.sort(all);
        say("GET /api/v1/models with filters, %d sequential requests over %d entries: p50 %.1f ms, p99 %.1f ms",
                REQUESTS, count("select count(*) from model"), all[REQUESTS / 2] / 1e6, all[(int) (REQUESTS * 0.99)] / 1e6);
        perFilter.forEach((f, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            say("  %-70s p50 %6.1f ms  p99 %6.1f ms", f, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        });
    }

    private void get(HttpClient http, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(modelsUrl + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
