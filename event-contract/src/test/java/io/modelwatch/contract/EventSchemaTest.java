package io.modelwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelwatch.contract.parameters.ParameterCount;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The records and the JSON Schema files describe the same events: what the records write, the schemas accept. */
class EventSchemaTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://modelwatch.io/schemas/", "classpath:schemas/")));

    static ReleaseAnnounced t0() {
        return ReleaseAnnouncedBuilder.builder()
                .slug("t0").kind(Kind.MODEL).name("T0")
                .organizations(List.of(new Organization("BigScience", "FR"), new Organization("Hugging Face", "US")))
                .published(PublishedDate.parse("2021-10")).parameters(new ParameterCount(11_000_000_000L, "11B", false))
                .modalities(List.of("text")).tasks(List.of("zero-shot prompting"))
                .accessibility(Accessibility.OPEN_WEIGHTS_UNRESTRICTED).architecture("encoder-decoder").baseModel("T5")
                .tags(List.of("instruction-tuned")).links(new Links("https://arxiv.org/abs/2110.08207", null, null, null))
                .summary(new LocalizedText("T5-based model trained on 2,000 prompts.", null))
                .source(new Source("https://example.org/post", "example")).confidence(Confidence.CONFIDENT).publisher("demo")
                .announcedAt(Instant.parse("2022-01-01T00:00:00Z"))
                .build();
    }

    private static Set<ValidationMessage> validate(String schema, JsonNode event) {
        JsonSchema s = SCHEMAS.getSchema(SchemaLocation.of("https://modelwatch.io/schemas/" + schema));
        return s.validate(event);
    }

    @Test
    void announcedRecordMatchesItsSchema() {
        JsonNode json = JSON.valueToTree(t0());
        assertThat(validate("release-announced.v1.json", json)).isEmpty();
        assertThat(json.get("published").asText()).isEqualTo("2021-10");
        assertThat(json.get("accessibility").asText()).isEqualTo("open-weights-unrestricted");
        assertThat(json.get("parameters").get("value").asLong()).isEqualTo(11_000_000_000L);
    }

    @Test
    void announcedRoundTripsThroughJson() throws Exception {
        String json = JSON.writeValueAsString(t0());
        assertThat(JSON.readValue(json, ReleaseAnnounced.class)).isEqualTo(t0());
    }

    @Test
    void schemaRejectsAnAnnouncementWithoutOrganizationsOrWithZeroParameters() {
        ObjectNode json = JSON.valueToTree(t0());
        json.putArray("organizations");
        ((ObjectNode) json.get("parameters")).put("value", 0);
        Set<ValidationMessage> errors = validate("release-announced.v1.json", json);
        assertThat(errors).extracting(ValidationMessage::getInstanceLocation).map(Object::toString)
                .anyMatch(l -> l.contains("organizations"))
                .anyMatch(l -> l.contains("parameters"));
    }

    @Test
    void changedRecordMatchesItsSchemaWithUndisclosedParameters() {
        ModelChanged changed = ModelChangedBuilder.builder()
                .slug("imagen").revision(3).kind(Kind.MODEL).name("Imagen").organizations(List.of(new Organization("Google", "US")))
                .published(PublishedDate.parse("2022-05-23")).modalities(List.of("image", "text"))
                .accessibility(Accessibility.UNRELEASED).tags(List.of()).confidence(Confidence.CONFIDENT).announcements(2)
                .firstSeen(Instant.parse("2022-05-23T00:00:00Z")).lastSeen(Instant.parse("2022-05-24T00:00:00Z"))
                .aliases(List.of("Imagen (Google)"))
                .build();
        JsonNode json = JSON.valueToTree(changed);
        assertThat(validate("model-changed.v1.json", json)).isEmpty();
        assertThat(json.get("parameters").isNull()).isTrue();
    }

    @Test
    void retractedRecordMatchesItsSchema() {
        JsonNode json = JSON.valueToTree(new ReleaseRetracted("t0", "b9c0e9f0-1", "wrong date", "demo", Instant.now()));
        assertThat(validate("release-retracted.v1.json", json)).isEmpty();
    }
}
