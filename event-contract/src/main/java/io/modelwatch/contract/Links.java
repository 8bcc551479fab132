package io.modelwatch.contract;

import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.WebLink;
import jakarta.validation.constraints.Size;

/** Where to read about a release. Any of them may be null; each is an absolute http(s) URL. */
public record Links(@WebLink @Size(max = Limits.URL) String paper,
                    @WebLink @Size(max = Limits.URL) String code,
                    @WebLink @Size(max = Limits.URL) String weights,
                    @WebLink @Size(max = Limits.URL) String announcement) {
}
