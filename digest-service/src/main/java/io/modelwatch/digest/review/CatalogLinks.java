package io.modelwatch.digest.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the catalog's API: a model's entry, and the query that lists the models behind a figure. */
public final class CatalogLinks {

    private final String catalogUrl;

    /** @param catalogUrl the catalog's public URL, without a trailing slash */
    public CatalogLinks(String catalogUrl) {
        this.catalogUrl = catalogUrl;
    }

    public String model(String slug) {
        return catalogUrl + "/api/v1/models/" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    /** @param parameters the query string, already encoded ("from=2022-01-01&to=2022-06-30&kind=model") */
    public String query(String parameters) {
        return catalogUrl + "/api/v1/models?" + parameters;
    }
}
