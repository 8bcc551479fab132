package io.modelwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a Kustomize directory the way {@code kustomize build} does, for the subset of Kustomize that deploy/k8s
 * uses: {@code resources} (files and directories), {@code namespace}, and {@code patches} with a {@code target}
 * whose file holds JSON 6902 operations. Anything else in a kustomization.yaml is refused rather than ignored, so
 * this renderer can never silently produce something kubectl would not; a patch that matches no resource, or an
 * operation whose path does not exist ({@code replace}), fails too (kustomize would also fail on the latter).
 * There is no kustomize or kubectl binary on the CI machines, hence this class.
 */
final class Kustomize {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "patches");
    private static final Set<String> TARGET_FIELDS = Set.of("group", "version", "kind", "name");

    private Kustomize() {
    }

    /** The rendered resources of the kustomization in {@code dir}, in order. */
    static List<ObjectNode> build(Path dir) {
        JsonNode kustomization = read(dir.resolve("kustomization.yaml")).get(0);
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!SUPPORTED.contains(name)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + name
                        + "' is not supported by this renderer (supported: " + SUPPORTED + ")");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else {
                for (JsonNode document : read(path)) {
                    if (!document.isObject()) {
                        throw new IllegalArgumentException(path + ": a document is not an object");
                    }
                    resources.add((ObjectNode) document);
                }
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, patch, resources);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode resource : resources) {
                ((ObjectNode) resource.with("metadata")).put("namespace", namespace);
            }
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode resource : resources) {
            String id = resource.path("apiVersion").asText() + " " + resource.path("kind").asText() + " "
                    + resource.path("metadata").path("name").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException(dir + ": two resources with the same id " + id);
            }
        }
        return resources;
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> resources) {
        if (!patch.hasNonNull("path") || !patch.has("target") || patch.size() != 2) {
            throw new IllegalArgumentException(dir + ": only patches with a path and a target are supported: " + patch);
        }
        JsonNode target = patch.get("target");
        for (Iterator<String> names = target.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TARGET_FIELDS.contains(name)) {
                throw new IllegalArgumentException(dir + ": target field '" + name + "' is not supported");
            }
        }
        Path file = dir.resolve(patch.get("path").asText());
        JsonNode operations;
        try {
            // One document: readValues would unwrap a top-level list into its items.
            operations = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        if (!(operations instanceof ArrayNode)) {
            throw new IllegalArgumentException(file + ": a JSON 6902 patch (a list of operations) is expected");
        }
        int matched = 0;
        for (int i = 0; i < resources.size(); i++) {
            ObjectNode resource = resources.get(i);
            if (matches(target, resource)) {
                try {
                    resources.set(i, (ObjectNode) JsonPatch.apply(operations, resource));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " on " + resource.path("kind").asText() + "/"
                            + resource.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
                }
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": the target " + target + " matches no resource");
        }
    }

    private static boolean matches(JsonNode target, JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version))
                && (!target.has("kind") || target.get("kind").asText().equals(resource.path("kind").asText()))
                && (!target.has("name")
                        || target.get("name").asText().equals(resource.path("metadata").path("name").asText()));
    }

    /** Every non-empty YAML document of a file. */
    static List<JsonNode> read(Path file) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    result.add(document);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
