package io.modelwatch.contract.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.ReleaseRetracted;
import io.modelwatch.contract.Source;
import io.modelwatch.contract.parameters.ParameterCount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {

    private static ReleaseAnnounced valid() {
        return ReleaseAnnouncedBuilder.builder().slug("example-model-7b").kind(Kind.MODEL).name("Example-Model-7B")
                .organizations(List.of(new Organization("Example Lab", "FR"))).published(PublishedDate.parse("2021-10-15"))
                .parameters(new ParameterCount(7_000_000_000L, "7B", false)).tags(List.of("instruction-tuned"))
                .links(new Links("https://example.org/paper", null, null, null)).summary(new LocalizedText("A model.", "一个模型"))
                .source(new Source("http://example.org/post", "example")).publisher("test").announcedAt(Instant.now()).build();
    }

    private static List<String> fields(Object value) {
        return ContractValidator.violations(value).stream().map(Violation::field).toList();
    }

    @Test
    void aValidEventHasNoViolations() {
        assertThat(ContractValidator.violations(valid())).isEmpty();
    }

    @Test
    void controlAndBidiCharactersAreRefusedAndNamed() {
        assertThat(fields(valid().withName("Bad\u0000Name"))).containsExactly("name");
        assertThat(fields(valid().withName("Line\nbreak"))).containsExactly("name");
        assertThat(fields(valid().withName("evil\u202Egnp.exe"))).containsExactly("name");
        assertThat(fields(valid().withTags(List.of("ok", "tab\there")))).containsExactly("tags[1]");
        assertThat(fields(valid().withOrganizations(List.of(new Organization("A\u2066B", null))))).containsExactly("organizations[0].name");
        assertThat(ContractValidator.violations(valid().withName("x\u0000")).get(0).message()).contains("NUL").contains("U+0000");
        assertThat(fields(valid().withName("紫东太初 NÜWA ‍👩‍💻"))).isEmpty();
    }

    @Test
    void everyStringAndListHasALimit() {
        assertThat(fields(valid().withName("x".repeat(Limits.NAME + 1)))).containsExactly("name");
        assertThat(fields(valid().withTags(Collections.nCopies(Limits.TERMS + 1, "t")))).containsExactly("tags");
        assertThat(fields(valid().withTags(List.of("t".repeat(Limits.TERM + 1))))).containsExactly("tags[0]");
        assertThat(fields(valid().withSummary(new LocalizedText("s".repeat(Limits.TEXT + 1), null)))).containsExactly("summary.en");
        assertThat(fields(valid().withOrganizations(Collections.nCopies(Limits.ORGANIZATIONS + 1, new Organization("A", null)))))
                .containsExactly("organizations");
        assertThat(fields(valid().withOrganizations(List.of()))).containsExactly("organizations");
    }

    @Test
    void linksAreHttpOnly() {
        assertThat(fields(valid().withLinks(new Links("javascript:alert(1)", "data:text/html,<b>", "file:///etc/passwd", "/relative"))))
                .containsExactly("links.announcement", "links.code", "links.paper", "links.weights");
        assertThat(fields(valid().withSource(new Source("JAVASCRIPT:alert(1)", "x")))).containsExactly("source.url");
        assertThat(fields(valid().withLinks(new Links("HTTPS://example.org/a?b=c#d", "http://127.0.0.1:8080/", null, null)))).isEmpty();
    }

    @Test
    void publishedDatesFrom1900ToAYearAhead() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(fields(valid().withPublished(PublishedDate.parse("1899-12")))).containsExactly("published");
        assertThat(fields(valid().withPublished(PublishedDate.parse("0000")))).containsExactly("published");
        assertThat(fields(valid().withPublished(PublishedDate.parse("1900")))).isEmpty();
        assertThat(fields(valid().withPublished(PublishedDate.parse(today.plusYears(1).toString())))).isEmpty();
        assertThat(fields(valid().withPublished(PublishedDate.parse(today.plusYears(1).plusDays(1).toString()))))
                .containsExactly("published");
        assertThat(fields(valid().withPublished(PublishedDate.parse(Integer.toString(today.getYear() + 5))))).containsExactly("published");
    }

    /** A property's constraints as comparable text: each constraint's annotation with its attributes. */
    private static List<String> constraintsOf(Class<?> type, String property) {
        var descriptor = ContractValidator.validator().getConstraintsForClass(type).getConstraintsForProperty(property);
        assertThat(descriptor).as("%s.%s is constrained", type.getSimpleName(), property).isNotNull();
        return descriptor.getConstraintDescriptors().stream()
                .map(d -> d.getAnnotation().annotationType().getSimpleName() + new java.util.TreeMap<>(d.getAttributes()).toString()
                        .replaceAll("\\[L[^;]*;@[0-9a-f]+", "[]"))
                .sorted().toList();
    }

    @Test
    void theEventOnlyPropertiesAreConstrainedAsOnTheEventAndCheckedAlike() {
        for (var component : ContractValidator.EventOnly.class.getRecordComponents()) {
            assertThat(constraintsOf(ContractValidator.EventOnly.class, component.getName())).as(component.getName())
                    .isEqualTo(constraintsOf(ReleaseAnnounced.class, component.getName()));
        }
        ReleaseAnnounced bad = valid().withName("x".repeat(10)).withParameters(new ParameterCount(Limits.MAX_PARAMETERS + 1, "huge", false));
        assertThat(ContractValidator.violations(ContractValidator.EventOnly.of(bad))).extracting(Violation::field)
                .containsExactly("parameters");
        assertThat(ContractValidator.violations(ContractValidator.EventOnly.of(bad)))
                .isEqualTo(ContractValidator.violations(bad).stream().filter(v -> v.field().equals("parameters")).toList());
        assertThat(ContractValidator.violations(ContractValidator.EventOnly.of(valid()))).isEmpty();
    }

    @Test
    void consumersStoreAnyDateButCheckEverythingElse() {
        assertThat(ContractValidator.storageViolations(valid().withPublished(PublishedDate.parse("3001-02")))).isEmpty();
        assertThat(ContractValidator.storageViolations(valid().withPublished(PublishedDate.parse("1899")))).isEmpty();
        assertThat(ContractValidator.storageViolations(valid().withPublished(PublishedDate.parse("3001")).withName("Bad\u0000Name")
                .withTags(List.of("t".repeat(Limits.TERM + 1)))))
                .extracting(Violation::field).containsExactly("name", "tags[0]");
        assertThat(ContractValidator.storageViolations(new ReleaseRetracted("s", null, "why", "p", Instant.now())))
                .extracting(Violation::field).containsExactly("announcementEventId");
    }

    @Test
    void parameterCountsWithinPhysicalBounds() {
        assertThat(fields(valid().withParameters(new ParameterCount(Limits.MAX_PARAMETERS, "100T", false)))).isEmpty();
        assertThat(fields(valid().withParameters(new ParameterCount(Limits.MAX_PARAMETERS + 1, null, false)))).containsExactly("parameters");
        assertThat(fields(valid().withParameters(new ParameterCount(1_000_000_000_000_000L, "1e15", false)))).containsExactly("parameters");
        assertThat(fields(valid().withParameters(new ParameterCount(7, "7".repeat(200), false)))).containsExactly("parameters");
    }

    @Test
    void requiredFieldsOfTheEvent() {
        assertThat(fields(valid().withName(" ").withSlug(null).withKind(null))).containsExactly("name");
        assertThat(fields(valid().withOrganizations(java.util.Arrays.asList((Organization) null)))).containsExactly("organizations[0]");
        assertThat(fields(new ReleaseRetracted("s", null, "why\u0000", "p", Instant.now())))
                .containsExactly("announcementEventId", "reason");
    }

    @Test
    void textIsStoredInNfc() {
        assertThat(Texts.normalized("  Cafe\u0301 ")).isEqualTo("Café");
        assertThat(Texts.normalized(" \t ")).isNull();
    }
}
