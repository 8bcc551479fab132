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
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The quick check never passes what the validator refuses, and passes what it accepts: compared on values made of
 * good and bad parts at random (seeded), each kind of bad part once per field the contract constrains.
 */
class QuickCheckTest {

    private static final Validator VALIDATOR = ContractValidator.validator();
    private static final int VALUES = 20_000;

    private final Random random = new Random(20261206);

    /** Mostly good texts, sometimes one that breaks a rule (control, bidi, surrogate, blank, too long). */
    private String text(int limit) {
        return pick(() -> "Example-Model-7B", () -> "紫东太初 NÜWA", () -> "ok", () -> null,
                () -> "", () -> "  ", () -> "bad\u0000", () -> "line\nbreak", () -> "evil\u202Egnp", () -> "half\uD800",
                () -> "x".repeat(limit), () -> "x".repeat(limit + 1));
    }

    private String link() {
        return pick(() -> "https://arxiv.org/abs/2110.08207", () -> null, () -> " http://example.org/post ",
                () -> "javascript:alert(1)", () -> "http://", () -> "ftp://example.org/x", () -> "not a url",
                () -> "https://example.org/" + "p".repeat(Limits.URL));
    }

    private List<String> terms() {
        return pick(() -> null, () -> List.of(), () -> List.of("text", "image"), () -> Arrays.asList("text", null),
                () -> Collections.singletonList(text(Limits.TERM)), () -> Collections.nCopies(Limits.TERMS, "t"),
                () -> Collections.nCopies(Limits.TERMS + 1, "t"));
    }

    private List<Organization> organizations() {
        Supplier<Organization> one = () -> new Organization(text(Limits.ORGANIZATION_NAME),
                pick(() -> "FR", () -> null, () -> "fr", () -> "FRA"),
                pick(() -> null, () -> List.of(), () -> List.of("GB"), () -> List.of("US", "CH"), () -> List.of("gb"),
                        () -> Arrays.asList("GB", null), () -> Collections.nCopies(Limits.OTHER_COUNTRIES + 1, "GB")));
        return pick(() -> List.of(one.get()), () -> List.of(one.get(), one.get()), () -> null, () -> List.of(),
                () -> Arrays.asList(one.get(), null), () -> Collections.nCopies(Limits.ORGANIZATIONS + 1, one.get()));
    }

    private ReleaseAnnounced announced() {
        return ReleaseAnnouncedBuilder.builder()
                .slug(pick(() -> "example-model-7b", () -> null, () -> "s".repeat(Limits.NAME * 4 + 1), () -> "bad\u0007"))
                .kind(Kind.MODEL)
                .name(text(Limits.NAME))
                .organizations(organizations())
                .published(pick(() -> PublishedDate.parse("2021-10-15"), () -> null, () -> PublishedDate.parse("1899-12"),
                        () -> PublishedDate.parse(LocalDate.now().plusYears(3).toString())))
                .parameters(pick(() -> new ParameterCount(7_000_000_000L, "7B", false), () -> null,
                        () -> new ParameterCount(Limits.MAX_PARAMETERS + 1, null, false),
                        () -> new ParameterCount(7, "7".repeat(Limits.PARAMETERS_TEXT + 1), false),
                        () -> new ParameterCount(7, "seven\u0000", false)))
                .modalities(terms()).tasks(terms()).tags(terms())
                .architecture(pick(() -> null, () -> text(Limits.TERM)))
                .baseModel(pick(() -> null, () -> text(Limits.TERM)))
                .links(pick(() -> null, () -> new Links(link(), link(), link(), link())))
                .summary(pick(() -> null, () -> new LocalizedText(text(Limits.TEXT), text(Limits.TEXT))))
                .source(pick(() -> null, () -> new Source(link(), text(Limits.ORGANIZATION_NAME))))
                .publisher(pick(() -> "test", () -> null, () -> text(Limits.ORGANIZATION_NAME)))
                .announcedAt(Instant.now())
                .build();
    }

    private ReleaseRetracted retracted() {
        return new ReleaseRetracted(pick(() -> "example-model-7b", () -> text(Limits.NAME * 4)),
                pick(() -> "0b5e6c1e", () -> null, () -> "", () -> "e".repeat(65)), text(Limits.TEXT),
                text(Limits.ORGANIZATION_NAME), Instant.now());
    }

    @SafeVarargs
    private <T> T pick(Supplier<? extends T>... choices) {
        // the first choice (a good value) nine times in ten, so that whole values of some 25 fields are often valid
        return random.nextInt(10) < 9 ? choices[0].get() : choices[random.nextInt(choices.length)].get();
    }

    private void agreesWithTheValidator(Class<?> type, Supplier<?> values) {
        QuickCheck quick = QuickCheck.of(VALIDATOR, type);
        assertThat(quick.covers()).isTrue();
        int passed = 0;
        for (int i = 0; i < VALUES; i++) {
            Object value = values.get();
            boolean valid = VALIDATOR.validate(value).isEmpty();
            assertThat(quick.passes(value)).as("%s", value).isEqualTo(valid);
            passed += valid ? 1 : 0;
        }
        // both answers are common, or the comparison says little
        assertThat(passed).isBetween(VALUES / 50, VALUES - VALUES / 50);
    }

    @Test
    void anAnnouncementPassesExactlyWhenTheValidatorFindsNothing() {
        agreesWithTheValidator(ReleaseAnnounced.class, this::announced);
    }

    @Test
    void aRetractionPassesExactlyWhenTheValidatorFindsNothing() {
        agreesWithTheValidator(ReleaseRetracted.class, this::retracted);
    }

    @Test
    void theContractsOwnShortcutIsTaken() {
        // each record of the contract gets a quick check: none falls back to the validator's run for every value
        for (Class<?> type : List.of(ReleaseAnnounced.class, ReleaseRetracted.class, ContractValidator.EventOnly.class,
                Organization.class, Links.class, LocalizedText.class, Source.class)) {
            assertThat(QuickCheck.of(VALIDATOR, type).covers()).as(type.getSimpleName()).isTrue();
        }
    }

    @Test
    void aTypeWithAConstraintItCannotCheckGetsNoQuickCheck() {
        record WithEmail(@jakarta.validation.constraints.Email String address) {
        }
        assertThat(QuickCheck.of(VALIDATOR, WithEmail.class).covers()).isFalse();
        assertThat(QuickCheck.of(VALIDATOR, WithEmail.class).passes(new WithEmail("a@example.org"))).isFalse();
    }
}
