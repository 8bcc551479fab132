package io.modelwatch.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service serves and which Kafka topics and groups it uses, read from its own application.properties (the
 * production view: keys without a profile, or with %prod.), so the manifests are checked against the code's truth.
 * Groups are literal names, or a prefix followed by '*' where the configured group id is built with an expression.
 */
record ServiceConfig(String name, int httpPort, String healthRoot, Set<String> reads, Set<String> writes,
        Set<String> groups) {

    static final Path ROOT = Path.of(System.getProperty("modelwatch.root", "../..")).toAbsolutePath().normalize();
    static final String[] SERVICES = { "ingest-service", "catalog-service", "digest-service" };

    static ServiceConfig of(String module) {
        Properties all = new Properties();
        Path services = Path.of(System.getProperty("modelwatch.services.root", ROOT.toString()));
        Path file = services.resolve(module).resolve("src/main/resources/application.properties");
        try (Reader reader = Files.newBufferedReader(file)) {
            all.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties prod = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                prod.putIfAbsent(key, all.getProperty(key));
            }
        }
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), all.getProperty(key));
            }
        }
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (String key : prod.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length < 4 || !key.startsWith("mp.messaging.")) {
                continue;
            }
            String direction = parts[2];
            String channel = parts[3];
            String prefix = "mp.messaging." + direction + "." + channel + ".";
            String property = key.substring(prefix.length());
            if (!property.equals("connector")) {
                continue;
            }
            // SmallRye: the topic defaults to the channel name.
            String topic = prod.getProperty(prefix + "topic", channel);
            if (direction.equals("outgoing")) {
                writes.add(topic);
            } else {
                reads.add(topic);
                String group = prod.getProperty(prefix + "group.id", prod.getProperty("quarkus.application.name"));
                // A group named with an expression (one group per instance, e.g. "x-${quarkus.uuid}") is a prefix.
                groups.add(group.contains("${") ? group.substring(0, group.indexOf("${")) + "*" : group);
                if ("dead-letter-queue".equals(prod.getProperty(prefix + "failure-strategy"))) {
                    writes.add(prod.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + topic));
                }
            }
        }
        String nonApplicationRoot = trimSlashes(prod.getProperty("quarkus.http.non-application-root-path", "q"));
        String healthRoot = "/" + nonApplicationRoot + "/"
                + trimSlashes(prod.getProperty("quarkus.smallrye-health.root-path", "health"));
        return new ServiceConfig(prod.getProperty("quarkus.application.name", module),
                Integer.parseInt(prod.getProperty("quarkus.http.port", "8080")), healthRoot, reads, writes, groups);
    }

    Set<String> topics() {
        Set<String> topics = new TreeSet<>(reads);
        topics.addAll(writes);
        return topics;
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
