package io.modelwatch.platform;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real Kafka broker and a real PostgreSQL for the tests of a service, on free ports:
 * {@code @WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)},
 * or {@link #platform()} in plain JUnit tests. Started once per JVM and shared: {@link #stop()} leaves it running, so every test
 * class and every Quarkus restart of a module run reuses one broker and one database. A JVM
 * shutdown hook stops both and deletes their data.
 */
public class EmbeddedPlatformTestResource implements QuarkusTestResourceLifecycleManager {

    // Quarkus may load this class more than once (one class loader per application start): the
    // running platform is recorded in system properties, which all copies see, and the lock is an
    // interned string literal, the same object for every class loader.
    private static final Object JVM_WIDE_LOCK = "io.modelwatch.platform.EmbeddedPlatformTestResource";
    private static final String BOOTSTRAP_SERVERS = "modelwatch.platform.bootstrap-servers";
    private static final String JDBC_URL = "modelwatch.platform.jdbc-url";
    private static final String USERNAME = "modelwatch.platform.username";
    private static final String PASSWORD = "modelwatch.platform.password";

    private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
            "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.image",
            "org.apache.kafka.metadata", "org.apache.kafka.storage", "org.apache.kafka.server",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.network", "io.zonky",
            // Every Kafka config is dumped through this one logger, ~350 lines each time.
            "org.apache.kafka.common.config.AbstractConfig");
    // JUL holds loggers weakly: a collected logger would forget its level.
    private static final List<Logger> QUIETED = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        return platform().quarkusConfig();
    }

    @Override
    public void stop() {
        // Deliberately empty: the platform outlives this test class (see the class comment).
    }

    /** The platform of this JVM, started on first use. */
    public static PlatformEndpoints platform() {
        synchronized (JVM_WIDE_LOCK) {
            String bootstrapServers = System.getProperty(BOOTSTRAP_SERVERS);
            if (bootstrapServers != null) {
                return new PlatformEndpoints(bootstrapServers, System.getProperty(JDBC_URL),
                        System.getProperty(USERNAME), System.getProperty(PASSWORD));
            }
            PlatformEndpoints endpoints = startPlatform();
            System.setProperty(BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
            System.setProperty(JDBC_URL, endpoints.jdbcUrl());
            System.setProperty(USERNAME, endpoints.username());
            System.setProperty(PASSWORD, endpoints.password());
            return endpoints;
        }
    }

    /**
     * Starts the broker and the database in this JVM. Where a Docker engine is reachable, this is
     * the place to start Testcontainers instead; the rest of the class only needs the endpoints.
     */
    private static PlatformEndpoints startPlatform() {
        quietBrokerLogging();
        Path kafkaDir = createTempDirectory();
        int kafkaPort = freePort();
        int controllerPort = freePort();
        int postgresPort = freePort();
        EmbeddedPlatform platform = EmbeddedPlatform.start(
                () -> EmbeddedKafka.start(kafkaDir, kafkaPort, controllerPort),
                () -> EmbeddedDatabase.start(null, postgresPort));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            deleteRecursively(kafkaDir);
        }, "modelwatch-platform-stop"));
        return platform.endpoints();
    }

    /**
     * The broker and PostgreSQL log ~1,800 INFO lines per module run, before Quarkus has read its
     * log configuration. In Quarkus tests SLF4J logs through jboss-logmanager, which is the JUL
     * LogManager, so JUL levels apply: WARN and above from the server side and from the config
     * dumps; the other client loggers stay as they were. A service's quarkus.log.category settings
     * still win once Quarkus starts. Elsewhere (another SLF4J provider) this changes nothing.
     */
    private static void quietBrokerLogging() {
        for (String name : BROKER_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("modelwatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on right now, on the loopback address; the caller binds it moments later. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // temp data left behind is not worth failing a shutdown for
        }
    }
}
