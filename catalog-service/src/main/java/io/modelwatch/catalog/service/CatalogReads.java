package io.modelwatch.catalog.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.domain.ModelMerger;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainTextValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as its readers see it, shared by the API and the dashboard: pages of entries, one entry with the
 * provenance of its fields, its revisions. Entries are their API views ({@link ModelViews}).
 */
@ApplicationScoped
public class CatalogReads {

    private final CatalogQueries queries;
    private final CachedOrganizations organizations;
    private final JsonDocuments json;
    private final ModelViews views;

    public CatalogReads(CatalogQueries queries, CachedOrganizations organizations, JsonDocuments json, ModelViews views) {
        this.queries = queries;
        this.organizations = organizations;
        this.json = json;
        this.views = views;
    }

    /** Up to {@code limit} entries, and the position of the last one when more follow (null on the last page). */
    public record Page(List<ObjectNode> items, Position next) {
    }

    /** The entries after {@code after} (null: from the start), in a stable order (sort key, then slug). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page page(ModelFilter filter, Sort sort, Position after, int limit) {
        List<CatalogQueries.Row> rows = queries.page(filter, sort, after, limit + 1);
        boolean more = rows.size() > limit;
        List<CatalogQueries.Row> shown = more ? rows.subList(0, limit) : rows;
        OrganizationDirectory directory = organizations.directory();
        List<ObjectNode> items = shown.stream().map(r -> views.view(r.snapshotJson(), directory)).toList();
        return new Page(items, more ? shown.get(shown.size() - 1).position() : null);
    }

    /** One entry's view with {@code provenance}: per field, every value a source stated; empty when there is no such entry. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ObjectNode> entry(String slug) {
        String snapshot = queries.snapshot(slug).orElse(null);
        if (snapshot == null) {
            return Optional.empty();
        }
        OrganizationDirectory directory = organizations.directory();
        ObjectNode view = views.view(snapshot, directory);
        ModelChanged entry = json.read(snapshot, ModelChanged.class);
        Map<String, List<ModelMerger.Stated>> provenance = ModelMerger.provenance(entry, queries.assertions(slug), directory);
        view.set("provenance", views.tree(provenance));
        return Optional.of(view);
    }

    /** What each announcement of an entry stated (its source, publisher, date), in no particular order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<io.modelwatch.catalog.domain.Assertion> announcements(String slug) {
        return queries.assertions(slug);
    }

    /** The entry a slug that is no entry's leads to: a merged-away slug, an alias's or a spelling's slug (ingest's answer). */
    public Optional<String> redirect(String slug) {
        return queries.redirect(slug);
    }

    /** A revision of an entry; a null snapshot: deleted. */
    public record Revision(long revision, String cause, String eventId, Instant at, JsonNode snapshot) {
    }

    /** The revisions of an entry, newest first, up to {@code limit}, older than {@code before} when given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> revisions(String slug, Long before, int limit) {
        return queries.revisions(slug, before, limit).stream().map(r -> new Revision(r.revision(), r.cause(), r.eventId(), r.at(),
                r.snapshotJson() == null ? null : views.read(r.snapshotJson()))).toList();
    }

    /** An entry view read back as the snapshot it shows. */
    public ModelChanged snapshot(JsonNode view) {
        return json.read(view.toString(), ModelChanged.class);
    }

    /** A list position as the opaque cursor the API and the charts give out. */
    public static String cursor(Position p) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((p.key() + "\n" + p.slug()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor names in a list of that sort; empty when it is not one this service gave out, or its key is
     * not of the sort's type (checked here, before it reaches SQL: a cast there is a 500).
     */
    public static Optional<Position> position(String cursor, Sort sort) {
        return position(cursor).filter(p -> keyFits(sort, p));
    }

    /** The position a cursor names; empty when it is not one this service gave out. */
    private static Optional<Position> position(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int cut = text.indexOf('\n');
            if (cut > 0) {
                return Optional.of(new Position(text.substring(0, cut), text.substring(cut + 1)));
            }
        } catch (IllegalArgumentException e) {
            // not a cursor
        }
        return Optional.empty();
    }

    /** Whether a cursor's key and slug are what this sort gives out: a date (or ±infinity), a count, or plain text. */
    private static boolean keyFits(Sort sort, Position p) {
        if (PlainTextValidator.firstBad(p.key()) >= 0 || PlainTextValidator.firstBad(p.slug()) >= 0
                || p.slug().length() > Limits.NAME * 4 || p.key().length() > Limits.NAME * 4) {
            return false;
        }
        try {
            switch (sort) {
                case PUBLISHED, PUBLISHED_DESC -> {
                    if (!p.key().equals("infinity") && !p.key().equals("-infinity")) {
                        int year = java.time.LocalDate.parse(p.key()).getYear();
                        return year >= 1 && year <= 9999;
                    }
                }
                case PARAMETERS, PARAMETERS_DESC -> Long.parseLong(p.key());
                default -> { }
            }
            return true;
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return false;
        }
    }
}
