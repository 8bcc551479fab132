package io.modelwatch.catalog.messaging;

/** A record that no retry can make processable; its message becomes the DLQ reason. */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String reason) {
        super(reason);
    }
}
