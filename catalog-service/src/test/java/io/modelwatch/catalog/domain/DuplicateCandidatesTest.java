package io.modelwatch.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.domain.DuplicateCandidates.Entry;
import io.modelwatch.catalog.domain.DuplicateCandidates.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuplicateCandidatesTest {

    static final List<Entry> ENTRIES = List.of(new Entry("segment-anything-sam", "Segment Anything (SAM)"),
            new Entry("segment-anything", "Segment Anything"), new Entry("chinchila", "Chinchila"),
            new Entry("chinchilla", "Chinchilla"), new Entry("data2vec-vision", "data2vec (vision)"),
            new Entry("data2vec-speech", "data2vec (speech)"), new Entry("llama-2-7b", "Llama 2-7B"),
            new Entry("llama-2-13b", "Llama 2-13B"), new Entry("gpt-4", "GPT-4"), new Entry("gpt-4o", "GPT-4o"));

    @Test
    void closeNamesArePairedWithAReasonAndAScore() {
        List<Pair> pairs = DuplicateCandidates.find(ENTRIES, Set.of(), 100);
        assertThat(pairs).extracting(p -> p.first().slug() + " " + p.second().slug() + ": " + p.reason()).containsExactlyInAnyOrder(
                "segment-anything segment-anything-sam: same name without its parentheses",
                "chinchila chinchilla: names 1 character apart");
        assertThat(pairs).allSatisfy(p -> assertThat(p.score()).isBetween(0.8, 1.0));
    }

    @Test
    void aDismissedPairIsNotSuggested() {
        List<Pair> pairs = DuplicateCandidates.find(ENTRIES, Set.of(DuplicateCandidates.pairKey("segment-anything-sam", "segment-anything")), 100);
        assertThat(pairs).extracting(p -> p.first().slug()).containsExactly("chinchila");
    }

    @Test
    void fiftyThousandEntriesAreComparedInBoundedWork() {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(new Entry("model-" + i, "Model " + Integer.toString(i, 36) + " (v" + (i % 7) + ")"));
            if (i % 1000 == 0) {
                many.add(new Entry("model-" + i + "-plain", "Model " + Integer.toString(i, 36)));
            }
        }
        List<Pair> pairs = DuplicateCandidates.find(many, Set.of(), 1000);
        assertThat(pairs).hasSizeLessThanOrEqualTo(1000).isNotEmpty();
    }
}
