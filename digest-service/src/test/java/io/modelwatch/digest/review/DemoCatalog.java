package io.modelwatch.digest.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.compute.TrainingComputeParser;
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
import java.util.Map;

/**
 * The project's demo data (demo/releases.json: v1 announcements) turned into catalog snapshots the way the catalog
 * makes them from a single announcement: slug from the name, the size parsed with the contract's parser, revision 1.
 * The releases that Epoch AI's notable-models file also holds carry its training compute and its tag, as the catalog's
 * entry does once both are imported ({@link #EPOCH_COMPUTE}).
 */
public final class DemoCatalog {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /**
     * Training compute (FLOP, "Training compute (FLOP)") of the demo releases that have a row in Epoch AI's notable-models
     * file ({@code ../shared/reference/epoch/notable_ai_models.csv}, CC BY 4.0; its row name when it differs). BLOOM
     * (July 2022) lies after every golden review's period.
     */
    public static final Map<String, String> EPOCH_COMPUTE = Map.ofEntries(
            Map.entry("GPT-3", "3.14e+23"),                  // GPT-3 175B (davinci)
            Map.entry("ERNIE 3.0", "2.25e+22"),
            Map.entry("Zidong Taichu", "8.016e+20"),
            Map.entry("FLAN", "2.047e+24"),                  // FLAN 137B
            Map.entry("Megatron-Turing NLG", "8.586e+23"),   // Megatron-Turing NLG 530B
            Map.entry("NÜWA", "7.24598784e+21"),
            Map.entry("RETRO", "1.68e+22"),                  // RETRO-7B
            Map.entry("GPT-NeoX-20B", "9.31627008e+22"),
            Map.entry("DALL·E 2", "3.3695784e+23"),
            Map.entry("OPT", "4.3e+23"),                     // OPT-175B
            Map.entry("Gato", "4.02e+21"),
            Map.entry("Imagen", "1.46e+22"),
            Map.entry("BLOOM", "3.65664e+23"));              // BLOOM-176B

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
        if (a.hasNonNull("nameZh")) {
            s.put("nameZh", a.get("nameZh").asText());
        }
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
        String compute = EPOCH_COMPUTE.get(name);
        if (compute != null) {
            s.set("trainingCompute", JSON.valueToTree(TrainingComputeParser.parse(compute).withNote("Epoch AI")));
            ArrayNode tags = s.has("tags") ? ((ArrayNode) s.get("tags")).deepCopy() : JSON.createArrayNode();
            tags.add(Credits.EPOCH_AI_TAG);
            s.set("tags", tags);
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
