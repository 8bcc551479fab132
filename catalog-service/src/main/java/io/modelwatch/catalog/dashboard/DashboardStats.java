package io.modelwatch.catalog.dashboard;

import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Count;
import io.modelwatch.catalog.store.CatalogQueries.Dimension;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.NumberFormat;
import java.util.List;

/**
 * The overview's headline figures, computed by the catalog's own queries (the same ones behind
 * {@code /api/v1/stats/releases/...}) so a figure and a chart never disagree.
 */
@ApplicationScoped
public class DashboardStats {

    private final CatalogQueries queries;

    public DashboardStats(CatalogQueries queries) {
        this.queries = queries;
    }

    /**
     * @param openWeightsShare entries with open weights (any licence) over all entries; null when there are none
     * @param medianParameters median of the disclosed counts (interpolated like percentile_cont); null when none is disclosed
     */
    public record Summary(long releases, long organisations, long countries, Double openWeightsShare, Long medianParameters,
                          String openWeightsText, String medianParametersText, int disclosed) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary summary(ModelFilter filter, Language lang) {
        long releases = total(filter);
        long organisations = keys(queries.count(filter, Dimension.ORGANIZATION));
        long countries = keys(queries.count(filter, Dimension.COUNTRY));
        long open = queries.count(filter, Dimension.ACCESSIBILITY).stream()
                .filter(c -> c.key() != null && c.key().startsWith("open-weights")).mapToLong(Count::count).sum();
        Double share = releases == 0 ? null : (double) open / releases;
        // The same percentile query as /api/v1/stats/parameters/all: one statement, whatever the catalog's size.
        CatalogQueries.Percentiles all = queries.parameterPercentiles(filter, Dimension.ALL).stream().findFirst().orElse(null);
        long n = all == null ? 0 : all.count();
        Long median = n == 0 ? null : Math.round(all.p50());
        return new Summary(releases, organisations, countries, share, median,
                share == null ? "–" : NumberFormat.getPercentInstance(lang.locale()).format(share),
                median == null ? null : ParameterCountFormatter.shortForm(median, lang.locale()), (int) n);
    }

    /** The years that have releases, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> years() {
        return queries.count(ModelFilter.NONE, Dimension.YEAR).stream().map(Count::key).filter(k -> k != null)
                .sorted(java.util.Comparator.reverseOrder()).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> keys(Dimension dimension, int limit) {
        return queries.count(ModelFilter.NONE, dimension).stream().map(Count::key).filter(k -> k != null).limit(limit).toList();
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

    /** Whether the entries a filter matches hold Epoch AI's data (its tag), so that the page credits it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean holdsEpochData(ModelFilter filter) {
        return queries.anyTagged(filter, io.modelwatch.contract.Credits.EPOCH_AI_TAG);
    }

    private long total(ModelFilter filter) {
        return queries.count(filter, Dimension.KIND).stream().mapToLong(Count::count).sum();
    }

    private static long keys(List<Count> counts) {
        return counts.stream().filter(c -> c.key() != null).count();
    }
}
