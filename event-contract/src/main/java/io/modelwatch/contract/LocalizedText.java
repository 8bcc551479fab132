package io.modelwatch.contract;

/** A text in English and Simplified Chinese; either may be null. */
public record LocalizedText(String en, String zh) {
}
