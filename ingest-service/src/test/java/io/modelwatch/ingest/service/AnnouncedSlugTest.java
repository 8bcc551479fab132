package io.modelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.ingest.api.AnnouncementRequest;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The slug ingest answers (and keys the event by) is the slug the catalog gives a new entry of that name
 * (ModelIdentity, shared in event-contract), so it is never a 404: issue 15's `Segment Anything (SAM)` was answered
 * `segment-anything-sam` while the catalog made `segment-anything`.
 */
class AnnouncedSlugTest {

    private static final ObjectMapper JSON = Json.mapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Segment Anything (SAM)|segment-anything-sam",
        "Megatron-LM (1.2B)|megatron-lm-1-2b",
        "PointNet++|pointnet-plus-plus",
        "Llama3|llama3",
        "ＧＰＴ－３|gpt-3"
    })
    void theAnsweredSlugIsTheCatalogsSlug(String name, String slug) throws Exception {
        AnnouncementRequest request = JSON.readValue("""
                {"name": %s, "organizations": [{"name": "BigScience", "country": "fr"}], "published": "2021-10",
                 "modalities": ["Text"], "accessibility": "open-weights-unrestricted"}
                """.formatted(JSON.writeValueAsString(name)), AnnouncementRequest.class);
        String answered = new AnnouncementNormalizer(JSON).normalize(request, "p", Instant.parse("2025-01-01T00:00:00Z")).slug();
        assertThat(answered).isEqualTo(slug).isEqualTo(ModelIdentity.slug(name));
    }
}
