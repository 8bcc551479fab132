package io.modelwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Topics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a broker of its own, so the counts are exact: what TopicRecords reads and counts is what was sent. */
@Tag("integration")
class TopicRecordsTest {

    @Test
    void readsAndCountsEveryRecordOfEveryPartitionWithItsHeaders(@TempDir Path dataDir) {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir, EmbeddedPlatformTestResource.freePort(),
                EmbeddedPlatformTestResource.freePort());
                KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers())) {
            assertThat(TopicRecords.endOffset(kafka, Topics.MODEL_RELEASES)).isZero();
            assertThat(TopicRecords.readAll(kafka, Topics.MODEL_RELEASES)).isEmpty();

            TopicRecords.send(kafka,
                    TopicRecords.cloudEvent(Topics.MODEL_RELEASES, "opt", "id-1", "test.type", "{\"n\": 1}"),
                    TopicRecords.cloudEvent(Topics.MODEL_RELEASES, "bloom", "id-2", "test.type", "{\"n\": 2}"),
                    TopicRecords.record(Topics.MODEL_RELEASES, "t0", null, Map.of("traceparent", "00-a-b-01")));

            assertThat(TopicRecords.endOffset(kafka, Topics.MODEL_RELEASES)).isEqualTo(3);
            var records = TopicRecords.readAll(kafka, Topics.MODEL_RELEASES);
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("opt", "bloom", "t0");
            ConsumerRecord<String, String> bloom = records.stream().filter(r -> "bloom".equals(r.key())).findFirst().orElseThrow();
            assertThat(bloom.value()).isEqualTo("{\"n\": 2}");
            assertThat(TopicRecords.header(bloom, "ce_id")).isEqualTo("id-2");
            assertThat(TopicRecords.header(bloom, "ce_type")).isEqualTo("test.type");
            assertThat(TopicRecords.header(bloom, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicRecords.header(bloom, "content-type")).isEqualTo("application/json");
            assertThat(TopicRecords.header(bloom, "traceparent")).isNull();
            ConsumerRecord<String, String> tombstone = records.stream().filter(r -> "t0".equals(r.key())).findFirst().orElseThrow();
            assertThat(tombstone.value()).isNull();
            assertThat(TopicRecords.header(tombstone, "traceparent")).isEqualTo("00-a-b-01");
            assertThat(TopicRecords.endOffset(kafka, Topics.MODEL_CHANGES)).isZero();
        }
    }
}
