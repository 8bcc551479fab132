package io.modelwatch.contract;

import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import io.modelwatch.contract.validation.WebLink;
import jakarta.validation.constraints.Size;

/** Where the publisher learnt of a release. */
public record Source(@WebLink @Size(max = Limits.URL) String url,
                     @PlainText @Size(max = Limits.ORGANIZATION_NAME) String name) {
}
