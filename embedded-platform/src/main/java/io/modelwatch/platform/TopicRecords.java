package io.modelwatch.platform;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What tests do with a topic through SmallRye's {@link KafkaCompanion}: read every record it holds now (from the
 * earliest offset of each partition to its current end), count what was written to it, and build a record as another
 * service sends it (a binary-mode CloudEvent). The producers of modelwatch are not transactional, so the offsets
 * between the earliest and the end of a partition are exactly its records.
 */
public final class TopicRecords {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private TopicRecords() {
    }

    /** Every record the topic holds now, from the beginning of each partition to its current end. */
    public static List<ConsumerRecord<String, String>> readAll(KafkaCompanion kafka, String topic) {
        Map<TopicPartition, Long> earliest = offsets(kafka, topic, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(kafka, topic, OffsetSpec.latest());
        long count = end.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();
        if (count == 0) {
            return List.of();
        }
        return kafka.consumeStrings().fromOffsets(earliest, count).awaitCompletion(READ_TIMEOUT).getRecords();
    }

    /** The number of records written to the topic so far (the sum of its partitions' end offsets). */
    public static long endOffset(KafkaCompanion kafka, String topic) {
        return offsets(kafka, topic, OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The value of the record's last header of that name, as UTF-8; null when it has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record with the given headers (UTF-8 values). */
    public static ProducerRecord<String, String> record(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** A binary-mode CloudEvent of the given id and type, as the services send them. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String type, String data) {
        return record(topic, key, data, Map.of(
                "ce_id", id, "ce_type", type, "ce_specversion", "1.0",
                "ce_source", "/modelwatch/test", "content-type", "application/json"));
    }

    /** Sends the records and waits for the broker's acknowledgement of each. */
    @SafeVarargs
    public static void send(KafkaCompanion kafka, ProducerRecord<String, String>... records) {
        kafka.produceStrings().fromRecords(records).awaitCompletion(READ_TIMEOUT);
    }

    private static Map<TopicPartition, Long> offsets(KafkaCompanion kafka, String topic, OffsetSpec spec) {
        List<TopicPartition> partitions = kafka.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return kafka.offsets().list(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
