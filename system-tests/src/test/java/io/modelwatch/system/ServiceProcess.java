package io.modelwatch.system;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (target/quarkus-app/quarkus-run.jar) running as its own JVM, as in production. */
final class ServiceProcess implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("modelwatch.root", "..")).toAbsolutePath().normalize();
    // Generous: a service starts in seconds, but on a 2-core machine shared with other builds it has taken 90 s.
    private static final long START_TIMEOUT_SECONDS = Long.getLong("modelwatch.start-timeout-seconds", 240);
    // The JVM options ./modelwatch gives every process (an argument file), then extra ones, as MODELWATCH_JAVA_OPTS in
    // ./modelwatch (to compare JIT or GC settings: a later option wins).
    private static final List<String> JAVA_OPTS = Arrays.stream(System.getProperty("modelwatch.java-opts", "").trim().split("\\s+"))
            .filter(option -> !option.isEmpty()).toList();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Map<String, String> env) {
        this(name, name, env);
    }

    /** @param instance names the log of this process, when a service runs more than once (replicas) */
    ServiceProcess(String name, String instance, Map<String, String> env) {
        this.name = name;
        this.port = EmbeddedPlatformTestResource.freePort();
        this.env = new HashMap<>(env);
        this.env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.log = ROOT.resolve("system-tests/target/services/" + instance + ".log");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** The JVM's process id (for {@link ProcessCpu}). */
    long pid() {
        return process.pid();
    }

    /** Starts the JVM and waits until /q/health/ready answers 200. */
    ServiceProcess start() {
        Path jar = ROOT.resolve(name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn package' (mvn verify builds it before this test)");
        }
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + ROOT.resolve("deploy/local/jvm.options"), "-Xmx256m"));
            command.addAll(JAVA_OPTS);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(START_TIMEOUT_SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return this;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + START_TIMEOUT_SECONDS + " s; see " + log);
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful commit, the harshest way to stop. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
