package io.modelwatch.catalog.rest;

import io.modelwatch.contract.Credits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The credit line of imported data on the exports that hold it, as a response header: a comment row would break CSV
 * readers, and the export's columns are Epoch's. An export holds Epoch AI's data when one of its rows carries the tag
 * every imported row has ({@value #EPOCH_TAG}).
 */
public class ExportCredit {

    static final String EPOCH_TAG = Credits.EPOCH_AI_TAG;
    /** The header: the credit line, then the licence. */
    public static final String HEADER = "Data-Credit";

    @ServerResponseFilter
    public void credit(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (response.getStatus() != 200 || !path.startsWith("/api/v1/export.")) {
            return;
        }
        if (holdsEpochData(response.getEntity())) {
            response.getHeaders().add(HEADER, Credits.EPOCH_AI + " (CC BY 4.0, " + Credits.EPOCH_AI_LICENCE + ")");
        }
    }

    private static boolean holdsEpochData(Object entity) {
        if (entity instanceof String csv) {
            return csv.contains(EPOCH_TAG);
        }
        if (entity instanceof List<?> rows) {
            return rows.stream().anyMatch(r -> r instanceof Map<?, ?> row && row.get("Tags") instanceof String tags
                    && List.of(tags.split(", ")).contains(EPOCH_TAG));
        }
        return false;
    }
}
