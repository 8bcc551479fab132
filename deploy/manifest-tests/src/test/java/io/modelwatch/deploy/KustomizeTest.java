package io.modelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The renderer itself: what it does, and that it refuses what it does not support instead of ignoring it. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web
            data:
              A: "1"
            """;

    @TempDir
    Path dir;

    private Path write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private void base() throws IOException {
        write("base/kustomization.yaml", "namespace: shop\nresources:\n  - app.yaml\n");
        write("base/app.yaml", DEPLOYMENT);
    }

    @Test
    void anOverlayPatchesOnlyItsTargetsAndTheBaseSetsTheNamespace() throws IOException {
        base();
        write("dev/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: replicas.yaml
                    target: {group: apps, version: v1, kind: Deployment, name: web}
                """);
        write("dev/replicas.yaml", "- op: replace\n  path: /spec/replicas\n  value: 1\n");

        List<ObjectNode> resources = Kustomize.build(dir.resolve("dev"));

        assertThat(resources).hasSize(2);
        assertThat(resources.get(0).at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(resources).allSatisfy(r -> assertThat(r.at("/metadata/namespace").asText()).isEqualTo("shop"));
        assertThat(resources.get(1).at("/data/A").asText()).isEqualTo("1");
    }

    @Test
    void aFeatureItDoesNotImplementIsRefused() throws IOException {
        base();
        write("dev/kustomization.yaml", "resources: [../base]\nimages:\n  - name: web\n    newTag: \"2\"\n");

        assertThatThrownBy(() -> Kustomize.build(dir.resolve("dev"))).hasMessageContaining("'images' is not supported");
    }

    @Test
    void aPatchThatMatchesNothingOrAPathThatDoesNotExistFails() throws IOException {
        base();
        write("dev/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: replicas.yaml
                    target: {kind: Deployment, name: api}
                """);
        write("dev/replicas.yaml", "- op: replace\n  path: /spec/replicas\n  value: 1\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("dev"))).hasMessageContaining("matches no resource");

        write("prod/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: typo.yaml
                    target: {kind: Deployment}
                """);
        write("prod/typo.yaml", "- op: replace\n  path: /spec/replica\n  value: 1\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("prod"))).hasMessageContaining("typo.yaml");
    }

    @Test
    void aMisspeltFieldIsFoundInTheTypedObject() {
        Deployment deployment = new KubernetesSerialization().unmarshal(DEPLOYMENT.split("---")[0]
                .replace("      containers:", "      containres:"), Deployment.class);

        assertThat(Manifests.unknownFields(deployment)).singleElement().asString().contains("containres");
    }
}
