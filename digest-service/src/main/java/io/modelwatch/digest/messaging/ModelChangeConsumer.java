package io.modelwatch.digest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.telemetry.DigestMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the digest's read model in step with catalog.model-changes; offsets are committed after the database commit. */
@ApplicationScoped
public class ModelChangeConsumer {

    public static final String CHANNEL = "model-changes";

    private final ReadModelProjector projector;
    private final ObjectMapper json;
    private final DigestMetrics metrics;

    public ModelChangeConsumer(ReadModelProjector projector, ObjectMapper json, DigestMetrics metrics) {
        this.projector = projector;
        this.json = json;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws IOException {
        try {
            apply(record);
        } catch (IOException | RuntimeException e) {
            metrics.deadLettered();
            throw e;
        }
        metrics.processed();
    }

    private void apply(ConsumerRecord<String, String> record) throws IOException {
        if (record.key() == null) {
            throw new IllegalArgumentException("a model change without a key (slug) cannot be applied");
        }
        String type = header(record, "ce_type");
        if (record.value() != null && type != null && !EventTypes.MODEL_CHANGED.equals(type)) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        ModelChanged snapshot = record.value() == null ? null : json.readValue(record.value(), ModelChanged.class);
        projector.apply(header(record, "ce_id"), record.key(), snapshot);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
