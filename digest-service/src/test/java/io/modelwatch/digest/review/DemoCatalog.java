package io.modelwatch.digest.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCountParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's demo data (demo/releases.json: v1 announcements) turned into catalog snapshots the way the catalog
 * makes them from a single announcement: slug from the name, the size parsed with the contract's parser, revision 1.
 */
public final class DemoCatalog {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    public static Path file() {
        for (Path p : List.of(Path.of("../demo/releases.json"), Path.of("demo/releases.json"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("demo/releases.json not found from " + Path.of("").toAbsolutePath());
    }

    public static List<ModelChanged> snapshots() {
        return snapshots("");
    }

    /** With a suffix on every slug, so several copies can live in one database. */
    public static List<ModelChanged> snapshots(String slugSuffix) {
        try {
            List<ModelChanged> out = new ArrayList<>();
            for (JsonNode a : JSON.readTree(file().toFile())) {
                out.add(snapshot(a, slugSuffix));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Built through JSON, as the consumer reads snapshots, so fields the contract adds later (at the end of the
     * record) do not break this helper.
     */
    static ModelChanged snapshot(JsonNode a, String slugSuffix) throws IOException {
        String name = a.get("name").asText();
        ObjectNode s = JSON.createObjectNode();
        s.put("slug", Slugs.of(name) + slugSuffix);
        s.put("revision", 1);
        s.put("kind", a.hasNonNull("kind") ? a.get("kind").asText() : "model");
        s.put("name", name);
        s.set("organizations", a.get("organizations"));
        if (a.hasNonNull("published")) {
            s.put("published", PublishedDate.parse(a.get("published").asText()).value());
        }
        if (a.hasNonNull("parameters")) {
            s.set("parameters", JSON.valueToTree(ParameterCountParser.parse(a.get("parameters").asText())));
        }
        for (String field : List.of("modalities", "tasks", "accessibility", "architecture", "baseModel", "tags", "links",
                "summary")) {
            if (a.hasNonNull(field)) {
                s.set(field, a.get(field));
            }
        }
        s.put("confidence", a.hasNonNull("confidence") ? a.get("confidence").asText() : "confident");
        s.put("announcements", 1);
        s.put("firstSeen", "2022-07-01T00:00:00Z");
        s.put("lastSeen", "2022-07-01T00:00:00Z");
        return JSON.treeToValue(s, ModelChanged.class);
    }

    /** The snapshots whose publication date starts within [from, to], as the read model selects them. */
    public static List<ModelChanged> between(List<ModelChanged> all, LocalDate from, LocalDate to) {
        return all.stream().filter(m -> m.published() != null && !m.published().start().isBefore(from)
                && !m.published().start().isAfter(to)).toList();
    }

    private DemoCatalog() {
    }
}
