package io.modelwatch.contract;

import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An organisation behind a release; country is an ISO 3166-1 alpha-2 code, or null when unknown. */
public record Organization(@NotBlank @PlainText @Size(max = Limits.ORGANIZATION_NAME) String name,
                           @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as CN or US")
                           String country) {
}
