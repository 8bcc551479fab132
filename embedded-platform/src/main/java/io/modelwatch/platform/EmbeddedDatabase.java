package io.modelwatch.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries, run as a child process) with the database
 * {@value #DATABASE} owned by the role {@value #USERNAME} (password {@value #PASSWORD}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "modelwatch";
    public static final String USERNAME = "modelwatch";
    public static final String PASSWORD = "modelwatch";

    private static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    // pg_ctl waits for startup; a busy 2-core CI machine needs more than zonky's 10 s now and then.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port}. With a {@code dataDir} the data stays there between runs
     * and every commit is flushed to disk; with {@code null} it lives in a temporary directory that
     * is deleted on {@link #stop()}, with fsync off (the fast setting for tests).
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT);
        if (dataDir != null) {
            Path absolute = dataDir.toAbsolutePath();
            stopServerLeftRunning(absolute);
            builder.setDataDirectory(absolute)
                    .setCleanDataDirectory(false)
                    // zonky turns both off by default; the local run promises that data survives.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, port);
        try {
            database.createRoleAndDatabase();
        } catch (RuntimeException e) {
            database.stop();
            throw e;
        }
        LOG.info("PostgreSQL started on {}{}", database.jdbcUrl(),
                dataDir == null ? "" : " (data dir " + dataDir.toAbsolutePath() + ")");
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    /** Stops the server (pg_ctl stop -m fast: a clean shutdown with a final checkpoint). */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly", e);
        }
        LOG.info("PostgreSQL on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    private void createRoleAndDatabase() {
        // The superuser connection: zonky's initdb trusts local connections for user postgres.
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USERNAME)) {
                statement.execute("create role " + USERNAME + " login password '" + PASSWORD + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                // The owner of a PostgreSQL 15+ database also owns its public schema.
                statement.execute("create database " + DATABASE + " owner " + USERNAME);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create role and database " + DATABASE + " on port " + port, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /**
     * pg_ctl starts the server detached from this JVM: if a previous run was killed with SIGKILL,
     * its server still holds the data directory and the port. Stop it with a fast shutdown (SIGINT:
     * the services of the previous run may still be connected, and a smart shutdown, SIGTERM, would
     * wait for them while refusing new connections) so this run can start.
     */
    static void stopServerLeftRunning(Path dataDir) {
        Path pidFile = dataDir.toAbsolutePath().resolve("postmaster.pid");
        Optional<ProcessHandle> leftRunning = readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (leftRunning.isEmpty()) {
            return;
        }
        ProcessHandle process = leftRunning.get();
        if (!ownerIsGone(dataDir)) {
            throw new IllegalStateException("PostgreSQL data directory " + dataDir
                    + " is in use by a running platform (postgres pid " + process.pid() + ")");
        }
        LOG.warn("Stopping PostgreSQL left running by a previous run (pid {}, data dir {})", process.pid(), dataDir);
        fastShutdown(process);
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL left running by a previous run (pid " + process.pid()
                    + ") did not stop; stop it and retry", e);
        }
    }

    /** SIGINT, PostgreSQL's fast shutdown: clients are disconnected, the server checkpoints and exits. */
    private static void fastShutdown(ProcessHandle process) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            LOG.warn("kill -INT {} did not run: {}", process.pid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    /** zonky holds a lock on epg-lock while its JVM runs: a lock we can take means its owner is gone. */
    private static boolean ownerIsGone(Path dataDir) {
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException | IOException e) {
            // held in this JVM, or not lockable: not ours to stop
            return false;
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
