package io.modelwatch.ingest.service;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of one announcement: sent and acknowledged (202, with its eventId and slug), invalid (400, with why and
 * its bad fields) or not taken by the broker (503). {@code line} is its line in a batch, 0 for a single announcement.
 */
public record Outcome(int line, int status, UUID eventId, String slug, String detail, List<FieldError> errors) {

    public boolean accepted() {
        return status == 202;
    }

    static Outcome accepted(int line, UUID eventId, String slug) {
        return new Outcome(line, 202, eventId, slug, null, null);
    }

    static Outcome invalid(int line, String detail, List<FieldError> errors) {
        return new Outcome(line, 400, null, null, detail, errors);
    }

    static Outcome unavailable(int line, Throwable failure) {
        return new Outcome(line, 503, null, null, brokerDetail(failure), null);
    }

    /** Why the broker did not take an event: it did not answer in time, or it refused. */
    static String brokerDetail(Throwable failure) {
        return failure instanceof io.smallrye.mutiny.TimeoutException
                ? "The event broker did not acknowledge the event in time; nothing was accepted. Retry later."
                : "The event broker refused the event; nothing was accepted. Retry later.";
    }
}
