package io.modelwatch.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;

/**
 * What the API shows of an entry: the snapshot as published on catalog.model-changes (same field names), with
 * each organisation's curated category added ({@code organizations[i].category}, null when not curated).
 */
@ApplicationScoped
public class ModelViews {

    private final ObjectMapper json;

    public ModelViews(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode view(String snapshotJson, OrganizationDirectory directory) {
        ObjectNode node = read(snapshotJson);
        JsonNode organizations = node.get("organizations");
        if (organizations != null && organizations.isArray()) {
            for (JsonNode o : organizations) {
                ((ObjectNode) o).put("category", directory.category(o.path("name").asText()));
            }
        }
        return node;
    }

    public ObjectNode read(String snapshotJson) {
        try {
            return (ObjectNode) json.readTree(snapshotJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree(Object value) {
        return json.valueToTree(value);
    }
}
