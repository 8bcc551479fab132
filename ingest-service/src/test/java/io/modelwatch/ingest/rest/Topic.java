package io.modelwatch.ingest.rest;

import io.modelwatch.contract.Topics;
import io.modelwatch.platform.TopicRecords;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the tests read back from model-releases (through SmallRye's KafkaCompanion), and the bodies they post. */
final class Topic {

    private Topic() {
    }

    static List<ConsumerRecord<String, String>> records(String bootstrapServers) {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            return TopicRecords.readAll(kafka, Topics.MODEL_RELEASES);
        }
    }

    static List<ConsumerRecord<String, String>> withId(String bootstrapServers, String ceId) {
        return records(bootstrapServers).stream().filter(r -> ceId.equals(TopicRecords.header(r, "ce_id"))).toList();
    }

    static long endOffset(String bootstrapServers) {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            return TopicRecords.endOffset(kafka, Topics.MODEL_RELEASES);
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
