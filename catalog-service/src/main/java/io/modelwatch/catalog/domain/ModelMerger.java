package io.modelwatch.catalog.domain;

import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.ReleaseAnnounced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Computes a catalog entry from all the assertions that back it, so the result depends only on the set of
 * announcements, never on the order in which they arrived.
 *
 * <p>The shown-value policy ({@link #POLICY}): assertions are ranked by confidence (confident, likely,
 * speculative, unstated), then by the time of the statement (more recent first, undated last), then by event id
 * (a deterministic tie-break). Each single-valued field shows the value of the best-ranked assertion that states
 * it; links and the summary are decided per sub-field (paper, code..., en, zh). List fields (organisations,
 * modalities, tasks, tags) are the union of every assertion's values, in ranking order. Organisations are
 * resolved through the curated directory (aliases) first; a curated country wins over a stated one.
 */
public final class ModelMerger {

    public static final Comparator<Assertion> POLICY = Comparator
            .comparingInt((Assertion a) -> rank(a.confidence()))
            .thenComparing(Assertion::statedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Assertion::eventId);

    /** The entry backed by {@code assertions}, or null when there are none (the entry disappears). */
    public static ModelChanged recompute(String slug, long revision, Collection<Assertion> assertions,
                                         OrganizationDirectory directory, Collection<String> adminAliases) {
        if (assertions.isEmpty()) {
            return null;
        }
        List<ReleaseAnnounced> ranked = assertions.stream().sorted(POLICY).map(Assertion::facts).toList();
        String name = first(ranked, ReleaseAnnounced::name);
        Set<String> aliases = new TreeSet<>();
        ranked.forEach(a -> aliases.add(a.name()));
        aliases.addAll(adminAliases);
        aliases.remove(name);
        Instant firstSeen = null;
        Instant lastSeen = null;
        for (ReleaseAnnounced a : ranked) {
            if (a.announcedAt() != null) {
                firstSeen = firstSeen == null || a.announcedAt().isBefore(firstSeen) ? a.announcedAt() : firstSeen;
                lastSeen = lastSeen == null || a.announcedAt().isAfter(lastSeen) ? a.announcedAt() : lastSeen;
            }
        }
        Kind kind = first(ranked, ReleaseAnnounced::kind);
        return new ModelChanged(slug, revision,
                kind == null ? Kind.MODEL : kind,
                name,
                organizations(ranked, directory),
                first(ranked, ReleaseAnnounced::published),
                first(ranked, ReleaseAnnounced::parameters),
                union(ranked, ReleaseAnnounced::modalities),
                union(ranked, ReleaseAnnounced::tasks),
                first(ranked, ReleaseAnnounced::accessibility),
                first(ranked, ReleaseAnnounced::architecture),
                first(ranked, ReleaseAnnounced::baseModel),
                union(ranked, ReleaseAnnounced::tags),
                links(ranked),
                summary(ranked),
                first(ranked, ReleaseAnnounced::confidence),
                assertions.size(),
                firstSeen,
                lastSeen,
                List.copyOf(aliases));
    }

    /** One value some source asserted for a field, who asserted it, and whether it is the value shown. */
    public record Stated(Object value, String eventId, String publisher, Confidence confidence, Instant statedAt,
                         boolean shown) {
    }

    /** Per field, every value asserted for it, best-ranked first. */
    public static Map<String, List<Stated>> provenance(ModelChanged shown, Collection<Assertion> assertions,
                                                       OrganizationDirectory directory) {
        List<Assertion> ranked = assertions.stream().sorted(POLICY).toList();
        Map<String, List<Stated>> fields = new LinkedHashMap<>();
        field(fields, ranked, "kind", ReleaseAnnounced::kind, v -> v == shown.kind());
        field(fields, ranked, "name", ReleaseAnnounced::name, v -> v.equals(shown.name()));
        field(fields, ranked, "organizations", a -> a.organizations() == null || a.organizations().isEmpty() ? null : a.organizations(),
                v -> shown.organizations().containsAll(v.stream().map(directory::resolve).map(o -> shownOrganization(shown, o)).toList()));
        field(fields, ranked, "published", ReleaseAnnounced::published, v -> v.equals(shown.published()));
        field(fields, ranked, "parameters", ReleaseAnnounced::parameters, v -> v.equals(shown.parameters()));
        field(fields, ranked, "modalities", a -> emptyToNull(a.modalities()), v -> shown.modalities().containsAll(v));
        field(fields, ranked, "tasks", a -> emptyToNull(a.tasks()), v -> shown.tasks().containsAll(v));
        field(fields, ranked, "accessibility", ReleaseAnnounced::accessibility, v -> v == shown.accessibility());
        field(fields, ranked, "architecture", ReleaseAnnounced::architecture, v -> v.equals(shown.architecture()));
        field(fields, ranked, "baseModel", ReleaseAnnounced::baseModel, v -> v.equals(shown.baseModel()));
        field(fields, ranked, "tags", a -> emptyToNull(a.tags()), v -> shown.tags().containsAll(v));
        field(fields, ranked, "links", ReleaseAnnounced::links, v -> shown.links() != null
                && agrees(v.paper(), shown.links().paper()) && agrees(v.code(), shown.links().code())
                && agrees(v.weights(), shown.links().weights()) && agrees(v.announcement(), shown.links().announcement()));
        field(fields, ranked, "summary", ReleaseAnnounced::summary, v -> shown.summary() != null
                && agrees(v.en(), shown.summary().en()) && agrees(v.zh(), shown.summary().zh()));
        field(fields, ranked, "confidence", ReleaseAnnounced::confidence, v -> v == shown.confidence());
        return fields;
    }

    /** The organisation as the entry shows it (the shown country may come from another source). */
    private static Organization shownOrganization(ModelChanged shown, Organization resolved) {
        return shown.organizations().stream().filter(o -> o.name().equals(resolved.name())).findFirst().orElse(resolved);
    }

    private static boolean agrees(String stated, String shown) {
        return stated == null || stated.equals(shown);
    }

    private static <T> void field(Map<String, List<Stated>> fields, List<Assertion> ranked, String field,
                                  Function<ReleaseAnnounced, T> value, java.util.function.Predicate<T> isShown) {
        List<Stated> stated = new ArrayList<>();
        for (Assertion a : ranked) {
            T v = value.apply(a.facts());
            if (v != null) {
                stated.add(new Stated(v, a.eventId(), a.publisher(), a.confidence(), a.statedAt(), isShown.test(v)));
            }
        }
        if (!stated.isEmpty()) {
            fields.put(field, stated);
        }
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    static int rank(Confidence confidence) {
        return confidence == null ? Confidence.values().length : confidence.ordinal();
    }

    private static <T> T first(List<ReleaseAnnounced> ranked, Function<ReleaseAnnounced, T> field) {
        for (ReleaseAnnounced a : ranked) {
            T value = field.apply(a);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<String> union(List<ReleaseAnnounced> ranked, Function<ReleaseAnnounced, List<String>> field) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (ReleaseAnnounced a : ranked) {
            List<String> values = field.apply(a);
            if (values != null) {
                values.stream().filter(Objects::nonNull).forEach(all::add);
            }
        }
        return List.copyOf(all);
    }

    /** One entry per resolved organisation (by match key), in ranking order; the first stated country fills in. */
    private static List<Organization> organizations(List<ReleaseAnnounced> ranked, OrganizationDirectory directory) {
        Map<String, Organization> byKey = new LinkedHashMap<>();
        for (ReleaseAnnounced a : ranked) {
            if (a.organizations() == null) {
                continue;
            }
            for (Organization stated : a.organizations()) {
                if (stated == null || stated.name() == null || stated.name().isBlank()) {
                    continue;
                }
                Organization o = directory.resolve(stated);
                byKey.merge(MatchKeys.organization(o.name()), o,
                        (known, fresh) -> known.country() != null ? known : new Organization(known.name(), fresh.country()));
            }
        }
        return List.copyOf(byKey.values());
    }

    private static Links links(List<ReleaseAnnounced> ranked) {
        Links links = new Links(
                first(ranked, a -> a.links() == null ? null : a.links().paper()),
                first(ranked, a -> a.links() == null ? null : a.links().code()),
                first(ranked, a -> a.links() == null ? null : a.links().weights()),
                first(ranked, a -> a.links() == null ? null : a.links().announcement()));
        return links.equals(new Links(null, null, null, null)) ? null : links;
    }

    private static LocalizedText summary(List<ReleaseAnnounced> ranked) {
        LocalizedText text = new LocalizedText(
                first(ranked, a -> a.summary() == null ? null : a.summary().en()),
                first(ranked, a -> a.summary() == null ? null : a.summary().zh()));
        return text.en() == null && text.zh() == null ? null : text;
    }

    private ModelMerger() {
    }
}
