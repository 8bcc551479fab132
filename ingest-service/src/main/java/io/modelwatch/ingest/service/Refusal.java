package io.modelwatch.ingest.service;

import java.util.List;

/**
 * A request the service does not accept: why, in a sentence for the client ({@link #detail()}), and for invalid input
 * every bad field. The rest layer answers each {@link Reason} with its own status and problem type.
 */
public class Refusal extends RuntimeException {

    public enum Reason {
        /** The request or one of its fields is not valid. */
        INVALID,
        NOT_FOUND,
        /** The caller may not do this. */
        FORBIDDEN,
        /** The resource's state does not allow it now (registered already, being polled). */
        CONFLICT,
        /** The Idempotency-Key was used before with another request, or is no longer remembered. */
        IDEMPOTENCY_KEY_REUSED,
        /** A request with the same Idempotency-Key is being processed at the same time. */
        IDEMPOTENCY_KEY_IN_USE,
        /** More than the service takes in one request. */
        TOO_LARGE,
        /** The event broker did not take the event; nothing was accepted. */
        BROKER_UNAVAILABLE
    }

    private final Reason reason;
    private final transient List<FieldError> errors;

    public Refusal(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public Refusal(Reason reason, String detail, List<FieldError> errors) {
        super(detail);
        this.reason = reason;
        this.errors = errors;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    /** Every bad field, or null when the refusal is not about fields. */
    public List<FieldError> errors() {
        return errors;
    }
}
