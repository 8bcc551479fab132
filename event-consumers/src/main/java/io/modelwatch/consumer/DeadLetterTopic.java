package io.modelwatch.consumer;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends a record that can never be processed to a dead-letter topic: same key, value and headers, plus the reason and
 * where it came from (the header names SmallRye's own dead-letter strategy uses). The send is awaited, so the record's
 * offset is committed only once the dead letter is safely on the broker.
 */
public final class DeadLetterTopic {

    private static final Logger LOG = Logger.getLogger(DeadLetterTopic.class);

    private final MutinyEmitter<String> emitter;
    private final Runnable sent;

    /**
     * @param emitter the dead-letter channel
     * @param sent    called after each dead letter is on the broker (a metric)
     */
    public DeadLetterTopic(MutinyEmitter<String> emitter, Runnable sent) {
        this.emitter = emitter;
        this.sent = sent;
    }

    public void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        headers.add("dead-letter-reason", bytes(oneLine(reason)));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        emitter.sendMessage(Message.of(record.value()).addMetadata(metadata)).await().atMost(Duration.ofSeconds(30));
        sent.run();
        LOG.warnf("Record %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(), oneLine(reason));
    }

    /** A header value is read as one line: line breaks and other control characters become spaces. */
    public static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\s*\\p{Cntrl}+\\s*", " ").strip();
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
