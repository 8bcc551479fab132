package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.catalog.dashboard.ModelPage.Field;
import io.modelwatch.catalog.dashboard.ModelPage.Link;
import io.modelwatch.catalog.dashboard.ModelPage.Provenance;
import io.modelwatch.catalog.dashboard.ModelPage.Revision;
import io.modelwatch.catalog.dashboard.ModelPage.Size;
import io.modelwatch.catalog.dashboard.ModelPage.Source;
import io.modelwatch.catalog.dashboard.ModelPage.Statement;
import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.catalog.domain.ModelFields;
import io.modelwatch.catalog.domain.ModelFields.Place;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import java.net.URI;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The model page for a reader: facts first, then links, sources, the other fields, revisions as changes. */
final class ModelPageFields {

    /** The entry's own fields, after the stated ones; their labels are {@link DashboardMessages#fieldName}. */
    private static final List<String> ENTRY_FIELDS = List.of("aliases", "announcements", "firstSeen", "lastSeen", "revision", "slug");
    /** The facts at the top of the page (parameters has its own block). */
    private static final List<String> FACTS = List.of("organizations", "published", "kind", "accessibility", "modalities", "tags");
    /** GPT-3's size: the reference the overview's size chart draws too. */
    static final long REFERENCE = 175_000_000_000L;
    /** A publisher name ingest gives announcements sent with a key that has no name of its own: not worth showing. */
    private static final Set<String> UNNAMED = Set.of("", "default");

    private ModelPageFields() {
    }

    static ModelPage page(ObjectNode view, CatalogReads reads, DashboardStats stats, Language lang, DashboardMessages msg) {
        String slug = view.path("slug").asText();
        ModelChanged entry = reads.snapshot(view);
        Map<String, Assertion> byEvent = new HashMap<>();
        List<Assertion> announcements = new ArrayList<>(reads.announcements(slug));
        announcements.forEach(a -> byEvent.put(a.eventId(), a));
        announcements.sort(Comparator.comparing(Assertion::statedAt, Comparator.nullsLast(Comparator.naturalOrder())));

        List<Field> facts = new ArrayList<>();
        for (String name : FACTS) {
            JsonNode value = view.get(name);
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                facts.add(new Field(name, label(name, lang, msg), DisplayText.json(name, value, lang)));
            }
        }
        List<Link> links = new ArrayList<>();
        view.path("links").fields().forEachRemaining(e -> {
            String url = safeUrl(e.getValue().asText(null));
            if (url != null) {
                links.add(new Link(msg.linkName(e.getKey()), url));
            }
        });
        List<Source> sources = new ArrayList<>();
        for (Assertion a : announcements) {
            var source = a.facts().source();
            String name = source == null || source.name() == null || source.name().isBlank() ? null : source.name();
            String url = source == null ? null : safeUrl(source.url());
            String publisher = a.publisher() == null || UNNAMED.contains(a.publisher().strip().toLowerCase(Locale.ROOT)) ? null : a.publisher();
            sources.add(new Source(name != null ? name : url != null ? URI.create(url).getHost() : publisher != null ? publisher : msg.unnamedSource(),
                    url, name == null && url == null ? null : publisher,
                    a.confidence() == null ? null : msg.confidenceName(a.confidence().name().toLowerCase(Locale.ROOT)),
                    a.statedAt() == null ? "" : DisplayText.instant(a.statedAt(), lang)));
        }
        String chinese = lang.chinese() ? CatalogExplorer.chineseName(entry) : null;
        JsonNode summary = view.path("summary");
        String summaryText = lang.chinese() ? summary.path("zh").asText(summary.path("en").asText(""))
                : summary.path("en").asText(summary.path("zh").asText(""));
        return new ModelPage(slug, chinese == null ? entry.name() : chinese, chinese == null ? null : entry.name(), summaryText,
                facts, size(entry, stats, lang, msg), links, fields(view, lang, msg), sources, provenance(view, byEvent, lang, msg),
                revisions(reads.revisions(slug, null, 50), byEvent, lang, msg));
    }

    private static Size size(ModelChanged entry, DashboardStats stats, Language lang, DashboardMessages msg) {
        if (entry.parameters() == null) {
            return new Size(msg.undisclosed(), true, null, null);
        }
        long value = entry.parameters().value();
        double ratio = (double) value / REFERENCE;
        // Two significant digits: 0.057×, 3.1×, 57×.
        double rounded = new java.math.BigDecimal(ratio).round(new java.math.MathContext(2)).doubleValue();
        NumberFormat format = NumberFormat.getNumberInstance(lang.locale());
        format.setMaximumFractionDigits(8);
        String versusReference = msg.versusReference(format.format(rounded) + "×");
        String versusPeriod = null;
        PublishedDate published = entry.published();
        if (published != null) {
            String year = Integer.toString(published.start().getYear());
            CatalogQueries.Percentiles p = stats.sizes(ModelFilter.parse(Map.of("from", List.of(year), "to", List.of(year)), Set.of()));
            if (p != null && p.count() > 1) {
                long median = Math.round(p.p50());
                String period = lang.chinese() ? year + " 年" : year;
                String count = NumberFormat.getIntegerInstance(lang.locale()).format(p.count());
                versusPeriod = value == median ? msg.isMedian(period, count)
                        : msg.versusPeriod(value > median, period, ParameterCountFormatter.shortForm(median, lang.locale()), count);
            }
        }
        return new Size(ParameterCountFormatter.format(entry.parameters(), lang.locale()), false, versusReference, versusPeriod);
    }

    /** The title's field, the listed ones, then the entry's own; a field without a value is left out unless always listed. */
    static List<Field> fields(JsonNode view, Language lang, DashboardMessages msg) {
        List<String> names = new ArrayList<>();
        ModelFields.ALL.stream().filter(f -> f.place() == Place.TITLE).forEach(f -> names.add(f.json()));
        ModelFields.ALL.stream().filter(f -> f.place() == Place.LISTED || f.place() == Place.ALWAYS_LISTED).forEach(f -> names.add(f.json()));
        names.addAll(ENTRY_FIELDS);
        names.remove("links"); // shown as links of their own
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            JsonNode value = view.get(name);
            boolean always = ModelFields.named(name).map(f -> f.place() == Place.ALWAYS_LISTED).orElse(false);
            if (always || (value != null && !value.isNull() && !(value.isArray() && value.isEmpty()))) {
                fields.add(new Field(name, label(name, lang, msg), DisplayText.json(name, value, lang)));
            }
        }
        return fields;
    }

    /** Per field in the view's {@code provenance}, every statement of it, named by its source. */
    static List<Provenance> provenance(JsonNode view, Map<String, Assertion> byEvent, Language lang, DashboardMessages msg) {
        List<Provenance> provenance = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = view.path("provenance").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("links")) {
                continue;
            }
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : e.getValue()) {
                Assertion a = byEvent.get(s.path("eventId").asText(""));
                String[] source = source(a, s.path("publisher").asText(""), msg);
                statements.add(new Statement(DisplayText.json(e.getKey(), s.get("value"), lang), source[0], source[1],
                        msg.confidenceName(s.path("confidence").asText("")), s.hasNonNull("statedAt")
                        ? DisplayText.instant(Instant.parse(s.get("statedAt").asText()), lang) : "", s.path("shown").asBoolean()));
            }
            provenance.add(new Provenance(label(e.getKey(), lang, msg), statements));
        }
        return provenance;
    }

    /** Newest first: what each revision changed, compared with the one before it. */
    static List<Revision> revisions(List<CatalogReads.Revision> rows, Map<String, Assertion> byEvent, Language lang, DashboardMessages msg) {
        List<String> names = new ArrayList<>();
        ModelFields.ALL.forEach(f -> names.add(f.json()));
        names.add("aliases");
        List<Revision> revisions = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CatalogReads.Revision r = rows.get(i);
            JsonNode after = r.snapshot();
            JsonNode before = i + 1 < rows.size() ? rows.get(i + 1).snapshot() : null;
            List<String> changes = new ArrayList<>();
            if (before == null && r.revision() == 1) {
                changes.add(msg.catalogued());
            } else if (after != null && before != null) {
                for (String name : names) {
                    JsonNode b = before.get(name);
                    JsonNode a = after.get(name);
                    if (name.equals("summary") && !Objects.equals(b, a)) {
                        // one line per language that changed, each as its text
                        for (String language : List.of("en", "zh")) {
                            String was = b == null ? null : b.path(language).asText(null);
                            String is = a == null ? null : a.path(language).asText(null);
                            if (!Objects.equals(was, is)) {
                                changes.add(msg.changed(label(name, lang, msg) + " (" + language + ")", was == null ? "–" : was, is == null ? "–" : is));
                            }
                        }
                    } else if (!Objects.equals(empty(b) ? null : b, empty(a) ? null : a)) {
                        changes.add(msg.changed(label(name, lang, msg), empty(b) ? "–" : DisplayText.json(name, b, lang),
                                empty(a) ? "–" : DisplayText.json(name, a, lang)));
                    }
                }
                if (changes.isEmpty()) {
                    changes.add(msg.noChange());
                }
            }
            String[] source = r.eventId() == null ? new String[]{null, null} : source(byEvent.get(r.eventId()), "", msg);
            revisions.add(new Revision(r.revision(), msg.causeName(r.cause()), changes, source[0], source[1], DisplayText.instant(r.at(), lang)));
        }
        return revisions;
    }

    private static boolean empty(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || (v.isArray() && v.isEmpty());
    }

    /** A statement's source: {name, url}; the publisher when the announcement named no source ("default" is no name). */
    private static String[] source(Assertion a, String publisher, DashboardMessages msg) {
        if (a != null && a.facts().source() != null) {
            var s = a.facts().source();
            String url = safeUrl(s.url());
            if (s.name() != null && !s.name().isBlank()) {
                return new String[]{s.name(), url};
            }
            if (url != null) {
                return new String[]{URI.create(url).getHost(), url};
            }
        }
        String p = a != null && a.publisher() != null ? a.publisher() : publisher;
        return new String[]{p == null || UNNAMED.contains(p.strip().toLowerCase(Locale.ROOT)) ? msg.unnamedSource() : p, null};
    }

    /** An http(s) link as is; anything else (javascript:, data:, malformed) is not made a link. */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String label(String name, Language lang, DashboardMessages msg) {
        return ModelFields.named(name).map(f -> lang.chinese() ? f.chinese() : f.english()).orElseGet(() -> msg.fieldName(name));
    }
}
