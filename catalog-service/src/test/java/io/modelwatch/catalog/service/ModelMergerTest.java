package io.modelwatch.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.parameters.ParameterCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelMergerTest {

    private static ReleaseAnnounced announced(String published, ParameterCount parameters, List<Organization> orgs,
                                              List<String> tags, Instant at) {
        return new ReleaseAnnounced("t0", Kind.MODEL, "T0", orgs, published == null ? null : PublishedDate.parse(published),
                parameters, List.of("text"), List.of(), Accessibility.OPEN_WEIGHTS_UNRESTRICTED, null, null, tags, null,
                null, null, Confidence.CONFIDENT, "test", at);
    }

    @Test
    void theFirstAnnouncementMakesRevisionOne() {
        Instant at = Instant.parse("2021-10-15T00:00:00Z");
        ModelChanged entry = ModelMerger.merge(null, announced("2021-10", null, List.of(new Organization("BigScience", "FR")), List.of(), at));
        assertThat(entry.revision()).isEqualTo(1);
        assertThat(entry.announcements()).isEqualTo(1);
        assertThat(entry.parameters()).isNull();
        assertThat(entry.firstSeen()).isEqualTo(at);
    }

    @Test
    void aLaterStatementFillsAndRefinesButNeverErasesFacts() {
        Instant first = Instant.parse("2021-10-15T00:00:00Z");
        Instant second = Instant.parse("2021-10-16T00:00:00Z");
        ModelChanged one = ModelMerger.merge(null, announced("2021-10", new ParameterCount(11_000_000_000L, "11B", false),
                List.of(new Organization("BigScience", null)), List.of("instruction-tuned"), first));
        ModelChanged two = ModelMerger.merge(one, announced("2021-10-15", null,
                List.of(new Organization("bigscience", "FR"), new Organization("Hugging Face", "US")), List.of("multitask-prompted"), second));

        assertThat(two.revision()).isEqualTo(2);
        assertThat(two.announcements()).isEqualTo(2);
        assertThat(two.published().value()).isEqualTo("2021-10-15");
        assertThat(two.parameters().value()).as("undisclosed in the second statement keeps the first's count").isEqualTo(11_000_000_000L);
        assertThat(two.organizations()).containsExactly(new Organization("BigScience", "FR"), new Organization("Hugging Face", "US"));
        assertThat(two.tags()).containsExactly("instruction-tuned", "multitask-prompted");
        assertThat(two.firstSeen()).isEqualTo(first);
        assertThat(two.lastSeen()).isEqualTo(second);
    }
}
