package io.modelwatch.catalog.bench;

import io.modelwatch.platform.EmbeddedDatabase;
import io.modelwatch.platform.EmbeddedKafka;
import io.modelwatch.platform.EmbeddedPlatform;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A platform of the benchmark's own: PostgreSQL with a data directory, so commits are durable (fsync and
 * synchronous_commit on, as in the local run), unlike the tests' shared platform.
 */
public class BenchPlatformResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPlatform platform;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("modelwatch-bench-");
            int kafkaPort = freePort();
            int controllerPort = freePort();
            int postgresPort = freePort();
            platform = EmbeddedPlatform.start(
                    () -> EmbeddedKafka.start(dir.resolve("kafka"), kafkaPort, controllerPort),
                    () -> EmbeddedDatabase.start(dir.resolve("postgres"), postgresPort));
            return platform.endpoints().quarkusConfig();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.stop();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
