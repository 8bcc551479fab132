package io.modelwatch.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.catalog.model.OutboxEvent;
import io.modelwatch.catalog.model.OutboxEventRepository;
import io.modelwatch.contract.EventTypes;
import io.modelwatch.contract.ModelChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Writes catalog.model-changes events into the outbox, inside the caller's transaction. */
@ApplicationScoped
public class ModelChangeOutbox {

    private final OutboxEventRepository outbox;
    private final ObjectMapper json;

    public ModelChangeOutbox(OutboxEventRepository outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(ModelChanged snapshot) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.eventType = EventTypes.MODEL_CHANGED;
        event.aggregateId = snapshot.slug();
        try {
            event.payload = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A snapshot could not be written as JSON", e);
        }
        event.createdAt = Instant.now();
        outbox.persist(event);
    }
}
