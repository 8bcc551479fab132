package io.modelwatch.catalog.dashboard;

import io.modelwatch.catalog.model.CatalogQueries;
import io.modelwatch.catalog.model.CatalogQueries.Count;
import io.modelwatch.catalog.model.CatalogQueries.Dimension;
import io.modelwatch.catalog.service.ModelFilter;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

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
    public Summary summary(ModelFilter filter, Lang lang) {
        long releases = total(filter);
        long organisations = keys(queries.count(filter, Dimension.ORGANIZATION));
        long countries = keys(queries.count(filter, Dimension.COUNTRY));
        long open = queries.count(filter, Dimension.ACCESSIBILITY).stream()
                .filter(c -> c.key() != null && c.key().startsWith("open-weights")).mapToLong(Count::count).sum();
        Double share = releases == 0 ? null : (double) open / releases;
        long low = filter.minParameters() == null ? 1 : Math.max(1, filter.minParameters());
        long high = queries.parameterPercentiles(filter, Dimension.YEAR).stream().mapToLong(CatalogQueries.Percentiles::max)
                .max().orElse(0);
        ModelFilter disclosed = between(filter, low, high);
        long n = high < low ? 0 : total(disclosed);
        Long median = null;
        if (n > 0) {
            median = n % 2 == 1 ? kth(filter, low, high, (n + 1) / 2)
                    : Math.round((kth(filter, low, high, n / 2) + (double) kth(filter, low, high, n / 2 + 1)) / 2);
        }
        return new Summary(releases, organisations, countries, share, median,
                share == null ? "–" : NumberFormat.getPercentInstance(lang.locale).format(share),
                median == null ? null : ParameterCountFormatter.format(median, lang.locale), (int) n);
    }

    /** The newest month with a dated release (this month when there is none). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public YearMonth newestMonth() {
        return queries.count(ModelFilter.NONE, Dimension.MONTH).stream().map(Count::key).filter(k -> k != null)
                .reduce((a, b) -> b).map(YearMonth::parse).orElse(YearMonth.now());
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

    private long total(ModelFilter filter) {
        return queries.count(filter, Dimension.KIND).stream().mapToLong(Count::count).sum();
    }

    private static long keys(List<Count> counts) {
        return counts.stream().filter(c -> c.key() != null).count();
    }

    /**
     * The k-th smallest disclosed count, found by bisecting on the maxParameters filter: the API's own filter and
     * count, so the median follows exactly the same selection as the charts (about 40 count queries).
     */
    private long kth(ModelFilter filter, long low, long high, long k) {
        long lo = low;
        long hi = high;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (total(between(filter, low, mid)) >= k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static ModelFilter between(ModelFilter f, long min, long max) {
        long upper = f.maxParameters() == null ? max : Math.min(max, f.maxParameters());
        return new ModelFilter(f.q(), f.kinds(), f.organizations(), f.countries(), f.modalities(), f.accessibilities(), f.tags(),
                f.from(), f.to(), min, upper);
    }

    static String formatPercent(double share, Locale locale) {
        return NumberFormat.getPercentInstance(locale).format(share);
    }
}
