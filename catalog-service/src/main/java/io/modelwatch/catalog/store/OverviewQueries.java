package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.store.CatalogQueries.Count;
import io.modelwatch.catalog.store.CatalogQueries.Percentiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard overview draws about a filter's entries, in one statement: the matching rows are read once
 * (their query columns, never the snapshot) into a materialised set, and each figure is a grouping of that set. The
 * figures are the ones {@link CatalogQueries#count} and {@link CatalogQueries#parameterPercentiles} give for the same
 * filter (an entry counts once per key; keys ordered by count, then key), which the tests check.
 */
@ApplicationScoped
public class OverviewQueries {

    /** The breakdowns of an overview, in the order the page shows them. */
    public static final List<String> BREAKDOWNS = List.of("country", "organization", "modality", "accessibility");

    private static final String PERCENTILES = "count(*), min(parameters), "
            + "percentile_cont(array[0.25, 0.5, 0.75, 0.9]) within group (order by parameters), max(parameters)";
    private static final String NO_PERCENTILES = "count(*), null::bigint, null::double precision[], null::bigint";

    private final Jdbc jdbc;
    private final CachedOrganizations organizations;

    public OverviewQueries(Jdbc jdbc, CachedOrganizations organizations) {
        this.jdbc = jdbc;
        this.organizations = organizations;
    }

    /** Releases of one month ('YYYY-MM') or of one year known only to the year ('YYYY'), in China or elsewhere. */
    public record TimelineCell(String key, boolean china, long count) {
    }

    /**
     * @param releases      matching entries
     * @param openWeights   of them, with open weights (any licence)
     * @param breakdowns    per {@link #BREAKDOWNS} name: entries per key (null: not stated), most first
     * @param perMonth      disclosed parameter counts per month (period null: dated to the year only), by month
     * @param sizes         the same over every matching entry; null when no count is disclosed
     * @param timeline      releases per month (or year-only year) and region, by key
     */
    public record Overview(long releases, long openWeights, Map<String, List<Count>> breakdowns, List<Percentiles> perMonth,
                           Percentiles sizes, List<TimelineCell> timeline) {
    }

    public Overview overview(ModelFilter filter) {
        FilterSql w = FilterSql.where(filter, organizations.directory());
        String many = "unnest(case when cardinality(%1$s) = 0 then array[null]::text[] else %1$s end)";
        String query = "with m as materialized (select kind, accessibility, countries, modalities, organization_names, "
                + "published_key, parameters, 'CN' = any(countries) as china from model" + w.sql + ") "
                + "select part, k, n, lo, p, hi from ("
                + "select 'total' as part, null::text as k, count(*) as n, null::bigint as lo, null::double precision[] as p, "
                + "null::bigint as hi from m"
                + " union all select 'open', null, " + NO_PERCENTILES + " from m where accessibility like 'open-weights%'"
                + " union all select 'country', k, " + NO_PERCENTILES + " from m, " + String.format(many, "countries") + " k group by k"
                + " union all select 'organization', k, " + NO_PERCENTILES + " from m, unnest(organization_names) k group by k"
                + " union all select 'modality', k, " + NO_PERCENTILES + " from m, " + String.format(many, "modalities") + " k group by k"
                + " union all select 'accessibility', accessibility, " + NO_PERCENTILES + " from m group by accessibility"
                + " union all select case when china then 'timeline-cn' else 'timeline' end, published_key, " + NO_PERCENTILES
                + " from m where published_key is not null group by published_key, china"
                + " union all select 'month', case when length(published_key) = 7 then published_key end, " + PERCENTILES
                + " from m where parameters is not null group by 2"
                + " union all select 'sizes', null, " + PERCENTILES + " from m where parameters is not null"
                + ") t order by part, case when part in ('month', 'timeline', 'timeline-cn') then 0 else -n end, k nulls last";
        return jdbc.sql(query, s -> {
            w.bind(s, 0);
            long[] totals = new long[2];
            Map<String, List<Count>> breakdowns = new LinkedHashMap<>();
            BREAKDOWNS.forEach(b -> breakdowns.put(b, new ArrayList<>()));
            List<Percentiles> perMonth = new ArrayList<>();
            Percentiles[] sizes = new Percentiles[1];
            List<TimelineCell> timeline = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> {
                String part = r.getString(1);
                String key = r.getString(2);
                long n = r.getLong(3);
                switch (part) {
                    case "total" -> totals[0] = n;
                    case "open" -> totals[1] = n;
                    case "timeline", "timeline-cn" -> timeline.add(new TimelineCell(key, part.equals("timeline-cn"), n));
                    case "month", "sizes" -> {
                        if (n > 0) {
                            Double[] p = (Double[]) r.getArray(5).getArray();
                            Percentiles row = new Percentiles(key, n, r.getLong(4), p[0], p[1], p[2], p[3], r.getLong(6));
                            if (part.equals("month")) {
                                perMonth.add(row);
                            } else {
                                sizes[0] = row;
                            }
                        }
                    }
                    default -> breakdowns.get(part).add(new Count(key, n));
                }
            });
            timeline.sort(java.util.Comparator.comparing(TimelineCell::key).thenComparing(TimelineCell::china));
            return new Overview(totals[0], totals[1], breakdowns, perMonth, sizes[0], timeline);
        });
    }

    /**
     * The values the overview's pickers offer, over the whole catalog, in one scan: the years that have releases
     * (newest first), and the countries, modalities and tags stated (most entries first, then by key; at most
     * {@code limit} of each). Null keys are left out.
     */
    public Map<String, List<String>> choices(int countries, int modalities, int tags) {
        String query = "select part, k from (select part, k, row_number() over (partition by part order by "
                + "case when part = 'year' then 0 else -count(*) end, case when part = 'year' then k end desc, k) as rank from ("
                + "select 'year' as part, to_char(published_start, 'YYYY') as k from model where published_start is not null"
                + " union all select 'country', unnest(countries) from model"
                + " union all select 'modality', unnest(modalities) from model"
                + " union all select 'tag', unnest(tags) from model) v where k is not null group by part, k) t "
                + "where part = 'year' or rank <= case part when 'country' then ? when 'modality' then ? else ? end order by part, rank";
        return jdbc.sql(query, s -> {
            s.setInt(1, countries);
            s.setInt(2, modalities);
            s.setInt(3, tags);
            Map<String, List<String>> choices = new LinkedHashMap<>();
            List.of("year", "country", "modality", "tag").forEach(p -> choices.put(p, new ArrayList<>()));
            Jdbc.readAll(s.executeQuery(), r -> choices.get(r.getString(1)).add(r.getString(2)));
            return choices;
        });
    }
}
