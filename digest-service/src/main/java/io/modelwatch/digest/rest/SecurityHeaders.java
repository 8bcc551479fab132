package io.modelwatch.digest.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Headers on every answer of this service so that no page can be turned against its reader: a Content-Security-Policy
 * that allows no script, no plugin, no external resource and no framing (the pages use inline styles and inline SVG
 * only, and their forms post to this service), X-Frame-Options for browsers without frame-ancestors, nosniff, and no
 * referrer leaking review ids to the dashboard.
 */
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void headers(ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        MediaType type = response.getMediaType();
        if (type != null && (type.isCompatible(MediaType.TEXT_HTML_TYPE) || "svg+xml".equals(type.getSubtype()))) {
            headers.putSingle("Content-Security-Policy", PAGE_POLICY);
            headers.putSingle("X-Frame-Options", "DENY");
            headers.putSingle("Referrer-Policy", "strict-origin-when-cross-origin");
        }
    }
}
