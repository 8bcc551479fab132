package io.modelwatch.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The platform behind {@code ./modelwatch up}: Kafka, PostgreSQL and a mail catcher (GreenMail SMTP, with a page
 * listing the mails) in one long-lived JVM, their data under {@code --data-dir} so it survives restarts. Prints one {@code READY ...} line to
 * stdout (and to {@code <data-dir>/platform.ready}) once both accept connections, then runs until
 * SIGTERM/SIGINT, which stops Kafka, then PostgreSQL.
 *
 * <pre>
 * java -jar embedded-platform-launcher.jar [--data-dir DIR] [--kafka-port 9092] [--kafka-controller-port 9093]
 *                                 [--postgres-port 15432] [--no-postgres] [--smtp-port 2525] [--mail-port 8025] [--no-mail]
 * </pre>
 */
public final class LocalPlatform {

    static final String READY_FILE = "platform.ready";
    private static final String LOCK_FILE = "platform.lock";
    private static final String USAGE = "usage: java -jar embedded-platform-launcher.jar [--data-dir DIR] [--kafka-port PORT]"
            + " [--kafka-controller-port PORT] [--postgres-port PORT] [--no-postgres] [--smtp-port PORT] [--mail-port PORT] [--no-mail]";
    private static final long STARTUP_GRACE_SECONDS = 60;

    private final Options options;
    private final CountDownLatch startupFinished = new CountDownLatch(1);
    private volatile EmbeddedPlatform running;
    private volatile LocalMailbox mailbox;
    private volatile boolean terminating;
    // Held for the life of the process; the field keeps it from being garbage-collected and released.
    private FileLock dataDirLock;

    public LocalPlatform(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // Before the first logger exists: Kafka's INFO chatter stays off, stdout carries the READY
        // line only. Named so that nothing but this entry point picks the configuration up.
        setIfAbsent("log4j2.configurationFile", "modelwatch-platform-log4j2.xml");

        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("modelwatch platform: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            new LocalPlatform(options).runUntilTerminated();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("modelwatch platform: could not start: " + describe(e));
            // The shutdown hook stops whatever did start.
            System.exit(1);
        }
    }

    /** Starts the platform, announces it and blocks until the JVM is terminated. */
    public void runUntilTerminated() throws InterruptedException {
        start();
        new CountDownLatch(1).await();
    }

    /** Starts Kafka and PostgreSQL, then prints the READY line and writes it to the ready file. */
    void start() {
        Path dataDir = options.dataDir().toAbsolutePath();
        Path readyFile = dataDir.resolve(READY_FILE);
        try {
            Files.createDirectories(dataDir);
            lockDataDir(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use data directory " + dataDir, e);
        }
        if (options.withPostgres()) {
            // Before the port check: a server left behind by a killed run holds our own port.
            EmbeddedDatabase.stopServerLeftRunning(dataDir.resolve("postgres"));
        }
        checkPortsAreFree();
        try {
            // A leftover from a killed run must not announce a platform that is not up yet.
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use data directory " + dataDir, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(readyFile), "modelwatch-platform-stop"));

        try {
            running = EmbeddedPlatform.start(
                    () -> EmbeddedKafka.start(dataDir.resolve("kafka"), options.kafkaPort(), options.controllerPort()),
                    options.withPostgres()
                            ? () -> EmbeddedDatabase.start(dataDir.resolve("postgres"), options.postgresPort())
                            : null);
            if (options.withMail() && !terminating) {
                mailbox = LocalMailbox.start(dataDir.resolve("mail"), options.smtpPort(), options.mailPort());
            }
            // Announced only while the start counts as unfinished: the shutdown hook waits for it,
            // so a termination during startup never leaves a ready file behind.
            if (!terminating) {
                String ready = readyLine(running);
                LocalMailbox mail = mailbox;
                if (mail != null) {
                    ready = ready + " smtp=" + mail.smtp() + " mail=" + mail.url();
                }
                writeAtomically(readyFile, ready + "\n");
                System.out.println(ready);
                System.out.flush();
            }
        } finally {
            startupFinished.countDown();
        }
    }

    static String readyLine(EmbeddedPlatform platform) {
        String kafka = "READY kafka=" + platform.kafka().bootstrapServers();
        // With --no-postgres there is no jdbc= part: the operator's database is configured elsewhere.
        return platform.database().map(database -> kafka + " jdbc=" + database.jdbcUrl()).orElse(kafka);
    }

    private void stop(Path readyFile) {
        terminating = true;
        try {
            // Terminated while starting: let the start finish (for a while) so that what it started
            // is stopped cleanly instead of cut off mid-way.
            startupFinished.await(STARTUP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            System.err.println("modelwatch platform: could not delete " + readyFile + ": " + e.getMessage());
        }
        LocalMailbox mail = mailbox;
        if (mail != null) {
            mail.close();
        }
        EmbeddedPlatform platform = running;
        if (platform != null) {
            platform.stop();
        }
    }

    /** One platform per data directory; the OS releases the lock when this process ends, however it ends. */
    private void lockDataDir(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("data directory " + dataDir + " is in use by another running platform");
        }
        dataDirLock = lock;
    }

    private void checkPortsAreFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka (--kafka-port)", options.kafkaPort());
        ports.put("the Kafka controller (--kafka-controller-port)", options.controllerPort());
        if (options.withPostgres()) {
            ports.put("PostgreSQL (--postgres-port)", options.postgresPort());
        }
        if (options.withMail()) {
            ports.put("SMTP (--smtp-port)", options.smtpPort());
            ports.put("the mail page (--mail-port)", options.mailPort());
        }
        Set<Integer> distinct = new HashSet<>(ports.values());
        if (distinct.size() != ports.size()) {
            throw new IllegalArgumentException("the ports must differ: " + ports);
        }
        ports.forEach((what, port) -> {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                // bindable: free
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " for " + what + " is already in use on 127.0.0.1"
                        + " (another `modelwatch up`, or a local Kafka/PostgreSQL?); stop it or pick another port");
            }
        });
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            // Whoever polls for the file sees all of it or nothing.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The command line. */
    public record Options(Path dataDir, int kafkaPort, int controllerPort, int postgresPort, boolean withPostgres,
                          int smtpPort, int mailPort, boolean withMail) {

        public static Options parse(String... args) {
            Path dataDir = Path.of(".modelwatch", "data");
            int kafkaPort = 9092;
            int controllerPort = 9093;
            int postgresPort = 15432;
            boolean withPostgres = true;
            int smtpPort = 2525;
            int mailPort = 8025;
            boolean withMail = true;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, option));
                    case "--kafka-port" -> kafkaPort = port(value(args, ++i, option), option);
                    case "--kafka-controller-port" -> controllerPort = port(value(args, ++i, option), option);
                    case "--postgres-port" -> postgresPort = port(value(args, ++i, option), option);
                    case "--no-postgres" -> withPostgres = false;
                    case "--smtp-port" -> smtpPort = port(value(args, ++i, option), option);
                    case "--mail-port" -> mailPort = port(value(args, ++i, option), option);
                    case "--no-mail" -> withMail = false;
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            return new Options(dataDir, kafkaPort, controllerPort, postgresPort, withPostgres, smtpPort, mailPort, withMail);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int port(String value, String option) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a port number (1-65535), not " + value);
            }
        }
    }
}
