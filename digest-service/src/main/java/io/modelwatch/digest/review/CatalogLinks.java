package io.modelwatch.digest.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links into the catalog: a model's page on the dashboard (what readers open), and the API query that lists the models
 * behind a figure (the evidence in the JSON form).
 */
public final class CatalogLinks {

    private final String catalogUrl;
    private final String dashboardUrl;

    /**
     * @param catalogUrl the catalog's public URL, without a trailing slash
     * @param dashboardUrl the dashboard's public URL, without a trailing slash (model pages at {@code /models/<slug>})
     */
    public CatalogLinks(String catalogUrl, String dashboardUrl) {
        this.catalogUrl = catalogUrl;
        this.dashboardUrl = dashboardUrl;
    }

    /** The model's page on the catalog's dashboard (the dashboard's {@code /models/{slug}}), never raw JSON. */
    public String model(String slug) {
        return dashboardUrl + "/models/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @param parameters the query string, already encoded ("from=2022-01-01&to=2022-06-30&kind=model") */
    public String query(String parameters) {
        return catalogUrl + "/api/v1/models?" + parameters;
    }
}
