package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * An organisation behind a release. Countries are ISO 3166-1 alpha-2 codes: {@code country} is its own (null when
 * unknown), {@code otherCountries} those of a multinational one besides it (Epoch AI lists Google DeepMind in the US and
 * the UK, Facebook AI Research in the US and France); empty, and absent from the JSON, when there are none.
 */
public record Organization(@NotBlank @PlainText @Size(max = Limits.ORGANIZATION_NAME) String name,
                           @Pattern(regexp = "[A-Z]{2}", message = COUNTRY_CODE)
                           String country,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) @Size(max = Limits.OTHER_COUNTRIES)
                           List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = COUNTRY_CODE) String> otherCountries) {

    static final String COUNTRY_CODE = "must be an ISO 3166-1 alpha-2 country code such as CN or US";

    public Organization {
        otherCountries = otherCountries == null ? List.of() : otherCountries;
    }

    /** An organisation of one country (or of none known). */
    public Organization(String name, String country) {
        this(name, country, List.of());
    }

    /** Every country of the organisation, its own first, each once; empty when none is known. */
    @JsonIgnore
    public List<String> countries() {
        List<String> all = new ArrayList<>(1 + otherCountries.size());
        if (country != null) {
            all.add(country);
        }
        for (String other : otherCountries) {
            if (other != null && !all.contains(other)) {
                all.add(other);
            }
        }
        return all;
    }
}
