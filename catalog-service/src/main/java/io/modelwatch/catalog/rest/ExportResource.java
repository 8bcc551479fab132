package io.modelwatch.catalog.rest;

import io.modelwatch.catalog.service.CatalogReads;
import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.catalog.domain.InvalidQuery.ParameterError;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.catalog.domain.ModelFields;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.parameters.ParameterCount;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalog as a table, with the column names of the Epoch AI notable-models CSV ("Model", "Organization",
 * "Publication date", "Parameters", "Model accessibility"...), so the two can be read by the same tools.
 * Several values in one cell are separated by ", " as in Epoch's file. Columns Epoch does not have follow.
 */
@Path("/api/v1")
public class ExportResource {

    /** The columns in the order they were first published (readers go by position): a column added later goes last. */
    private static final List<String> PUBLISHED = List.of("Model", "Domain", "Task", "Organization", "Organization categorization",
            "Country (of organization)", "Publication date", "Parameters", "Parameters notes", "Model accessibility", "Link",
            "Base model", "Architecture", "Confidence", "Abstract",
            // modelwatch's own
            "Slug", "Kind", "Aliases", "Modalities", "Tags", "Abstract (zh)", "Announcements", "Revision");

    /** The cells that are not one field's value as is: several fields, the curated directory, or part of a field. */
    private static final Map<String, BiFunction<ModelChanged, OrganizationDirectory, String>> DERIVED = Map.ofEntries(
            Map.entry("Domain", (m, d) -> domain(m.modalities())),
            Map.entry("Organization", (m, d) -> m.organizations().stream().map(Organization::name).collect(Collectors.joining(", "))),
            Map.entry("Organization categorization", (m, d) -> join(m.organizations().stream().map(o -> d.category(o.name()))
                    .filter(Objects::nonNull).map(ExportResource::capitalised).distinct().toList())),
            Map.entry("Country (of organization)", (m, d) -> join(m.organizations().stream().flatMap(o -> o.countries().stream())
                    .filter(Objects::nonNull).distinct().toList())),
            Map.entry("Parameters notes", (m, d) -> m.parameters() == null ? null : join(Stream.of(
                    m.parameters().asWritten() == null ? "" : "as written: " + m.parameters().asWritten(),
                    m.parameters().note() == null ? "" : m.parameters().note()).filter(s -> !s.isEmpty()).toList())),
            Map.entry("Link", (m, d) -> m.links() == null ? null
                    : firstNonNull(m.links().paper(), m.links().announcement(), m.links().code(), m.links().weights())),
            Map.entry("Abstract", (m, d) -> m.summary() == null ? null : m.summary().en()),
            Map.entry("Abstract (zh)", (m, d) -> m.summary() == null ? null : m.summary().zh()),
            Map.entry("Slug", (m, d) -> m.slug()),
            Map.entry("Aliases", (m, d) -> join(m.aliases())),
            Map.entry("Announcements", (m, d) -> Integer.toString(m.announcements())),
            Map.entry("Revision", (m, d) -> Long.toString(m.revision())));

    /** Each column and how to fill its cell: the table's fields (value as text) and the derived cells. */
    private static final Map<String, BiFunction<ModelChanged, OrganizationDirectory, String>> CELLS = cells();

    public static final List<String> COLUMNS = Stream.concat(PUBLISHED.stream(),
            CELLS.keySet().stream().filter(c -> !PUBLISHED.contains(c))).toList();

    private final CatalogQueries queries;
    private final CachedOrganizations organizations;
    private final JsonDocuments json;

    public ExportResource(CatalogQueries queries, CachedOrganizations organizations, JsonDocuments json) {
        this.queries = queries;
        this.organizations = organizations;
        this.json = json;
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The (filtered) catalog as CSV with Epoch-compatible column names",
            description = "UTF-8 with a byte-order mark. A cell starting with =, +, -, @, tab or carriage return is prefixed with ' "
                    + "so a spreadsheet shows it as text instead of running it as a formula. Takes the filters of /api/v1/models; "
                    + "with sort (and after, limit) it returns exactly the rows of that page of /api/v1/models, in its order.")
    public Response csv(@Context UriInfo uri) {
        List<Map<String, String>> rows = rows(uri);
        // A byte-order mark, so spreadsheets read the file as UTF-8 (Chinese names stay readable).
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(COLUMNS.stream().map(ExportResource::cell).collect(Collectors.joining(","))).append("\r\n");
        for (Map<String, String> row : rows) {
            out.append(COLUMNS.stream().map(c -> cell(row.get(c))).collect(Collectors.joining(","))).append("\r\n");
        }
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"modelwatch-catalog.csv\"").build();
    }

    @GET
    @Path("export.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "The (filtered) catalog as a JSON array of rows keyed by the CSV's column names")
    public List<Map<String, String>> json(@Context UriInfo uri) {
        return rows(uri);
    }

    /** The largest page a sorted export returns (the whole filtered catalog has no limit without sort). */
    static final int MAX_PAGE = 5000;

    private List<Map<String, String>> rows(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ModelFilter filter = ModelFilter.parse(query, Set.of("sort", "after", "limit"));
        OrganizationDirectory directory = organizations.directory();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String snapshot : snapshots(filter, query)) {
            rows.add(row(json.read(snapshot, ModelChanged.class), directory));
        }
        return rows;
    }

    /** Every match (oldest first), or with sort the page a list of that order shows (the dashboard's "export this view"). */
    private List<String> snapshots(ModelFilter filter, MultivaluedMap<String, String> query) {
        List<ParameterError> errors = new ArrayList<>();
        String sortText = ModelFilter.single(query, "sort", errors);
        String after = ModelFilter.single(query, "after", errors);
        String limitText = ModelFilter.single(query, "limit", errors);
        Sort sort = null;
        if (sortText != null) {
            sort = Sort.named(sortText).orElse(null);
            if (sort == null) {
                errors.add(new ParameterError("sort", "'" + sortText + "' is not one of: " + String.join(", ", Sort.NAMES)));
            }
        } else if (after != null || limitText != null) {
            errors.add(new ParameterError(after != null ? "after" : "limit", "needs sort"));
        }
        int limit = MAX_PAGE;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                errors.add(new ParameterError("limit", "'" + limitText + "' is not a number in 1.." + MAX_PAGE));
            }
        }
        Position position = null;
        if (after != null && sort != null) {
            position = sort == Sort.SLUG ? new Position(after, after) : CatalogReads.position(after, sort).orElse(null);
            if (position == null) {
                errors.add(new ParameterError("after", "is not a cursor this list gave out"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidQuery(errors.get(0).field() + " is not valid", errors);
        }
        if (sort == null) {
            return queries.all(filter);
        }
        return queries.page(filter, sort, position, limit).stream().map(CatalogQueries.Row::snapshotJson).toList();
    }

    static Map<String, String> row(ModelChanged m, OrganizationDirectory directory) {
        Map<String, String> row = new LinkedHashMap<>();
        COLUMNS.forEach(c -> row.put(c, CELLS.get(c).apply(m, directory)));
        return row;
    }

    private static Map<String, BiFunction<ModelChanged, OrganizationDirectory, String>> cells() {
        Map<String, BiFunction<ModelChanged, OrganizationDirectory, String>> cells = new LinkedHashMap<>();
        for (ModelFields.Field<?> field : ModelFields.ALL) {
            if (field.column() != null) {
                cells.put(field.column(), (m, d) -> text(field.shown().apply(m)));
            }
        }
        cells.putAll(DERIVED);
        return cells;
    }

    /** A field's value as Epoch writes it: lists joined by ", " (empty: no value), counts in full, enums in words. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return join(list.stream().map(ExportResource::text).toList());
        }
        if (value instanceof PublishedDate date) {
            return date.value();
        }
        if (value instanceof ParameterCount count) {
            return Long.toString(count.value());
        }
        if (value instanceof TrainingCompute compute) {
            return Double.toString(compute.value());
        }
        if (value instanceof Accessibility a) {
            return accessibility(a);
        }
        if (value instanceof Kind kind) {
            return kind.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Enum<?> e) {
            return capitalised(e.name());
        }
        return value.toString();
    }

    /** Epoch's Domain values from modalities: one kind of input → its domain; several → Multimodal. */
    static String domain(List<String> modalities) {
        if (modalities == null || modalities.isEmpty()) {
            return null;
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String m : modalities) {
            domains.add(switch (m.toLowerCase(Locale.ROOT)) {
                case "text", "language", "code" -> "Language";
                case "image", "vision" -> "Vision";
                case "audio", "speech" -> "Speech";
                case "video" -> "Video";
                case "game", "games" -> "Games";
                default -> capitalised(m);
            });
        }
        return domains.size() == 1 ? domains.iterator().next() : "Multimodal";
    }

    static String accessibility(Accessibility a) {
        if (a == null) {
            return null;
        }
        return switch (a) {
            case OPEN_WEIGHTS_UNRESTRICTED -> "Open weights (unrestricted)";
            case OPEN_WEIGHTS_RESTRICTED -> "Open weights (restricted use)";
            case OPEN_WEIGHTS_NONCOMMERCIAL -> "Open weights (non-commercial)";
            case API -> "API access";
            case HOSTED -> "Hosted access (no API)";
            case UNRELEASED -> "Unreleased";
        };
    }

    private static String capitalised(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replace('_', ' ');
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. Null is an empty cell. A value a
     * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with ' (OWASP's advice), so
     * it is shown as the text it is.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        value = neutralised(value);
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static String neutralised(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}
