package io.modelwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedPlatformTest {

    @Test
    void sharedPlatformHasRealKafkaWithTheContractTopics() throws Exception {
        PlatformEndpoints platform = EmbeddedPlatformTestResource.platform();
        String key = "model-" + UUID.randomUUID();

        produce(platform.bootstrapServers(), Topics.MODEL_RELEASES, key, "{\"slug\":\"llama-9\"}");

        assertThat(consumeAll(platform.bootstrapServers(), Topics.MODEL_RELEASES, 1))
                .anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(key);
                    assertThat(record.value()).isEqualTo("{\"slug\":\"llama-9\"}");
                });
        try (Admin admin = admin(platform.bootstrapServers())) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of(Topics.MODEL_RELEASES, Topics.MODEL_CHANGES)).allTopicNames().get();
            assertThat(topics.get(Topics.MODEL_RELEASES).partitions()).hasSize(6);
            ConfigResource changes = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MODEL_CHANGES);
            Config config = admin.describeConfigs(List.of(changes)).all().get().get(changes);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.listTopics().names().get())
                    .containsAll(Topics.ALL.stream().map(Topics.Definition::name).toList());
        }
    }

    @Test
    void sharedPlatformIsStartedOnceAndReturnsTheQuarkusConfig() {
        PlatformEndpoints first = EmbeddedPlatformTestResource.platform();
        Map<String, String> config = new EmbeddedPlatformTestResource().start();

        assertThat(EmbeddedPlatformTestResource.platform()).isEqualTo(first);
        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password");
        assertThat(config.get("kafka.bootstrap.servers")).isEqualTo(first.bootstrapServers());
        assertThat(config.get("quarkus.datasource.jdbc.url")).startsWith("jdbc:postgresql://127.0.0.1:")
                .endsWith("/modelwatch");
    }

    @Test
    void sharedPlatformHasRealPostgresql() throws SQLException {
        PlatformEndpoints platform = EmbeddedPlatformTestResource.platform();
        String table = "round_trip_" + UUID.randomUUID().toString().replace("-", "");

        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), platform.username(),
                platform.password());
                Statement statement = connection.createStatement()) {
            assertThat(queryInt(statement, "select 1")).isEqualTo(1);
            statement.execute("create table " + table + " (id int primary key, name text not null)");
            statement.execute("insert into " + table + " values (7, 'gemma')");
            try (ResultSet result = statement.executeQuery("select name from " + table + " where id = 7")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("gemma");
            }
            assertThat(queryString(statement, "select current_user")).isEqualTo("modelwatch");
            assertThat(queryString(statement, "show server_version")).startsWith("17.");
        }
    }

    @Test
    void databaseKeepsItsDataAcrossRestarts(@TempDir Path dataDir) throws SQLException {
        int port = EmbeddedPlatformTestResource.freePort();
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "show fsync")).isEqualTo("on");
            assertThat(queryString(statement, "show synchronous_commit")).isEqualTo("on");
            statement.execute("create table kept (name text)");
            statement.execute("insert into kept values ('mistral')");
        } finally {
            database.stop();
        }

        EmbeddedDatabase restarted = EmbeddedDatabase.start(dataDir, port);
        try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl(), restarted.username(),
                restarted.password());
                Statement statement = connection.createStatement()) {
            assertThat(queryString(statement, "select name from kept")).isEqualTo("mistral");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void kafkaKeepsItsRecordsAcrossRestarts(@TempDir Path dataDir) throws Exception {
        int port = EmbeddedPlatformTestResource.freePort();
        int controllerPort = EmbeddedPlatformTestResource.freePort();
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port, controllerPort);
        try {
            produce(kafka.bootstrapServers(), Topics.MODEL_CHANGES, "qwen", "snapshot-1");
        } finally {
            kafka.stop();
        }

        // Same directory: no second format, the topics are found rather than created again.
        EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, port, controllerPort);
        try {
            assertThat(consumeAll(restarted.bootstrapServers(), Topics.MODEL_CHANGES, 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("snapshot-1");
        } finally {
            restarted.stop();
        }
    }

    private static void produce(String bootstrapServers, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads the topic from the beginning with a fresh group until {@code atLeast} records came. */
    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrapServers, String topic, int atLeast) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static int queryInt(Statement statement, String query) throws SQLException {
        return Integer.parseInt(queryString(statement, query));
    }

    private static String queryString(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).as("a row from %s", query).isTrue();
            return result.getString(1);
        }
    }
}
