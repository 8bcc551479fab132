package io.modelwatch.ingest.rest;

import io.modelwatch.contract.Topics;
import io.modelwatch.platform.TopicClient;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the tests read back from model-releases. */
final class Topic {

    private Topic() {
    }

    static List<ConsumerRecord<String, String>> records(String bootstrapServers) {
        try (TopicClient topics = new TopicClient(bootstrapServers)) {
            return topics.readAll(Topics.MODEL_RELEASES);
        }
    }

    static List<ConsumerRecord<String, String>> withId(String bootstrapServers, String ceId) {
        return records(bootstrapServers).stream().filter(r -> ceId.equals(TopicClient.header(r, "ce_id"))).toList();
    }

    static long endOffset(String bootstrapServers) {
        try (TopicClient topics = new TopicClient(bootstrapServers)) {
            return topics.endOffset(Topics.MODEL_RELEASES);
        }
    }

    /** As bytes: REST Assured has no encoder of its own for application/x-ndjson. */
    static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String announcement(String name, String parameters) {
        return """
                {"name": "%s", "organizations": [{"name": "BigScience", "country": "fr"}], "published": "2021-10", "parameters": %s}"""
                .formatted(name, parameters);
    }
}
