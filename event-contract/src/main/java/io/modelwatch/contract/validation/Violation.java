package io.modelwatch.contract.validation;

/** One bad field: its path (such as {@code organizations[0].name}) and what is wrong with it, in the project's words. */
public record Violation(String field, String message) {
}
