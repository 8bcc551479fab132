package io.modelwatch.contract;

/** Where the publisher learnt of a release. */
public record Source(String url, String name) {
}
