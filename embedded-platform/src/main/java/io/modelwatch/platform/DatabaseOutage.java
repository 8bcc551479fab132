package io.modelwatch.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes a platform's PostgreSQL away and brings it back, for fault tests: {@link #stop()} is {@code pg_ctl stop -m
 * fast} (clients are disconnected, new connections refused), {@link #start()} is {@code pg_ctl restart}, which
 * starts the server again with the options it had (postmaster.opts) and the same data. Works on any server this
 * user may control, found through a connection: its backend's parent process is the postmaster, whose command line
 * names the binaries and the data directory.
 */
public final class DatabaseOutage {

    private final Path pgCtl;
    private final Path dataDir;

    private DatabaseOutage(Path pgCtl, Path dataDir) {
        this.pgCtl = pgCtl;
        this.dataDir = dataDir;
    }

    /** Finds the postmaster serving {@code endpoints}' database. */
    public static DatabaseOutage of(PlatformEndpoints endpoints) {
        ProcessHandle postmaster;
        // Looked up while the connection is open: its backend process ends with it.
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            long backend = r.getLong(1);
            postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL does not run on this machine: backend " + backend));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + endpoints.jdbcUrl(), e);
        }
        Path postgres = Path.of(postmaster.info().command().orElseThrow(() -> new IllegalStateException("postmaster command unknown")));
        List<String> arguments = List.of(postmaster.info().arguments().orElse(new String[0]));
        int d = arguments.indexOf("-D");
        if (d < 0 || d + 1 >= arguments.size()) {
            throw new IllegalStateException("No data directory on the postmaster's command line: " + arguments);
        }
        return new DatabaseOutage(postgres.resolveSibling("pg_ctl"), Path.of(arguments.get(d + 1)));
    }

    /** Stops the server; connections fail with "connection refused" until {@link #start()}. */
    public void stop() {
        pgCtl("stop", "-m", "fast", "-w");
    }

    /** Starts the stopped server again, with the same options and data. */
    public void start() {
        pgCtl("restart", "-w", "-t", "60", "-l", dataDir.resolve("outage-restart.log").toString());
    }

    private void pgCtl(String... action) {
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root; zonky starts it the same way, as an unprivileged user of a new namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString()));
        command.addAll(List.of(action));
        try {
            Path output = java.nio.file.Files.createTempFile("pg_ctl-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = process.waitFor(90, TimeUnit.SECONDS);
            String said = java.nio.file.Files.readString(output);
            java.nio.file.Files.deleteIfExists(output);
            if (!done || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + action[0] + " failed (" + command + "): " + said);
            }
        } catch (IOException e) {
            throw new IllegalStateException("pg_ctl " + action[0] + " did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during pg_ctl " + action[0], e);
        }
    }
}
