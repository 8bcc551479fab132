package io.modelwatch.contract;

/** An organisation behind a release; country is an ISO 3166-1 alpha-2 code, or null when unknown. */
public record Organization(String name, String country) {
}
