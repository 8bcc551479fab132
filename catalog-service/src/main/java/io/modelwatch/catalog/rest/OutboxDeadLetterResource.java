package io.modelwatch.catalog.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.catalog.store.OutboxDeadLetterStore;
import io.modelwatch.catalog.store.OutboxDeadLetterStore.DeadLetter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admin: the changes the outbox relay could never send (too large for the broker, unserialisable). */
@Path("/api/v1/admin/outbox/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxDeadLetterResource {

    static final int LIMIT = 1000;

    private final OutboxDeadLetterStore store;

    public OutboxDeadLetterResource(OutboxDeadLetterStore store) {
        this.store = store;
    }

    public record DeadLetterList(List<DeadLetter> items) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Admin: changes that could never be published to catalog.model-changes (newest first, at most 1,000), "
            + "with the reason; the entry's snapshot is its revision in the catalog")
    public DeadLetterList list() {
        return new DeadLetterList(store.newest(LIMIT));
    }
}
