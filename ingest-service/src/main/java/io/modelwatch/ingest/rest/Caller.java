package io.modelwatch.ingest.rest;

import io.modelwatch.apikeys.Roles;
import io.modelwatch.ingest.config.IngestConfig.Role;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;

/** The API key a request was authenticated with: its name (the publisher) and its role. */
public record Caller(String name, Role role) {

    /** The caller of an endpoint that needs a key (@Authenticated): Quarkus Security has checked it already. */
    public static Caller of(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        return new Caller(security.getUserPrincipal().getName(), security.isUserInRole(Roles.ADMIN) ? Role.ADMIN : Role.PUBLISHER);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
