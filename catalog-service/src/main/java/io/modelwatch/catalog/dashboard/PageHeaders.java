package io.modelwatch.catalog.dashboard;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Every HTML page the catalog answers (the dashboard's pages, their 404s) may not be framed by another site and runs
 * only the scripts of its own origin: no inline script, no eval, nothing loaded from elsewhere. X-Content-Type-Options
 * is set for every response, static files included, by {@code quarkus.http.header} in application.properties.
 */
@Provider
public class PageHeaders implements ContainerResponseFilter {

    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response.getHeaders().putSingle("Content-Security-Policy", POLICY);
            response.getHeaders().putSingle("X-Frame-Options", "DENY");
            response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        }
    }
}
