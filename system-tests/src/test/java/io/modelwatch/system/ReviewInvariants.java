package io.modelwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 18's checks of a generated review, read from the digest's JSON (as any client of the API reads it), for data
 * the digest's own tests do not hold: no release listed in full twice; each share's numerator within its denominator,
 * the share written as that ratio, and the section that states it listing exactly its numerator; China's numerator equal
 * to what the catalog's entries say (an organisation in CN); every relative size within 10 % of the true ratio.
 */
final class ReviewInvariants {

    private static final Pattern FRACTION = Pattern.compile("(\\d+)/(\\d+)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+)\\s?%");
    /** The shares a review states; each is stated by the section of the same key. */
    private static final List<String> SHARES = List.of("china", "multimodal", "open");

    private ReviewInvariants() {
    }

    /**
     * @param review the digest as {@code GET /api/v1/digests/{id}} answers it (English)
     * @param catalog the catalog's entries by slug, as its list gives them
     * @return how many relative sizes were checked
     */
    static int check(String name, JsonPath review, Map<String, Map<String, Object>> catalog) {
        List<Map<String, Object>> sections = review.getList("review.sections");
        Set<String> releases = new HashSet<>(review.getList("releases.slug", String.class));

        // No release listed in full twice; every release a section names is listed in full somewhere.
        Set<String> full = new HashSet<>();
        List<String> named = new ArrayList<>();
        for (Map<String, Object> s : sections) {
            if ("timeline".equals(s.get("key"))) {
                continue;
            }
            for (Map<String, Object> e : entries(s)) {
                String slug = (String) e.get("slug");
                named.add(slug);
                if (Boolean.TRUE.equals(e.get("full"))) {
                    assertThat(full.add(slug)).as("%s: %s listed in full twice (again in %s)", name, slug, s.get("key")).isTrue();
                }
            }
        }
        assertThat(full).as(name).containsAll(named);
        assertThat(releases).as(name + ": every listed release is one of the period's").containsAll(full);

        // Shares: numerator within denominator within the period, shown as their ratio, the section lists the numerator.
        Map<String, Map<String, Object>> figures = review.getMap("review.figures");
        for (String key : SHARES) {
            Map<String, Object> figure = figures.get(key);
            if (figure == null || figure.get("of") == null) {
                continue;
            }
            List<String> part = strings(figure.get("slugs"));
            List<String> whole = strings(figure.get("of"));
            assertThat(releases).as(name + " " + key + " denominator").containsAll(whole);
            assertThat(whole).as(name + " " + key + " numerator").containsAll(part);
            if (!whole.isEmpty()) {
                assertThat(((String) figure.get("shown")).replace(" ", ""))
                        .as(name + " " + key).isEqualTo(Math.round(100.0 * part.size() / whole.size()) + "%");
            }
            sections.stream().filter(s -> key.equals(s.get("key"))).findFirst().ifPresent(s -> {
                assertThat(((Number) s.get("total")).intValue()).as(name + " section " + key).isEqualTo(part.size());
                assertThat(part).as(name + " section " + key).containsAll(entries(s).stream().map(e -> (String) e.get("slug")).toList());
            });
            if (key.equals("china")) {
                List<String> chinese = whole.stream().filter(slug -> chinese(catalog.get(slug))).toList();
                assertThat(part).as(name + ": China's numerator against the catalog's entries").containsExactlyInAnyOrderElementsOf(chinese);
            }
        }

        // Relative sizes against the review's own reference.
        int checked = 0;
        Object reference = review.get("review.reference.parameters");
        for (Map<String, Object> s : sections) {
            for (Map<String, Object> e : entries(s)) {
                String relative = (String) e.get("relative");
                if (relative == null || reference == null) {
                    continue;
                }
                double truth = ((Number) e.get("parameters")).doubleValue() / ((Number) reference).doubleValue();
                assertThat(Math.abs(parse(relative) - truth) / truth).as("%s: %s %s", name, e.get("name"), relative)
                        .isLessThanOrEqualTo(0.10);
                checked++;
            }
        }
        return checked;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> section) {
        Object entries = section.get("entries");
        return entries == null ? List.of() : (List<Map<String, Object>>) entries;
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((Collection<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static boolean chinese(Map<String, Object> entry) {
        assertThat(entry).as("a release the review counts is in the catalog").isNotNull();
        for (Map<String, Object> o : (List<Map<String, Object>>) entry.getOrDefault("organizations", List.of())) {
            if ("CN".equals(o.get("country")) || strings(o.get("otherCountries")).contains("CN")) {
                return true;
            }
        }
        return false;
    }

    private static double parse(String relative) {
        Matcher f = FRACTION.matcher(relative);
        if (f.matches()) {
            return Double.parseDouble(f.group(1)) / Double.parseDouble(f.group(2));
        }
        Matcher p = PERCENT.matcher(relative);
        assertThat(p.matches()).as(relative).isTrue();
        return Double.parseDouble(p.group(1)) / 100;
    }
}
