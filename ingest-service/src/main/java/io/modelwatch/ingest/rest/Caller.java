package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.config.IngestConfig.Role;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** The API key a request was authenticated with: its name (the publisher) and its role. */
public record Caller(String name, Role role) {

    static final String PROPERTY = "modelwatch.caller";

    public static Caller of(ContainerRequestContext request) {
        return (Caller) request.getProperty(PROPERTY);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN,
                    "The API key '" + name + "' is a publisher key; this needs an admin key."));
        }
    }
}
