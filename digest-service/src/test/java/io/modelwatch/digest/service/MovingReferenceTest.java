package io.modelwatch.digest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default reference moves with the period (modelwatch.digest.reference.mode=latest, the production default): the
 * largest dense model released at least a year before the period starts. For the article's review that is GPT-3; for
 * later periods the expectation is worked out from the demo data by the rule as the issue states it.
 */
@QuarkusTest
@TestProfile(MovingReferenceTest.Latest.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class MovingReferenceTest {

    public static class Latest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelwatch.digest.reference.mode", "latest");
        }
    }

    private static final List<ModelChanged> DEMO = DemoCatalog.snapshots();
    private static final Set<String> SPARSE = Set.of("mixture-of-experts", "moe", "sparse");

    @Inject
    DigestService digests;

    @Inject
    ReadModelProjector projector;

    /** The rule applied to the demo data alone. */
    private static String expected(Period period) {
        LocalDate cutoff = period.from().minusYears(1);
        return DEMO.stream().filter(m -> m.kind() == Kind.MODEL && m.parameters() != null && m.published() != null
                        && !m.published().start().isAfter(cutoff)
                        && (m.tags() == null || m.tags().stream().noneMatch(t -> SPARSE.contains(t.toLowerCase(java.util.Locale.ROOT)))))
                .max(Comparator.<ModelChanged>comparingLong(m -> m.parameters().value()).thenComparing(ModelChanged::slug, Comparator.reverseOrder()))
                .map(ModelChanged::name).orElseThrow();
    }

    @Test
    void theReferenceIsTheLargestDenseModelAYearBeforeThePeriod() {
        for (ModelChanged m : DEMO) {
            projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        }
        Period article = Period.parse(ReviewKind.MID_YEAR, "2022");
        assertThat(expected(article)).isEqualTo("GPT-3");
        assertThat(digests.reference(article).name()).isEqualTo("GPT-3");
        List<String> seen = new java.util.ArrayList<>();
        for (String year : List.of("2023", "2024", "2025")) {
            Period later = Period.parse(ReviewKind.MID_YEAR, year);
            assertThat(digests.reference(later).name()).as(year).isEqualTo(expected(later));
            seen.add(expected(later));
        }
        // it does move on: a later period is measured against a later (larger) model than the article's
        assertThat(seen).anyMatch(name -> !name.equals("GPT-3"));
    }
}
