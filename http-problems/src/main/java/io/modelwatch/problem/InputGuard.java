package io.modelwatch.problem;

import io.modelwatch.contract.validation.PlainTextValidator;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The door of every service, before any resource runs: the path and the query parameters are plain text of a bounded
 * length (no NUL or other control characters, no bidirectional overrides, no malformed percent escapes), so no query,
 * slug or id reaches a parser or the database in a form it fails on with a 500. A refusal is a 400 problem naming each
 * parameter ("path" for the path).
 */
public class InputGuard {

    /** The longest query value or path taken: longer than any name, slug, token or cursor the services give out. */
    public static final int MAX_LENGTH = 2048;
    /** Query parameters one request may carry. */
    public static final int MAX_PARAMETERS = 64;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            for (PathSegment segment : request.getUriInfo().getPathSegments(true)) {
                check("path", segment.getPath(), errors);
            }
            errors.addAll(queryErrors(request.getUriInfo().getQueryParameters(true)));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("query", "is not a valid URL query (a malformed percent escape?)"));
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Problem.invalid(errors.size() == 1 ? "A part of the address is not valid."
                : errors.size() + " parts of the address are not valid.", errors.stream().distinct().toList()).toResponse());
    }

    /** What is wrong with a request's (decoded) query parameters, each named; empty when the door lets them through. */
    public static List<Problem.FieldError> queryErrors(Map<String, List<String>> query) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (name.length() > 100 || PlainTextValidator.firstBad(name) >= 0) {
                errors.add(new Problem.FieldError("query", "has a parameter name that is not plain text of at most 100 characters"));
                continue;
            }
            for (String value : parameter.getValue()) {
                count++;
                check(name, value, errors);
            }
        }
        if (count > MAX_PARAMETERS) {
            errors.add(new Problem.FieldError("query", "has " + count + " parameters; at most " + MAX_PARAMETERS + " are taken"));
        }
        return errors;
    }

    private static void check(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_LENGTH) {
            errors.add(new Problem.FieldError(field, "is " + value.length() + " characters long; at most " + MAX_LENGTH + " are taken"));
            return;
        }
        int bad = PlainTextValidator.firstBad(value);
        if (bad >= 0) {
            errors.add(new Problem.FieldError(field, "must be plain text: it holds a control or bidirectional character"
                    + String.format(" (U+%04X)", (int) value.charAt(bad))));
        }
    }
}
