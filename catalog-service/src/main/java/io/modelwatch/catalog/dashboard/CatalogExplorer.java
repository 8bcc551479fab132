package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.catalog.dashboard.DashboardPages.CatalogPage;
import io.modelwatch.catalog.dashboard.DashboardPages.Facet;
import io.modelwatch.catalog.dashboard.DashboardPages.FacetValue;
import io.modelwatch.catalog.dashboard.DashboardPages.Label;
import io.modelwatch.catalog.dashboard.DashboardPages.Row;
import io.modelwatch.catalog.dashboard.DashboardPages.SortLink;
import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.CatalogQueries.Count;
import io.modelwatch.catalog.store.CatalogQueries.Dimension;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalog page as an explorer over {@code GET /api/v1/models}: its state is the API's own query parameters (plus
 * sort and after), so the page's URL, the facet counts, the table and "export this view" all ask the same question.
 */
@ApplicationScoped
public class CatalogExplorer {

    /** Rows on one page of the table (and in "export this view"). */
    public static final int PAGE = 50;
    /** Values a facet lists at most (chosen ones always). */
    static final int FACET_VALUES = 15;

    private static final List<String> SORTS = List.of("name", "published", "-published", "parameters", "-parameters");

    private final DashboardStats stats;
    private final CatalogReads reads;

    public CatalogExplorer(DashboardStats stats, CatalogReads reads) {
        this.stats = stats;
        this.reads = reads;
    }

    CatalogPage page(Map<String, List<String>> query, String sortParam, String after, Language lang, DashboardMessages msg) {
        List<String> ignored = new ArrayList<>();
        Map<String, List<String>> state = state(query, ignored);
        ModelFilter filter = ModelFilter.parse(state, Set.of());
        String sort = sortParam != null && SORTS.contains(sortParam.strip()) ? sortParam.strip() : "-published";
        // a stale cursor: back to the first page
        Position position = after == null ? null : CatalogReads.position(after, Sort.named(sort).orElseThrow()).orElse(null);
        CatalogReads.Page result = reads.page(filter, Sort.named(sort).orElseThrow(), position, PAGE);
        List<Row> rows = new ArrayList<>();
        for (JsonNode item : result.items()) {
            rows.add(row(item, reads.snapshot(item), lang, msg));
        }
        long total = stats.matching(filter);
        NumberFormat numbers = NumberFormat.getIntegerInstance(lang.locale());

        List<Facet> facets = List.of(
                facet("kind", msg.kind(), Dimension.KIND, state, enumValues(Kind.values()), msg::kindName),
                facet("accessibility", msg.accessibility(), Dimension.ACCESSIBILITY, state, enumValues(Accessibility.values()), msg::accessibilityName),
                facet("country", msg.country(), Dimension.COUNTRY, state, List.of(), c -> DisplayText.country(c, lang)),
                facet("modality", msg.modality(), Dimension.MODALITY, state, List.of(), msg::modalityName),
                facet("organization", msg.organisationsColumn(), Dimension.ORGANIZATION, state, List.of(), o -> o),
                facet("tag", msg.tag(), Dimension.TAG, state, List.of(), msg::tagName));

        String base = "/catalog?" + query(state);
        List<SortLink> columns = new ArrayList<>();
        columns.add(sortLink(msg.name(), "name", sort, base, msg));
        columns.add(new SortLink(msg.organisationsColumn(), null, null));
        columns.add(sortLink(msg.published(), "published", sort, base, msg));
        columns.add(sortLink(msg.parameters(), "parameters", sort, base, msg));
        columns.add(new SortLink(msg.kind(), null, null));
        columns.add(new SortLink(msg.accessibility(), null, null));
        String sorted = base + "sort=" + enc(sort);
        String view = query(state) + "sort=" + enc(sort) + "&limit=" + PAGE + (position == null ? "" : "&after=" + enc(after));
        String all = query(state);
        List<Label> labels = new ArrayList<>();
        for (Kind k : Kind.values()) {
            String key = k.name().toLowerCase(Locale.ROOT);
            labels.add(new Label("kind:" + key, msg.kindName(key)));
        }
        for (String key : enumValues(Accessibility.values())) {
            labels.add(new Label("accessibility:" + key, msg.accessibilityName(key)));
        }
        return new CatalogPage(state.containsKey("q") ? state.get("q").get(0) : "", sort, first(state, "from"), first(state, "to"),
                first(state, "minParameters"), first(state, "maxParameters"), facets, columns, rows,
                msg.matching(numbers.format(total), numbers.format(rows.size())),
                result.next() == null ? null : sorted + "&after=" + enc(CatalogReads.cursor(result.next())),
                position == null ? null : sorted,
                "/api/v1/export.csv?" + view, "/api/v1/export.json?" + view,
                total > rows.size() ? "/api/v1/export.csv?" + (all.isEmpty() ? "" : all.substring(0, all.length() - 1)) : null,
                !state.isEmpty(), "/catalog?sort=" + enc(sort), ignored, labels);
    }

    /** The page's filters as the API would take them; a value the API would refuse is left out and named on the page. */
    static Map<String, List<String>> state(Map<String, List<String>> query, List<String> ignored) {
        Map<String, List<String>> state = new LinkedHashMap<>();
        for (String name : ModelFilter.NAMES) {
            List<String> values = query.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank())
                    .map(String::strip).distinct().toList();
            if (values.isEmpty()) {
                continue;
            }
            if (List.of("q", "from", "to", "minParameters", "maxParameters").contains(name)) {
                values = List.of(values.get(0));
            }
            try {
                ModelFilter.parse(Map.of(name, values), Set.of());
                state.put(name, values);
            } catch (InvalidQuery e) {
                ignored.add(name + "=" + String.join(",", values));
            }
        }
        // Each bound is valid alone; a pair out of order drops its upper bound (that pair's, not another's).
        for (String[] pair : new String[][]{{"from", "to"}, {"minParameters", "maxParameters"}, {"minCompute", "maxCompute"}}) {
            if (state.containsKey(pair[0]) && state.containsKey(pair[1])) {
                try {
                    ModelFilter.parse(Map.of(pair[0], state.get(pair[0]), pair[1], state.get(pair[1])), Set.of());
                } catch (InvalidQuery e) {
                    ignored.add(pair[1] + "=" + String.join(",", state.remove(pair[1])));
                }
            }
        }
        return state;
    }

    private Facet facet(String name, String label, Dimension dimension, Map<String, List<String>> state, List<String> always,
                        Function<String, String> text) {
        Map<String, List<String>> others = new LinkedHashMap<>(state);
        List<String> chosen = others.remove(name);
        Set<String> chosenKeys = new LinkedHashSet<>();
        if (chosen != null) {
            chosen.forEach(c -> chosenKeys.add(name.equals("country") ? c.toUpperCase(Locale.ROOT)
                    : name.equals("organization") ? c : c.toLowerCase(Locale.ROOT)));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Count c : stats.counts(ModelFilter.parse(others, Set.of()), dimension)) {
            if (c.key() != null) {
                counts.put(c.key(), c.count());
            }
        }
        List<String> keys = new ArrayList<>();
        if (!always.isEmpty()) {
            keys.addAll(always);
        } else {
            counts.keySet().stream().limit(FACET_VALUES).forEach(keys::add);
        }
        chosenKeys.stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        List<FacetValue> values = new ArrayList<>();
        for (String key : keys) {
            values.add(new FacetValue("f-" + name + "-" + Integer.toHexString(key.hashCode()), key, text.apply(key),
                    counts.getOrDefault(key, 0L), chosenKeys.contains(key), !key.contains(",")));
        }
        return new Facet(name, label, values, !chosenKeys.isEmpty());
    }

    static Row row(JsonNode item, ModelChanged m, Language lang, DashboardMessages msg) {
        String name = m.name();
        String shown = lang.chinese() ? chineseName(m) : null;
        List<String> countries = m.organizations() == null ? List.of()
                : m.organizations().stream().flatMap(o -> o.countries().stream()).filter(c -> c != null).toList();
        return new Row(m.slug(), shown == null ? name : shown, shown == null ? null : name,
                DisplayText.json("organizations", item.get("organizations"), lang),
                DisplayText.published(m.published(), lang), DisplayText.parameters(m.parameters(), lang), m.parameters() == null,
                m.kind() == null ? "" : msg.kindName(m.kind().name().toLowerCase(Locale.ROOT)),
                m.accessibility() == null ? "" : msg.accessibilityName(m.accessibility().name().toLowerCase(Locale.ROOT).replace('_', '-')),
                countries.contains("CN"));
    }

    /** A Chinese name of the entry: its own when it is Chinese, else its first alias written in Chinese; null when none. */
    public static String chineseName(ModelChanged m) {
        if (chinese(m.name())) {
            return null;
        }
        return m.aliases() == null ? null : m.aliases().stream().filter(CatalogExplorer::chinese).findFirst().orElse(null);
    }

    static boolean chinese(String text) {
        return text != null && text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static SortLink sortLink(String label, String column, String sort, String base, DashboardMessages msg) {
        String state = sort.equals(column) ? "ascending" : sort.equals("-" + column) ? "descending" : "none";
        String next = column.equals("name") ? "name" : state.equals("descending") ? column : "-" + column;
        return new SortLink(label, base + "sort=" + enc(next), state);
    }

    private static List<String> enumValues(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    }

    private static String first(Map<String, List<String>> state, String name) {
        List<String> values = state.get(name);
        return values == null ? "" : values.get(0);
    }

    /** The state as query pairs, each followed by '&' (empty when there is none). */
    static String query(Map<String, List<String>> state) {
        StringBuilder out = new StringBuilder();
        state.forEach((name, values) -> values.forEach(v -> out.append(name).append('=').append(enc(v)).append('&')));
        return out.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
