package io.modelwatch.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.parameters.ParameterCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Merging does not depend on arrival order: any shuffle of the same announcements gives the same entry. */
class ArrivalOrderPropertyTest {

    private static final OrganizationDirectory DIRECTORY = new OrganizationDirectory(Map.of(
            "googlebrain", new OrganizationDirectory.Curated("Google", "US", "industry", List.of("Google Brain")),
            "google", new OrganizationDirectory.Curated("Google", "US", "industry", List.of("Google Brain"))));

    @Property(tries = 300)
    void anyArrivalOrderGivesTheSameEntry(@ForAll("announcements") @Size(min = 1, max = 8) List<Assertion> assertions,
                                          @ForAll long seed) {
        ModelChanged inOrder = ModelMerger.recompute("m", assertions.size(), assertions, DIRECTORY, List.of("Admin Alias"));
        List<Assertion> shuffled = new ArrayList<>(assertions);
        Collections.shuffle(shuffled, new Random(seed));
        ModelChanged reordered = ModelMerger.recompute("m", assertions.size(), shuffled, DIRECTORY, List.of("Admin Alias"));
        assertThat(reordered).isEqualTo(inOrder);
        assertThat(ModelMerger.provenance(reordered, shuffled, DIRECTORY)).isEqualTo(ModelMerger.provenance(inOrder, assertions, DIRECTORY));
    }

    @Property(tries = 200)
    void retractingOneAnnouncementGivesTheEntryOfTheOthers(@ForAll("announcements") @Size(min = 2, max = 6) List<Assertion> assertions,
                                                           @ForAll long seed) {
        List<Assertion> shuffled = new ArrayList<>(assertions);
        Collections.shuffle(shuffled, new Random(seed));
        Assertion retracted = shuffled.remove(0);
        List<Assertion> rest = assertions.stream().filter(a -> a != retracted).toList();
        assertThat(ModelMerger.recompute("m", 9, shuffled, DIRECTORY, List.of()))
                .isEqualTo(ModelMerger.recompute("m", 9, rest, DIRECTORY, List.of()));
    }

    @Provide
    Arbitrary<List<Assertion>> announcements() {
        Arbitrary<String> names = Arbitraries.of("GPT-3", "GPT3", "gpt 3", "GPT-3 (175B)");
        Arbitrary<List<Organization>> orgs = Arbitraries.of(
                new Organization("OpenAI", "US"), new Organization("OpenAI", null), new Organization("Google Brain", null),
                new Organization("google", "GB"), new Organization("Microsoft", "US")).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<PublishedDate> published = Arbitraries.of("2020", "2020-05", "2020-05-28", "2020-06-11")
                .map(PublishedDate::parse).injectNull(0.3);
        Arbitrary<ParameterCount> parameters = Arbitraries.of(175_000_000_000L, 13_000_000_000L, 6_700_000_000L)
                .map(v -> new ParameterCount(v, v / 1_000_000_000L + "B", false)).injectNull(0.3);
        Arbitrary<List<String>> tags = Arbitraries.of("few-shot", "dense", "decoder-only").list().ofMaxSize(2);
        Arbitrary<Confidence> confidence = Arbitraries.of(Confidence.class).injectNull(0.1);
        // Few distinct instants, so ties in confidence and time happen and the event id must break them.
        Arbitrary<Instant> at = Arbitraries.of("2020-05-28T00:00:00Z", "2020-06-01T00:00:00Z").map(Instant::parse).injectNull(0.1);
        Arbitrary<Accessibility> accessibility = Arbitraries.of(Accessibility.class).injectNull(0.3);
        Arbitrary<LocalizedText> summary = Arbitraries.of(new LocalizedText("a", null), new LocalizedText(null, "乙"),
                new LocalizedText("b", "甲")).injectNull(0.4);
        Arbitrary<Links> links = Arbitraries.of(new Links("p1", null, null, null), new Links(null, "c", null, null),
                new Links("p2", "c2", null, null)).injectNull(0.4);
        Arbitrary<ReleaseAnnounced> one = Combinators.combine(names, orgs, published, parameters, tags, confidence, at, accessibility)
                .as((n, o, p, c, t, conf, when, acc) -> ReleaseAnnouncedBuilder.builder().slug("gpt-3").kind(Kind.MODEL).name(n)
                        .organizations(o).published(p).parameters(c).modalities(List.of("text")).tasks(List.of()).accessibility(acc)
                        .tags(t).confidence(conf).publisher("pub").announcedAt(when).build());
        Arbitrary<ReleaseAnnounced> withText = Combinators.combine(one, summary, links).as((a, s, l) -> a.withLinks(l).withSummary(s));
        return withText.list().ofMinSize(1).ofMaxSize(8).map(list -> {
            List<Assertion> assertions = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                assertions.add(new Assertion("event-" + i, list.get(i)));
            }
            return assertions;
        });
    }
}
