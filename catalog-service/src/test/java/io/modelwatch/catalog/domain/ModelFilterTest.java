package io.modelwatch.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelwatch.catalog.domain.InvalidQuery.ParameterError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The filters refuse a bad query with the domain's own {@link InvalidQuery}: a sentence that counts, and each parameter. */
class ModelFilterTest {

    @Test
    void oneBadParameterIsNamedWithWhatIsWrong() {
        InvalidQuery e = catchThrowableOfType(InvalidQuery.class, () -> ModelFilter.parse(Map.of("country", List.of("China")), Set.of()));
        assertThat(e.detail()).isEqualTo("A query parameter is not valid.");
        assertThat(e.errors()).containsExactly(new ParameterError("country", "'China' is not an ISO 3166-1 alpha-2 code such as CN or US"));
    }

    @Test
    void everyBadParameterIsNamedAndCounted() {
        InvalidQuery e = catchThrowableOfType(InvalidQuery.class, () -> ModelFilter.parse(Map.of("from", List.of("2023"),
                "to", List.of("2022"), "kind", List.of("car"), "colour", List.of("red")), Set.of("limit")));
        assertThat(e.detail()).isEqualTo("3 query parameters are not valid.");
        assertThat(e.errors()).extracting(ParameterError::field).containsExactlyInAnyOrder("colour", "kind", "to");
        assertThat(e.errors()).filteredOn(p -> p.field().equals("colour")).extracting(ParameterError::message)
                .allMatch(m -> m.startsWith("is not a known parameter; known: q, kind,") && m.endsWith(", maxCompute, limit"));
    }

    @Test
    void aSingleValueGivenTwiceIsReportedAndTheFirstKept() {
        List<ParameterError> errors = new java.util.ArrayList<>();
        assertThat(ModelFilter.single(Map.of("sort", List.of(" name ", "slug")), "sort", errors)).isEqualTo("name");
        assertThat(errors).containsExactly(new ParameterError("sort", "may be given once"));
        assertThat(ModelFilter.parse(Map.of("tag", List.of("a,b", "c")), Set.of()).tags()).containsExactly("a", "b", "c");
    }
}
