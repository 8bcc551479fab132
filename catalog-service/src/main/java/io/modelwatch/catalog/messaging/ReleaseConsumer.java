package io.modelwatch.catalog.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.catalog.service.CatalogService;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads model-releases. The record is acknowledged (and its offset committed) only after the
 * database transaction has committed; a record that cannot be understood goes to the DLQ with the reason.
 */
@ApplicationScoped
public class ReleaseConsumer {

    public static final String CHANNEL = "model-releases";

    private final CatalogService catalog;
    private final ObjectMapper json;

    public ReleaseConsumer(CatalogService catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws IOException {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new UnprocessableEventException("not a CloudEvent: ce_id or ce_type header missing");
        }
        if (record.value() == null) {
            throw new UnprocessableEventException("event " + id + " has no data");
        }
        switch (type) {
            case EventTypes.RELEASE_ANNOUNCED -> catalog.announce(id, type, read(record, ReleaseAnnounced.class));
            case EventTypes.RELEASE_RETRACTED -> catalog.retract(id, type, read(record, ReleaseRetracted.class));
            default -> throw new UnprocessableEventException("unknown event type " + type);
        }
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return json.readValue(record.value(), type);
        } catch (IOException e) {
            throw new UnprocessableEventException("data is not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
