package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.Assertion;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.contract.identity.ModelIdentity;
import io.modelwatch.contract.ReleaseAnnounced;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read side: filtered, sorted, keyset-paged lists; one entry with its sources; statistics. */
@ApplicationScoped
public class CatalogQueries {

    private final Jdbc jdbc;
    private final JsonDocuments json;
    private final CachedOrganizations organizations;

    public CatalogQueries(Jdbc jdbc, JsonDocuments json, CachedOrganizations organizations) {
        this.jdbc = jdbc;
        this.json = json;
        this.organizations = organizations;
    }

    /** How a list is ordered: the SQL key, its type for the cursor, and the direction. Ties are broken by slug. */
    public enum Sort {
        SLUG("slug", "text", false),
        NAME("lower(name)", "text", false),
        PUBLISHED("coalesce(published_start, 'infinity'::date)", "date", false),
        PUBLISHED_DESC("coalesce(published_start, '-infinity'::date)", "date", true),
        PARAMETERS("coalesce(parameters, 9223372036854775807)", "bigint", false),
        PARAMETERS_DESC("coalesce(parameters, 0)", "bigint", true);

        final String key;
        final String type;
        final boolean descending;

        Sort(String key, String type, boolean descending) {
            this.key = key;
            this.type = type;
            this.descending = descending;
        }

        public static final List<String> NAMES = List.of("slug", "name", "published", "-published", "parameters", "-parameters");

        public static Optional<Sort> named(String name) {
            return switch (name) {
                case "slug" -> Optional.of(SLUG);
                case "name" -> Optional.of(NAME);
                case "published" -> Optional.of(PUBLISHED);
                case "-published" -> Optional.of(PUBLISHED_DESC);
                case "parameters" -> Optional.of(PARAMETERS);
                case "-parameters" -> Optional.of(PARAMETERS_DESC);
                default -> Optional.empty();
            };
        }
    }

    /** A cursor position: the sort key (as text) and the slug of the last row shown. */
    public record Position(String key, String slug) {
    }

    public record Row(String snapshotJson, Position position) {
    }

    /** Up to {@code limit} entries after {@code after}, in a stable order (sort key, then slug). */
    public List<Row> page(ModelFilter filter, Sort sort, Position after, int limit) {
        FilterSql w = FilterSql.where(filter, organizations.directory());
        if (after != null) {
            w.add("(" + sort.key + ", slug) " + (sort.descending ? "<" : ">") + " (?::" + sort.type + ", ?)", after.key(), after.slug());
        }
        String direction = sort.descending ? " desc" : "";
        // The page's slugs first, then their snapshots: jsonb -> text for the page's rows only, not for every row
        // the filter matches before the sort.
        String query = "select m.snapshot::text, p.k::text, p.slug from (select slug, " + sort.key + " as k from model" + w.sql
                + " order by " + sort.key + direction + ", slug" + direction + " limit ?) as p join model m on m.slug = p.slug"
                + " order by p.k" + direction + ", p.slug" + direction;
        return jdbc.sql(query, s -> {
            w.bind(s, 0);
            s.setInt(w.parameters.size() + 1, limit);
            List<Row> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new Row(r.getString(1), new Position(r.getString(2), r.getString(3)))));
            return rows;
        });
    }

    public Optional<String> snapshot(String slug) {
        return Optional.ofNullable(jdbc.sql("select snapshot::text from model where slug = ?", s -> {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }));
    }

    /**
     * Where a slug that is no entry's leads: a merged-away slug to the survivor; any other slug ever given out (ingest's
     * answer, an alias's slug, a spelling's) to the entry its match key belongs to, since a slug has the key of the
     * names it was made from (ModelIdentity).
     */
    public Optional<String> redirect(String slug) {
        String key = ModelIdentity.key(slug);
        return Optional.ofNullable(jdbc.sql("select target from (select target, 0 as rank from model_redirect where slug = ? "
                + "union all select coalesce(r.target, a.slug), 1 from model_alias a left join model_redirect r on r.slug = a.slug "
                + "where a.name_key = ? and a.slug <> ?) t where target <> ? order by rank limit 1", s -> {
            s.setString(1, slug);
            s.setString(2, key);
            s.setString(3, slug);
            s.setString(4, slug);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }));
    }

    public List<Assertion> assertions(String slug) {
        return jdbc.sql("select event_id, facts from assertion where slug = ?", s -> {
            s.setString(1, slug);
            List<Assertion> all = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> all.add(new Assertion(r.getString(1), json.read(r.getString(2), ReleaseAnnounced.class))));
            return all;
        });
    }

    public record RevisionRow(long revision, String cause, String eventId, Instant at, String snapshotJson) {
    }

    /** The revisions of an entry, newest first, up to {@code limit}, older than {@code before} when given. */
    public List<RevisionRow> revisions(String slug, Long before, int limit) {
        return jdbc.sql("select revision, cause, event_id, created_at, snapshot::text from model_revision "
                + "where slug = ? and revision < ? order by revision desc limit ?", s -> {
            s.setString(1, slug);
            s.setLong(2, before == null ? Long.MAX_VALUE : before);
            s.setInt(3, limit);
            List<RevisionRow> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new RevisionRow(r.getLong(1), r.getString(2), r.getString(3),
                    r.getTimestamp(4).toInstant(), r.getString(5))));
            return rows;
        });
    }

    public record Count(String key, long count) {
    }

    public enum Dimension {
        // published_key and organization_names: columns written with the snapshot (V10), so no query reads its JSON.
        MONTH("case when length(published_key) = 7 then published_key end"),
        QUARTER("case when length(published_key) = 7 then to_char(published_start, 'YYYY-\"Q\"Q') end"),
        YEAR("to_char(published_start, 'YYYY')"),
        /** One group: every matching entry, whatever its date. */
        ALL("'all'"),
        COUNTRY("unnest(case when cardinality(countries) = 0 then array[null]::text[] else countries end)"),
        ORGANIZATION("unnest(organization_names)"),
        MODALITY("unnest(case when cardinality(modalities) = 0 then array[null]::text[] else modalities end)"),
        ACCESSIBILITY("accessibility"),
        KIND("kind"),
        TAG("unnest(case when cardinality(tags) = 0 then array[null]::text[] else tags end)");

        final String expression;

        Dimension(String expression) {
            this.expression = expression;
        }
    }

    /** Entries per key (an entry with two countries counts once for each); a null key: not stated / not precise enough. */
    public List<Count> count(ModelFilter filter, Dimension by) {
        FilterSql w = FilterSql.where(filter, organizations.directory());
        String query = "select k, count(distinct slug) from (select slug, " + by.expression + " as k from model" + w.sql
                + ") t group by k order by " + (by == Dimension.MONTH || by == Dimension.QUARTER || by == Dimension.YEAR
                ? "k nulls last" : "2 desc, k nulls last");
        return jdbc.sql(query, s -> {
            w.bind(s, 0);
            List<Count> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new Count(r.getString(1), r.getLong(2))));
            return rows;
        });
    }

    public record Percentiles(String period, long count, long min, double p25, double p50, double p75, double p90, long max) {
    }

    /** Parameter-count percentiles per period, over entries whose count is disclosed. */
    public List<Percentiles> parameterPercentiles(ModelFilter filter, Dimension period) {
        FilterSql w = FilterSql.where(filter, organizations.directory()).add("parameters is not null");
        String query = "select k, count(*), min(parameters), percentile_cont(array[0.25, 0.5, 0.75, 0.9]) within group (order by parameters), "
                + "max(parameters) from (select " + period.expression + " as k, parameters from model" + w.sql + ") t "
                + "group by k order by k nulls last";
        return jdbc.sql(query, s -> {
            w.bind(s, 0);
            List<Percentiles> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> {
                Double[] p = (Double[]) r.getArray(4).getArray();
                rows.add(new Percentiles(r.getString(1), r.getLong(2), r.getLong(3), p[0], p[1], p[2], p[3], r.getLong(5)));
            });
            return rows;
        });
    }

    public record OrganizationCount(String name, String country, long models) {
    }

    /** The organisations of the entries that match, with how many entries each has. */
    public List<OrganizationCount> organizations(ModelFilter filter) {
        FilterSql w = FilterSql.where(filter, organizations.directory());
        String query = "select o->>'name', o->>'country', count(distinct slug) from model, jsonb_array_elements(snapshot->'organizations') o"
                + w.sql + " group by 1, 2 order by 3 desc, 1";
        return jdbc.sql(query, s -> {
            w.bind(s, 0);
            List<OrganizationCount> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new OrganizationCount(r.getString(1), r.getString(2), r.getLong(3))));
            return rows;
        });
    }

    /** A quantity the growth of which over time can be fitted: its column, non-null only when disclosed. */
    public enum Measure {
        COMPUTE("training_compute"),
        PARAMETERS("parameters");

        final String column;

        Measure(String column) {
            this.column = column;
        }
    }

    public record Dated(java.time.LocalDate published, double value) {
    }

    /** The publication date (start) and the measure of every matching entry that has both: two columns, no snapshots. */
    public List<Dated> dated(ModelFilter filter, Measure measure) {
        FilterSql w = FilterSql.where(filter, organizations.directory())
                .add("published_start is not null")
                .add(measure.column + " is not null");
        return jdbc.sql("select published_start, " + measure.column + "::double precision from model" + w.sql
                + " order by published_start, slug", s -> {
            w.bind(s, 0);
            List<Dated> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new Dated(r.getDate(1).toLocalDate(), r.getDouble(2))));
            return rows;
        });
    }

    /** Whether any matching entry carries the tag (for a credit line that the data shown requires). */
    public boolean anyTagged(ModelFilter filter, String tag) {
        FilterSql w = FilterSql.where(filter, organizations.directory()).add("tags && ?", (Object) new String[] {tag});
        return jdbc.sql("select exists (select 1 from model" + w.sql + ")", s -> {
            w.bind(s, 0);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        });
    }

    /** Every matching entry's snapshot, oldest publication first (for exports). */
    public List<String> all(ModelFilter filter) {
        FilterSql w = FilterSql.where(filter, organizations.directory());
        return jdbc.sql("select snapshot::text from model" + w.sql + " order by published_start nulls last, slug", s -> {
            w.bind(s, 0);
            List<String> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(r.getString(1)));
            return rows;
        });
    }
}
