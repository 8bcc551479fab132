package io.modelwatch.catalog.dashboard;

import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Count;
import io.modelwatch.catalog.store.CatalogQueries.Dimension;
import io.modelwatch.catalog.store.CatalogVersionCache;
import io.modelwatch.catalog.store.OverviewQueries;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's figures: the headline figures, breakdowns and per-month aggregates of a filter's entries in one query
 * ({@link OverviewQueries}, whose figures are those of {@code /api/v1/stats/releases/...} and {@code /parameters/...}),
 * so a figure and a chart never disagree.
 */
@ApplicationScoped
public class DashboardStats {

    private final CatalogQueries queries;
    private final OverviewQueries overviews;
    private final CatalogVersionCache cache;

    public DashboardStats(CatalogQueries queries, OverviewQueries overviews, CatalogVersionCache cache) {
        this.queries = queries;
        this.overviews = overviews;
        this.cache = cache;
    }

    /**
     * @param openWeightsShare entries with open weights (any licence) over all entries; null when there are none
     * @param medianParameters median of the disclosed counts (interpolated like percentile_cont); null when none is disclosed
     */
    public record Summary(long releases, long organisations, long countries, Double openWeightsShare, Long medianParameters,
                          String openWeightsText, String medianParametersText, int disclosed) {
    }

    /** Entries per key of one breakdown, as /api/v1/stats/releases/{by} answers it. */
    public record Breakdown(String by, long total, List<Count> groups) {
    }

    /** Disclosed parameter counts per month, as /api/v1/stats/parameters/month answers it. */
    public record Sizes(String period, List<CatalogQueries.Percentiles> groups) {
    }

    /**
     * Everything the overview draws from aggregates, from one query: the headline figures, the four breakdowns
     * ({@link OverviewQueries#BREAKDOWNS}), parameter counts per month and the releases per month and region (the
     * timeline's density view).
     */
    public record Overview(Summary summary, Map<String, Breakdown> breakdowns, Sizes parameters, List<OverviewQueries.TimelineCell> timeline) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview overview(ModelFilter filter, Language lang) {
        OverviewQueries.Overview o = overviews.overview(filter);
        Map<String, Breakdown> breakdowns = new LinkedHashMap<>();
        o.breakdowns().forEach((by, groups) -> breakdowns.put(by, new Breakdown(by, o.releases(), groups)));
        long releases = o.releases();
        Double share = releases == 0 ? null : (double) o.openWeights() / releases;
        long n = o.sizes() == null ? 0 : o.sizes().count();
        Long median = n == 0 ? null : Math.round(o.sizes().p50());
        Summary summary = new Summary(releases, keys(o.breakdowns().get("organization")), keys(o.breakdowns().get("country")), share, median,
                share == null ? "–" : NumberFormat.getPercentInstance(lang.locale()).format(share),
                median == null ? null : ParameterCountFormatter.shortForm(median, lang.locale()), (int) n);
        return new Overview(summary, breakdowns, new Sizes("month", o.perMonth()), o.timeline());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary summary(ModelFilter filter, Language lang) {
        return overview(filter, lang).summary();
    }

    /**
     * What the overview's pickers offer, from one query over the whole catalog: years with releases (newest first), the
     * 60 most stated countries, 30 modalities and 40 tags. Kept until the catalog changes ({@link CatalogVersionCache}).
     */
    public record Choices(List<String> years, List<String> countries, List<String> modalities, List<String> tags) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Choices choices() {
        return cache.get("choices", () -> {
            Map<String, List<String>> c = overviews.choices(60, 30, 40);
            return new Choices(c.get("year"), c.get("country"), c.get("modality"), c.get("tag"));
        });
    }

    /** Entries per key of a dimension under a filter: the facet counts of the catalog page (the API's own where clause). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Count> counts(ModelFilter filter, Dimension dimension) {
        return queries.count(filter, dimension);
    }

    /** How many entries match. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long matching(ModelFilter filter) {
        return total(filter);
    }

    /** The median disclosed parameter count and how many were disclosed, over the entries a filter matches. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CatalogQueries.Percentiles sizes(ModelFilter filter) {
        return queries.parameterPercentiles(filter, Dimension.ALL).stream().findFirst().orElse(null);
    }

    /**
     * Whether the entries a filter matches hold Epoch AI's data (its tag), so that the page credits it. Kept until the
     * catalog changes ({@link CatalogVersionCache}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean holdsEpochData(ModelFilter filter) {
        return cache.get(List.of("epoch", filter), () -> queries.anyTagged(filter, io.modelwatch.contract.Credits.EPOCH_AI_TAG));
    }

    private long total(ModelFilter filter) {
        return queries.count(filter, Dimension.KIND).stream().mapToLong(Count::count).sum();
    }

    private static long keys(List<Count> counts) {
        return counts.stream().filter(c -> c.key() != null).count();
    }
}
