package io.modelwatch.catalog.rest;

import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a query the catalog's filters refuse (from any resource, the dashboard's too) as a 400 problem naming each bad parameter. */
public class InvalidQueryMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidQuery e) {
        return Problem.invalid(e.detail(), e.errors().stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList())
                .toResponse();
    }
}
