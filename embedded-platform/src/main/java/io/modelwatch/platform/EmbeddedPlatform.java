package io.modelwatch.platform;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka and (unless the operator brings their own) PostgreSQL, started and stopped together. */
public final class EmbeddedPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedDatabase database;

    public EmbeddedPlatform(EmbeddedKafka kafka, EmbeddedDatabase database) {
        this.kafka = kafka;
        this.database = database;
    }

    /**
     * Runs both starters side by side (each takes about two seconds, much of it waiting) and
     * returns once both are up. If one fails, the other is stopped again before the failure is
     * rethrown. {@code databaseStarter} may be null: no PostgreSQL.
     */
    public static EmbeddedPlatform start(Supplier<EmbeddedKafka> kafkaStarter, Supplier<EmbeddedDatabase> databaseStarter) {
        CompletableFuture<EmbeddedDatabase> startingDatabase = databaseStarter == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(databaseStarter, task -> new Thread(task, "postgres-start").start());
        EmbeddedKafka kafka;
        try {
            kafka = kafkaStarter.get();
        } catch (RuntimeException | Error e) {
            // Wait for it: a server still starting when the JVM exits would be left running.
            try {
                stopQuietly(startingDatabase.join());
            } catch (CompletionException alsoFailed) {
                e.addSuppressed(alsoFailed.getCause());
            }
            throw e;
        }
        try {
            return new EmbeddedPlatform(kafka, startingDatabase.join());
        } catch (CompletionException e) {
            stopQuietly(kafka);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public Optional<EmbeddedDatabase> database() {
        return Optional.ofNullable(database);
    }

    public PlatformEndpoints endpoints() {
        if (database == null) {
            throw new IllegalStateException("This platform runs without PostgreSQL");
        }
        return new PlatformEndpoints(kafka.bootstrapServers(), database.jdbcUrl(), database.username(),
                database.password());
    }

    /** Stops Kafka (waiting until it has shut down), then PostgreSQL. */
    public void stop() {
        stopQuietly(kafka);
        if (database != null) {
            stopQuietly(database);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void stopQuietly(AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        } catch (Exception e) {
            // Stopping continues with the other component; this one is reported and left behind.
            LOG.warn("Could not stop {} cleanly", component.getClass().getSimpleName(), e);
        }
    }
}
