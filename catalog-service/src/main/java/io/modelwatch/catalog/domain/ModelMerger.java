package io.modelwatch.catalog.domain;

import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.ModelChangedBuilder;
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
 * resolved through the curated directory (aliases) first; a curated country wins over a stated one. Which fields there
 * are and how each merges is {@link ModelFields}.
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
        ModelChangedBuilder entry = ModelChangedBuilder.builder().slug(slug).revision(revision);
        for (ModelFields.Field<?> field : ModelFields.ALL) {
            merge(field, ranked, directory, entry);
        }
        Set<String> aliases = new TreeSet<>();
        ranked.forEach(a -> aliases.add(a.name()));
        // Every Chinese name stated is a name the entry is known by (search finds it, the page lists it).
        ranked.stream().map(ReleaseAnnounced::nameZh).filter(Objects::nonNull).forEach(aliases::add);
        aliases.addAll(adminAliases);
        aliases.remove(entry.name());
        Instant firstSeen = null;
        Instant lastSeen = null;
        for (ReleaseAnnounced a : ranked) {
            if (a.announcedAt() != null) {
                firstSeen = firstSeen == null || a.announcedAt().isBefore(firstSeen) ? a.announcedAt() : firstSeen;
                lastSeen = lastSeen == null || a.announcedAt().isAfter(lastSeen) ? a.announcedAt() : lastSeen;
            }
        }
        return entry.announcements(assertions.size()).firstSeen(firstSeen).lastSeen(lastSeen).aliases(List.copyOf(aliases)).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void merge(ModelFields.Field<T> field, List<ReleaseAnnounced> ranked, OrganizationDirectory directory,
                                  ModelChangedBuilder entry) {
        Object value = switch (field.merge()) {
            case FIRST -> first(ranked, field.stated());
            case KIND -> Objects.requireNonNullElse(first(ranked, field.stated()), Kind.MODEL);
            case UNION -> union(ranked, field.stated());
            case ORGANIZATIONS -> organizations(ranked, directory);
            case LINKS -> links(ranked);
            case SUMMARY -> summary(ranked);
        };
        field.set().accept(entry, (T) value);
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
        for (ModelFields.Field<?> field : ModelFields.ALL) {
            List<Stated> stated = stated(field, ranked, shown, directory);
            if (!stated.isEmpty()) {
                fields.put(field.json(), stated);
            }
        }
        return fields;
    }

    private static <T> List<Stated> stated(ModelFields.Field<T> field, List<Assertion> ranked, ModelChanged entry,
                                           OrganizationDirectory directory) {
        T shown = field.shown().apply(entry);
        List<Stated> stated = new ArrayList<>();
        for (Assertion a : ranked) {
            T v = field.stated().apply(a.facts());
            if (v instanceof Collection<?> values && values.isEmpty()) {
                v = null;
            }
            if (v != null) {
                stated.add(new Stated(v, a.eventId(), a.publisher(), a.confidence(), a.statedAt(),
                        isShown(field.merge(), v, shown, entry, directory)));
            }
        }
        return stated;
    }

    private static boolean isShown(ModelFields.Merge merge, Object stated, Object shown, ModelChanged entry,
                                   OrganizationDirectory directory) {
        return switch (merge) {
            case FIRST, KIND -> stated.equals(shown);
            case UNION -> ((Collection<?>) shown).containsAll((Collection<?>) stated);
            case ORGANIZATIONS -> entry.organizations().containsAll(((List<?>) stated).stream()
                    .map(o -> shownOrganization(entry, directory.resolve((Organization) o))).toList());
            case LINKS -> shown instanceof Links s && stated instanceof Links v
                    && agrees(v.paper(), s.paper()) && agrees(v.code(), s.code())
                    && agrees(v.weights(), s.weights()) && agrees(v.announcement(), s.announcement());
            case SUMMARY -> shown instanceof LocalizedText s && stated instanceof LocalizedText v
                    && agrees(v.en(), s.en()) && agrees(v.zh(), s.zh());
        };
    }

    /** The organisation as the entry shows it (the shown country may come from another source). */
    private static Organization shownOrganization(ModelChanged shown, Organization resolved) {
        return shown.organizations().stream().filter(o -> o.name().equals(resolved.name())).findFirst().orElse(resolved);
    }

    private static boolean agrees(String stated, String shown) {
        return stated == null || stated.equals(shown);
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

    private static List<Object> union(List<ReleaseAnnounced> ranked, Function<ReleaseAnnounced, ?> field) {
        LinkedHashSet<Object> all = new LinkedHashSet<>();
        for (ReleaseAnnounced a : ranked) {
            Collection<?> values = (Collection<?>) field.apply(a);
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
                byKey.merge(ModelIdentity.organizationKey(o.name()), o, ModelMerger::sameOrganization);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** One organisation named twice: the first stated country stays its own, the others' countries are added. */
    private static Organization sameOrganization(Organization known, Organization fresh) {
        List<String> countries = new ArrayList<>(known.countries());
        fresh.countries().stream().filter(c -> !countries.contains(c)).forEach(countries::add);
        if (countries.equals(known.countries())) {
            return known;
        }
        return new Organization(known.name(), countries.get(0), countries.subList(1, countries.size()));
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
