package io.modelwatch.platform;

import io.modelwatch.contract.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: KRaft combined mode (one node is broker and controller), a
 * PLAINTEXT listener on 127.0.0.1. Its log directory survives restarts: storage is formatted only
 * when it has never been formatted.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker whose log directory is {@code dataDir} and creates the modelwatch topics
     * ({@link Topics#ALL}) that do not exist yet.
     */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, port, controllerPort);
        kafka.startServer();
        try {
            kafka.createTopics(Topics.ALL);
        } catch (RuntimeException e) {
            kafka.stop();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics that are missing, with replication factor 1; existing topics are left as
     * they are, so this can run on every start.
     */
    public void createTopics(Collection<Topics.Definition> definitions) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "modelwatch-platform-admin"))) {
            Set<String> existing = await(admin.listTopics().names());
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.Definition definition : definitions) {
                if (!existing.contains(definition.name())) {
                    missing.add(new NewTopic(definition.name(), definition.partitions(), (short) 1)
                            .configs(definition.config()));
                }
            }
            createAll(admin, missing);
            warnAboutDifferentPartitions(admin, definitions, existing);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka on {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        Properties properties = serverProperties();
        formatIfNew(properties);
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            // A half-started server still holds threads, ports and the log directory lock.
            starting.shutdown();
            starting.awaitShutdown();
            throw e;
        }
        server = starting;
        LOG.info("Kafka started on {} (log dir {})", bootstrapServers(), dataDir);
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dataDir.toString());
        // A typo in a topic name must fail, not silently create a new topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        // One node: the internal topics cannot have the default replication factor of 3
        // (without offsets.topic.replication.factor=1 consumers never get records).
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each (the defaults) only slow down the first consumer group on one small node.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The compacting cleaner allocates this buffer up front; 128 MB (default) is for real clusters.
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        return p;
    }

    /** Formats the log directory unless it holds a formatted one (meta.properties), so data survives. */
    private void formatIfNew(Properties properties) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        Path configFile = null;
        try {
            Files.createDirectories(dataDir);
            configFile = Files.createTempFile("modelwatch-kafka-", ".properties");
            try (Writer writer = Files.newBufferedWriter(configFile)) {
                properties.store(writer, "written to format " + dataDir);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] arguments = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()};
            int status = StorageTool.execute(arguments, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("Formatting Kafka storage in " + dataDir + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
            LOG.info("Formatted new Kafka storage in {}", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka storage in " + dataDir, e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static void createAll(Admin admin, List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                await(future);
                LOG.info("Created topic {}", name);
            } catch (KafkaAdminException e) {
                // Another process may have created it in between: that is the state we want.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
    }

    private static void warnAboutDifferentPartitions(Admin admin, Collection<Topics.Definition> definitions,
            Set<String> existing) {
        List<String> names = definitions.stream().map(Topics.Definition::name).filter(existing::contains).toList();
        if (names.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames());
        for (Topics.Definition definition : definitions) {
            TopicDescription description = descriptions.get(definition.name());
            if (description != null && description.partitions().size() != definition.partitions()) {
                // Changing the partition count would move keys to other partitions: leave it to a human.
                LOG.warn("Topic {} has {} partitions, the contract says {}; left unchanged",
                        definition.name(), description.partitions().size(), definition.partitions());
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException(e);
        } catch (ExecutionException e) {
            throw new KafkaAdminException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException(e);
        }
    }

    /** An admin call to the embedded broker failed; the cause is Kafka's own exception. */
    static final class KafkaAdminException extends RuntimeException {
        KafkaAdminException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
