package io.modelwatch.ingest.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * The value serializer of the {@code model-releases} channel: JSON through the application's ObjectMapper, as
 * {@link ObjectMapperSerializer}, except for a value that is already its JSON bytes (the batch path serialises each
 * event itself), which is sent as it is.
 */
public class EventSerializer extends ObjectMapperSerializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return data instanceof byte[] json ? json : super.serialize(topic, data);
    }
}
