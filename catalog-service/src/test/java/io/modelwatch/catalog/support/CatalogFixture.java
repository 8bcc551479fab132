package io.modelwatch.catalog.support;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.contract.parameters.ParameterCountParser;
import io.modelwatch.platform.TopicRecords;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds release events as ingest would and sends them to model-releases as binary CloudEvents. */
public final class CatalogFixture implements AutoCloseable {

    public static final ObjectMapper JSON = Json.mapper();

    public final KafkaCompanion kafka;
    /**
     * One producer for the fixture's life: the companion's builds, connects and closes a producer for every send, about
     * a quarter of a second each here, and the browser tests send dozens of announcements per test.
     */
    private final KafkaProducer<String, String> producer;

    public CatalogFixture(String bootstrapServers) {
        this.kafka = new KafkaCompanion(bootstrapServers);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "catalog-fixture-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer());
    }

    /** Every record the topic holds now. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return TopicRecords.readAll(kafka, topic);
    }

    /** Sends the records, in order, and waits for the broker's acknowledgement of each. */
    @SafeVarargs
    public final void send(ProducerRecord<String, String>... records) {
        List<Future<RecordMetadata>> acks = java.util.Arrays.stream(records).map(producer::send).toList();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge a test record", e);
        }
    }

    /** An announcement builder with sensible defaults; every field can be changed. */
    public static Announcement announcement(String name) {
        return new Announcement(name);
    }

    public static final class Announcement {
        public String name;
        public Kind kind = Kind.MODEL;
        public List<Organization> organizations = List.of(new Organization("DeepMind", "GB"));
        public String published;
        public String parameters;
        public List<String> modalities = List.of("text");
        public List<String> tags = List.of();
        public Accessibility accessibility = Accessibility.UNRELEASED;
        public Confidence confidence = Confidence.CONFIDENT;
        public String publisher = "test";
        public Instant announcedAt = Instant.parse("2022-01-01T00:00:00Z");
        public io.modelwatch.contract.LocalizedText summary;

        Announcement(String name) {
            this.name = name;
        }

        public Announcement orgs(Organization... orgs) { organizations = List.of(orgs); return this; }
        public Announcement published(String p) { published = p; return this; }
        public Announcement parameters(String p) { parameters = p; return this; }
        public Announcement tags(String... t) { tags = List.of(t); return this; }
        public Announcement modalities(String... m) { modalities = List.of(m); return this; }
        public Announcement accessibility(Accessibility a) { accessibility = a; return this; }
        public Announcement confidence(Confidence c) { confidence = c; return this; }
        public Announcement publisher(String p) { publisher = p; return this; }
        public Announcement at(String instant) { announcedAt = Instant.parse(instant); return this; }
        public Announcement kind(Kind k) { kind = k; return this; }
        public Announcement summary(String en, String zh) { summary = new io.modelwatch.contract.LocalizedText(en, zh); return this; }

        public ReleaseAnnounced event() {
            return ReleaseAnnouncedBuilder.builder().slug(Slugs.of(name)).kind(kind).name(name).organizations(organizations)
                    .published(published == null ? null : PublishedDate.parse(published))
                    .parameters(parameters == null ? null : ParameterCountParser.parse(parameters)).modalities(modalities).tasks(List.of())
                    .accessibility(accessibility).tags(tags).summary(summary).confidence(confidence).publisher(publisher)
                    .announcedAt(announcedAt).build();
        }
    }

    /** Sends the announcement (keyed like ingest does, by the slug of its name); returns its event id. */
    public String announce(Announcement a) {
        String id = UUID.randomUUID().toString();
        announce(id, a.event());
        return id;
    }

    /** Sends every announcement in one go (the producer batches them) and waits for the broker's acknowledgements. */
    @SuppressWarnings("unchecked")
    public void announceAll(List<Announcement> all) {
        send(all.stream().map(a -> TopicRecords.cloudEvent(Topics.MODEL_RELEASES, a.event().slug(), UUID.randomUUID().toString(),
                EventTypes.RELEASE_ANNOUNCED, write(a.event()))).toArray(ProducerRecord[]::new));
    }

    public void announce(String eventId, ReleaseAnnounced event) {
        send(TopicRecords.cloudEvent(Topics.MODEL_RELEASES, event.slug(), eventId, EventTypes.RELEASE_ANNOUNCED, write(event)));
    }

    /**
     * Announces demo/releases.json with {@code suffix} after every name, its dates moved so that 2022 becomes
     * {@code year} (2021 the year before), each entry tagged {@code tag}; returns the names announced.
     */
    public List<String> announceDemo(String suffix, int year, String tag) throws java.io.IOException {
        List<String> names = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode demo = JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("../demo/releases.json")));
        for (com.fasterxml.jackson.databind.JsonNode a : demo) {
            String name = a.get("name").asText().strip() + suffix;
            String published = a.path("published").asText("");
            published = published.isEmpty() ? null : (year + Integer.parseInt(published.substring(0, 4)) - 2022) + published.substring(4);
            List<Organization> orgs = new java.util.ArrayList<>();
            a.get("organizations").forEach(o -> orgs.add(new Organization(o.get("name").asText(),
                    o.hasNonNull("country") ? o.get("country").asText().toUpperCase(java.util.Locale.ROOT) : null)));
            com.fasterxml.jackson.databind.JsonNode p = a.get("parameters");
            List<String> modalities = new java.util.ArrayList<>();
            a.path("modalities").forEach(m -> modalities.add(m.asText()));
            announce(UUID.randomUUID().toString(), ReleaseAnnouncedBuilder.builder().slug(Slugs.of(name))
                    .kind(a.hasNonNull("kind") ? JSON.convertValue(a.get("kind").asText(), Kind.class) : Kind.MODEL)
                    .name(name).nameZh(a.hasNonNull("nameZh") ? a.get("nameZh").asText() + suffix : null).organizations(orgs).published(published == null ? null : PublishedDate.parse(published))
                    .parameters(p == null || p.isNull() ? null : p.isIntegralNumber()
                            ? ParameterCountParser.of(p.asLong())
                            : ParameterCountParser.parse(p.asText()))
                    .modalities(modalities).tasks(List.of())
                    .accessibility(a.hasNonNull("accessibility") ? JSON.convertValue(a.get("accessibility").asText(), Accessibility.class) : null)
                    .tags(List.of(tag))
                    .summary(a.hasNonNull("summary") ? JSON.convertValue(a.get("summary"), io.modelwatch.contract.LocalizedText.class) : null)
                    .source(a.hasNonNull("source") ? JSON.convertValue(a.get("source"), io.modelwatch.contract.Source.class) : null)
                    .confidence(Confidence.CONFIDENT).publisher("demo").announcedAt(Instant.parse("2022-07-15T00:00:00Z")).build());
            names.add(name);
        }
        return names;
    }

    public String retract(String slug, String announcementEventId) {
        String id = UUID.randomUUID().toString();
        send(TopicRecords.cloudEvent(Topics.MODEL_RELEASES, slug, id, EventTypes.RELEASE_RETRACTED,
                write(new ReleaseRetracted(slug, announcementEventId, "test retraction", "test", Instant.now()))));
        return id;
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 13);
    }

    private static final AtomicInteger YEARS = new AtomicInteger();

    /**
     * A far-future year no other test of this JVM gets, nor the year before it (the demo data use both), so period
     * queries of one test see only its own entries. The test database lives exactly as long as the JVM.
     */
    public static int ownYear() {
        return 3000 + 2 * YEARS.incrementAndGet();
    }

    public static void awaitModel(String slug, int announcements) {
        awaiting().untilAsserted(() -> when().get("/api/v1/models/" + slug)
                .then().statusCode(200).body("announcements", equalTo(announcements)));
    }

    public static void awaitRevision(String slug, int revision) {
        awaiting().untilAsserted(() -> when().get("/api/v1/models/" + slug)
                .then().statusCode(200).body("revision", equalTo(revision)));
    }

    /**
     * At most 60 s, checking at once and then every 50 ms (Awaitility's default waits 100 ms before its first check,
     * which the browser tests, awaiting some thirty entries before each test, paid some thirty times).
     */
    private static org.awaitility.core.ConditionFactory awaiting() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        kafka.close();
    }
}
