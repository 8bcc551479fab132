package io.modelwatch.catalog.dashboard;

import io.modelwatch.contract.Language;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events for the open dashboards: one event per catalog change, as a chart point. */
@Path("/api/v1/live/changes")
public class LiveResource {

    /** A change as a page draws it; point is null when the entry was deleted. */
    public record LiveEvent(String type, String slug, DashboardStatsResource.Point point) {
    }

    private final LiveChanges changes;

    public LiveResource(LiveChanges changes) {
        this.changes = changes;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Catalog changes as they are committed (server-sent events); lang formats the parameter counts")
    public Multi<LiveEvent> changes(@QueryParam("lang") String lang) {
        Language language = LanguageChoice.askedOrEnglish(lang);
        Multi<LiveEvent> events = changes.stream().map(c -> c.entry() == null ? new LiveEvent("deleted", c.slug(), null)
                : new LiveEvent("changed", c.slug(), DashboardStatsResource.point(c.entry(), language)));
        // A heartbeat keeps proxies from closing a quiet stream.
        Multi<LiveEvent> heartbeat = Multi.createFrom().ticks().every(Duration.ofSeconds(20)).map(t -> new LiveEvent("heartbeat", null, null));
        return Multi.createBy().merging().streams(events, heartbeat);
    }
}
