package io.modelwatch.contract;

/** Where to read about a release. Any of them may be null. */
public record Links(String paper, String code, String weights, String announcement) {
}
