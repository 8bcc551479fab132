package io.modelwatch.catalog.rest;

import io.modelwatch.catalog.store.CatalogQueries;
import io.modelwatch.catalog.store.CachedOrganizations;
import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.Organization;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalog as a table, with the column names of the Epoch AI notable-models CSV ("Model", "Organization",
 * "Publication date", "Parameters", "Model accessibility"...), so the two can be read by the same tools.
 * Several values in one cell are separated by ", " as in Epoch's file. Columns Epoch does not have follow.
 */
@Path("/api/v1")
public class ExportResource {

    public static final List<String> COLUMNS = List.of("Model", "Domain", "Task", "Organization", "Organization categorization",
            "Country (of organization)", "Publication date", "Parameters", "Parameters notes", "Model accessibility", "Link",
            "Base model", "Architecture", "Confidence", "Abstract",
            // modelwatch's own
            "Slug", "Kind", "Aliases", "Modalities", "Tags", "Abstract (zh)", "Announcements", "Revision");

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
    @Operation(summary = "The (filtered) catalog as CSV with Epoch-compatible column names")
    public Response csv(@Context UriInfo uri) {
        List<Map<String, String>> rows = rows(uri);
        StringBuilder out = new StringBuilder();
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

    private List<Map<String, String>> rows(UriInfo uri) {
        ModelFilter filter = ModelFilter.parse(uri.getQueryParameters(), Set.of());
        OrganizationDirectory directory = organizations.directory();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String snapshot : queries.all(filter)) {
            rows.add(row(json.read(snapshot, ModelChanged.class), directory));
        }
        return rows;
    }

    static Map<String, String> row(ModelChanged m, OrganizationDirectory directory) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Model", m.name());
        row.put("Domain", domain(m.modalities()));
        row.put("Task", join(m.tasks()));
        row.put("Organization", m.organizations().stream().map(Organization::name).collect(Collectors.joining(", ")));
        row.put("Organization categorization", join(m.organizations().stream().map(o -> directory.category(o.name()))
                .filter(Objects::nonNull).map(ExportResource::capitalised).distinct().toList()));
        row.put("Country (of organization)", join(m.organizations().stream().map(Organization::country)
                .filter(Objects::nonNull).distinct().toList()));
        row.put("Publication date", m.published() == null ? null : m.published().value());
        row.put("Parameters", m.parameters() == null ? null : Long.toString(m.parameters().value()));
        row.put("Parameters notes", m.parameters() == null ? null : join(List.of(m.parameters().asWritten() == null ? "" : "as written: " + m.parameters().asWritten(),
                m.parameters().note() == null ? "" : m.parameters().note()).stream().filter(s -> !s.isEmpty()).toList()));
        row.put("Model accessibility", accessibility(m.accessibility()));
        row.put("Link", m.links() == null ? null : firstNonNull(m.links().paper(), m.links().announcement(), m.links().code(), m.links().weights()));
        row.put("Base model", m.baseModel());
        row.put("Architecture", m.architecture());
        row.put("Confidence", m.confidence() == null ? null : capitalised(m.confidence().name()));
        row.put("Abstract", m.summary() == null ? null : m.summary().en());
        row.put("Slug", m.slug());
        row.put("Kind", m.kind().name().toLowerCase(Locale.ROOT));
        row.put("Aliases", join(m.aliases()));
        row.put("Modalities", join(m.modalities()));
        row.put("Tags", join(m.tags()));
        row.put("Abstract (zh)", m.summary() == null ? null : m.summary().zh());
        row.put("Announcements", Integer.toString(m.announcements()));
        row.put("Revision", Long.toString(m.revision()));
        return row;
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

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. Null is an empty cell. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

}
