package io.modelwatch.ingest.service;

/** One bad field of a request: its path in the request body (such as {@code organizations[0].name}) and what is wrong. */
public record FieldError(String field, String message) {
}
