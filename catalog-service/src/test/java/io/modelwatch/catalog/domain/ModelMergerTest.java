package io.modelwatch.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.parameters.ParameterCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMergerTest {

    static ReleaseAnnounced announced(String name, String published, ParameterCount parameters, List<Organization> orgs,
                                      List<String> tags, Confidence confidence, Instant at) {
        return ReleaseAnnouncedBuilder.builder().slug("t0").kind(Kind.MODEL).name(name).organizations(orgs)
                .published(published == null ? null : PublishedDate.parse(published)).parameters(parameters)
                .modalities(List.of("text")).tasks(List.of()).accessibility(Accessibility.OPEN_WEIGHTS_UNRESTRICTED).tags(tags)
                .confidence(confidence).publisher("test").announcedAt(at).build();
    }

    private static final OrganizationDirectory DIRECTORY = new OrganizationDirectory(Map.of(
            "google", new OrganizationDirectory.Curated("Google", "US", "industry", List.of("Google Brain")),
            "googlebrain", new OrganizationDirectory.Curated("Google", "US", "industry", List.of("Google Brain")),
            "百度", new OrganizationDirectory.Curated("Baidu", "CN", "industry", List.of("百度")),
            "baidu", new OrganizationDirectory.Curated("Baidu", "CN", "industry", List.of("百度"))));

    @Test
    void oneAnnouncementMakesTheEntry() {
        Instant at = Instant.parse("2021-10-15T00:00:00Z");
        ModelChanged entry = ModelMerger.recompute("t0", 1, List.of(new Assertion("e1",
                announced("T0", "2021-10", null, List.of(new Organization("BigScience", "FR")), List.of(), Confidence.CONFIDENT, at))),
                DIRECTORY, List.of());
        assertThat(entry.revision()).isEqualTo(1);
        assertThat(entry.announcements()).isEqualTo(1);
        assertThat(entry.parameters()).as("undisclosed stays null, never 0").isNull();
        assertThat(entry.firstSeen()).isEqualTo(at);
        assertThat(entry.aliases()).isEmpty();
    }

    /** One organisation named by two announcements: its own country stays, the other countries are all kept, once. */
    @Test
    void anOrganisationNamedTwiceKeepsEveryCountryItIsGiven() {
        Instant at = Instant.parse("2021-10-15T00:00:00Z");
        ModelChanged entry = ModelMerger.recompute("t0", 1, List.of(
                new Assertion("e1", announced("T0", "2021-10", null, List.of(new Organization("Google DeepMind", "GB")), List.of(),
                        Confidence.CONFIDENT, at)),
                new Assertion("e2", announced("T0", "2021-10", null, List.of(new Organization("Google DeepMind", "US", List.of("GB", "CH"))),
                        List.of(), Confidence.CONFIDENT, at.plusSeconds(60)))),
                DIRECTORY, List.of());
        assertThat(entry.organizations()).singleElement().satisfies(o -> {
            assertThat(o.countries()).containsExactlyInAnyOrder("GB", "US", "CH");
            assertThat(o.otherCountries()).doesNotContain(o.country());
        });
        // A curated country replaces the stated one; a multinational's other countries stay.
        assertThat(DIRECTORY.resolve(new Organization("Google Brain", "GB", List.of("CH", "US"))))
                .isEqualTo(new Organization("Google", "US", List.of("CH")));
    }

    @Test
    void noAssertionsLeftMeansNoEntry() {
        assertThat(ModelMerger.recompute("t0", 3, List.of(), DIRECTORY, List.of())).isNull();
    }

    @Test
    void higherConfidenceWinsOverAMoreRecentStatementAndTheRecentOneWinsAmongEquals() {
        Instant early = Instant.parse("2021-10-15T00:00:00Z");
        Instant late = Instant.parse("2021-11-15T00:00:00Z");
        Assertion confidentOld = new Assertion("a", announced("T0", "2021-10-15", new ParameterCount(11_000_000_000L, "11B", false),
                List.of(new Organization("BigScience", "FR")), List.of("instruction-tuned"), Confidence.CONFIDENT, early));
        Assertion speculativeNew = new Assertion("b", announced("T-0", "2021-11", new ParameterCount(3_000_000_000L, "3B", false),
                List.of(new Organization("Hugging Face", "US")), List.of("multitask-prompted"), Confidence.SPECULATIVE, late));
        Assertion confidentNew = new Assertion("c", announced("T0", null, null,
                List.of(new Organization("BigScience", null)), List.of(), Confidence.CONFIDENT, late));

        ModelChanged entry = ModelMerger.recompute("t0", 3, List.of(speculativeNew, confidentOld, confidentNew), DIRECTORY, List.of());
        assertThat(entry.parameters().value()).as("confident beats a more recent speculative statement").isEqualTo(11_000_000_000L);
        assertThat(entry.published().value()).isEqualTo("2021-10-15");
        assertThat(entry.name()).as("the recent confident statement names it").isEqualTo("T0");
        assertThat(entry.aliases()).containsExactly("T-0");
        assertThat(entry.organizations()).containsExactly(new Organization("BigScience", "FR"), new Organization("Hugging Face", "US"));
        assertThat(entry.tags()).containsExactly("instruction-tuned", "multitask-prompted");
        assertThat(entry.firstSeen()).isEqualTo(early);
        assertThat(entry.lastSeen()).isEqualTo(late);

        Map<String, List<ModelMerger.Stated>> provenance = ModelMerger.provenance(entry, List.of(speculativeNew, confidentOld, confidentNew), DIRECTORY);
        assertThat(provenance.get("parameters")).extracting(ModelMerger.Stated::eventId, ModelMerger.Stated::shown)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", true), org.assertj.core.groups.Tuple.tuple("b", false));
        assertThat(provenance.get("name")).extracting(ModelMerger.Stated::eventId).containsExactly("c", "a", "b");
    }

    @Test
    void organisationAliasesResolveToTheCuratedOrganisationAndCountry() {
        Instant at = Instant.parse("2022-01-01T00:00:00Z");
        ModelChanged entry = ModelMerger.recompute("x", 2, List.of(
                new Assertion("a", announced("X", null, null, List.of(new Organization("Google Brain", null)), List.of(), Confidence.CONFIDENT, at)),
                new Assertion("b", announced("X", null, null, List.of(new Organization("百度", null), new Organization("google", "GB")),
                        List.of(), Confidence.LIKELY, at))), DIRECTORY, List.of());
        assertThat(entry.organizations()).containsExactly(new Organization("Google", "US"), new Organization("Baidu", "CN"));
    }

    @Test
    void summariesAndLinksAreDecidedPerLanguageAndPerLink() {
        Instant at = Instant.parse("2022-01-01T00:00:00Z");
        ReleaseAnnounced en = announced("X", null, null, List.of(new Organization("A", null)), List.of(), Confidence.CONFIDENT, at);
        en = ReleaseAnnouncedBuilder.builder().slug(en.slug()).kind(en.kind()).name(en.name()).organizations(en.organizations())
                .summary(new LocalizedText("English", null)).confidence(Confidence.CONFIDENT).publisher("p").announcedAt(at).build();
        ReleaseAnnounced zh = ReleaseAnnouncedBuilder.builder().slug("x").kind(Kind.MODEL).name("X").organizations(List.of(new Organization("A", null)))
                .summary(new LocalizedText("ignored", "中文")).confidence(Confidence.LIKELY).publisher("q").announcedAt(at).build();
        ModelChanged entry = ModelMerger.recompute("x", 2, List.of(new Assertion("1", en), new Assertion("2", zh)), DIRECTORY, List.of());
        assertThat(entry.summary()).isEqualTo(new LocalizedText("English", "中文"));
    }
}
