package io.modelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.validation.ContractValidator;
import io.modelwatch.ingest.api.AnnouncementRequest;
import jakarta.validation.metadata.PropertyDescriptor;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What ingest accepts the catalog can store: the event is checked for what the request check cannot cover (the
 * properties made here, and texts that normalising made longer), and nothing else escapes that check.
 */
class AnnouncementNormalizerTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private static Set<String> constrained(Class<?> type) {
        return ContractValidator.validator().getConstraintsForClass(type).getConstrainedProperties().stream()
                .map(PropertyDescriptor::getPropertyName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyPropertyOfTheEventTheRequestCheckDoesNotCoverIsCheckedOnTheEvent() {
        Set<String> uncovered = constrained(ReleaseAnnounced.class);
        uncovered.removeAll(constrained(AnnouncementRequest.class));
        assertThat(uncovered).containsExactlyInAnyOrderElementsOf(AnnouncementNormalizer.EVENT_ONLY);
    }

    private static Refusal refusal(String body, String publisher) throws Exception {
        AnnouncementRequest request = JSON.readValue(body, AnnouncementRequest.class);
        assertThat(ContractValidator.violations(request)).as("the request check passes it").isEmpty();
        return catchThrowableOfType(Refusal.class, () -> new AnnouncementNormalizer(JSON).normalize(request, publisher, AT));
    }

    private static String named(String name, String more) throws Exception {
        return "{\"name\": " + JSON.writeValueAsString(name) + ", \"organizations\": [{\"name\": \"Example Lab\"}]" + more + "}";
    }

    @Test
    void whatOnlyTheEventStatesIsChecked() throws Exception {
        assertThat(refusal(named("Huge", ", \"parameters\": 1000000000000000"), "p").errors())
                .extracting(FieldError::field).containsExactly("parameters");
        assertThat(refusal(named("Fine", ""), "bad\u0000publisher").errors())
                .extracting(FieldError::field).containsExactly("publisher");
        assertThat(refusal(named("+".repeat(200), ""), "p").errors())
                .extracting(FieldError::field).containsExactly("slug");
    }

    @Test
    void aTextNormalisingMadeLongerThanItsLimitIsRefused() throws Exception {
        // U+FA6C (a CJK compatibility ideograph) is U+242EE in NFC: one char, then two; 'İ' lower-cased is two chars
        assertThat(refusal(named("Model " + "\uFA6C".repeat(100), ""), "p").errors())
                .extracting(FieldError::field).containsExactly("name");
        assertThat(refusal(named("Fine", ", \"tags\": [\"" + "\u0130".repeat(60) + "\"]"), "p").errors())
                .extracting(FieldError::field).containsExactly("tags[0]");
    }
}
