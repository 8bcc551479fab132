package io.modelwatch.catalog.domain;

import io.modelwatch.contract.identity.ModelIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Entries whose names are close but that the identity rule (ModelIdentity) keeps apart: suggestions for a curator,
 * who merges them (the admin merge) or dismisses the pair. Nothing here merges anything.
 *
 * <p>Two kinds of closeness, both found without comparing every pair (bounded for 50,000 entries):
 * <ul>
 *   <li>a name and the same name with a parenthesis ({@code Segment Anything (SAM)} and {@code Segment Anything}):
 *       entries grouped by their base key (ModelIdentity.baseKey), at most {@link #GROUP_CAP} per group. Two names
 *       that both carry a parenthesis ({@code data2vec (vision)}, {@code data2vec (speech)}) are variants, not
 *       suggested;</li>
 *   <li>keys a small edit apart ({@code Chinchila} and {@code Chinchilla}): keys sorted, each compared with its next
 *       {@link #WINDOW} neighbours (sorted neighbourhood), with a bounded Levenshtein distance (1, or 2 for keys of 8
 *       or more characters), keys shorter than 6 characters left out (there one character is another model: {@code
 *       GPT-4o}, {@code o3}). Keys that differ only in their numbers ({@code Llama 2-7B}, {@code Llama 2-13B}) are
 *       different models by the identity rule and are not suggested.</li>
 * </ul>
 * The score is the Jaro-Winkler similarity of the two keys (1 = equal keys).
 */
public final class DuplicateCandidates {

    static final int WINDOW = 8;
    static final int GROUP_CAP = 50;
    private static final int MIN_EDIT_KEY = 6;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance WITHIN_ONE = new LevenshteinDistance(1);
    private static final LevenshteinDistance WITHIN_TWO = new LevenshteinDistance(2);

    /** An entry as the suggestions see it. */
    public record Entry(String slug, String name) {
    }

    /** A suggested pair ({@code first} has the smaller slug), why, and how close (0 to 1). */
    public record Pair(Entry first, Entry second, String reason, double score) {
    }

    /** The suggested pairs, best score first, without those in {@code dismissed} ("first\u0000second" of sorted slugs). */
    public static List<Pair> find(Collection<Entry> entries, Set<String> dismissed, int limit) {
        List<Keyed> keyed = entries.stream().map(e -> new Keyed(e, ModelIdentity.key(e.name()), ModelIdentity.baseKey(e.name())))
                .filter(k -> !k.key.isEmpty()).sorted(Comparator.comparing((Keyed k) -> k.key).thenComparing(k -> k.entry.slug()))
                .toList();
        Map<String, Pair> pairs = new LinkedHashMap<>();
        Map<String, List<Keyed>> byBase = new HashMap<>();
        for (Keyed k : keyed) {
            List<Keyed> group = byBase.computeIfAbsent(k.base, b -> new ArrayList<>());
            if (group.size() < GROUP_CAP) {
                group.add(k);
            }
        }
        for (List<Keyed> group : byBase.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    Keyed a = group.get(i);
                    Keyed b = group.get(j);
                    if (a.key.equals(b.key)) {
                        add(pairs, dismissed, a, b, "same match key");
                    } else if (a.key.equals(a.base) || b.key.equals(b.base)) {
                        add(pairs, dismissed, a, b, "same name without its parentheses");
                    }
                }
            }
        }
        for (int i = 0; i < keyed.size(); i++) {
            Keyed a = keyed.get(i);
            for (int j = i + 1; j < Math.min(keyed.size(), i + 1 + WINDOW); j++) {
                Keyed b = keyed.get(j);
                if (a.key.length() < MIN_EDIT_KEY || b.key.length() < MIN_EDIT_KEY || onlyNumbersDiffer(a.key, b.key)) {
                    continue;
                }
                int shorter = Math.min(a.key.length(), b.key.length());
                int distance = (shorter >= 8 ? WITHIN_TWO : WITHIN_ONE).apply(a.key, b.key);
                if (distance > 0) {
                    add(pairs, dismissed, a, b, "names " + distance + (distance == 1 ? " character" : " characters") + " apart");
                }
            }
        }
        return pairs.values().stream()
                .sorted(Comparator.comparingDouble(Pair::score).reversed().thenComparing(p -> p.first().slug())
                        .thenComparing(p -> p.second().slug()))
                .limit(limit).toList();
    }

    /** The key of a dismissed pair: its two slugs in order. */
    public static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + '\u0000' + b : b + '\u0000' + a;
    }

    private static void add(Map<String, Pair> pairs, Set<String> dismissed, Keyed a, Keyed b, String reason) {
        if (a.entry.slug().equals(b.entry.slug())) {
            return;
        }
        String pairKey = pairKey(a.entry.slug(), b.entry.slug());
        if (dismissed.contains(pairKey) || pairs.containsKey(pairKey)) {
            return;
        }
        boolean ordered = a.entry.slug().compareTo(b.entry.slug()) < 0;
        double score = Math.round(JARO_WINKLER.apply(a.key, b.key) * 1000) / 1000.0;
        pairs.put(pairKey, new Pair(ordered ? a.entry : b.entry, ordered ? b.entry : a.entry, reason, score));
    }

    /** True when the keys are equal once their digits are dropped: they name other sizes or versions. */
    private static boolean onlyNumbersDiffer(String a, String b) {
        return withoutDigits(a).equals(withoutDigits(b));
    }

    private static String withoutDigits(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isDigit(c) && c != '-') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private record Keyed(Entry entry, String key, String base) {
    }

    private DuplicateCandidates() {
    }
}
