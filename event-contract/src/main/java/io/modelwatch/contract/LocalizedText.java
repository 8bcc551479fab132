package io.modelwatch.contract;

import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import jakarta.validation.constraints.Size;

/** A text in English and Simplified Chinese; either may be null. */
public record LocalizedText(@PlainText @Size(max = Limits.TEXT) String en,
                            @PlainText @Size(max = Limits.TEXT) String zh) {
}
