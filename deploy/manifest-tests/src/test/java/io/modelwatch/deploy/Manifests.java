package io.modelwatch.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rendered overlay as typed objects: fabric8's model for Kubernetes kinds, Strimzi's api for the Kafka kinds.
 * CloudNativePG and KEDA publish no Java model on Maven Central, so their kinds stay GenericKubernetesResource
 * (and only those may).
 */
final class Manifests {

    static final Path K8S = ServiceConfig.ROOT.resolve("deploy/k8s");
    static final String STRIMZI_V1 = "kafka.strimzi.io/v1";
    /** The kinds that have no typed model here: apiVersion + " " + kind. */
    static final Set<String> UNTYPED = Set.of("postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database",
            "postgresql.cnpg.io/v1 ScheduledBackup", "keda.sh/v1alpha1 ScaledObject",
            "keda.sh/v1alpha1 TriggerAuthentication");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static {
        SERIALIZATION.registerKubernetesResource(STRIMZI_V1, "Kafka", Kafka.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI_V1, "KafkaNodePool", KafkaNodePool.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI_V1, "KafkaTopic", KafkaTopic.class);
        SERIALIZATION.registerKubernetesResource(STRIMZI_V1, "KafkaUser", KafkaUser.class);
    }

    final String overlay;
    final List<ObjectNode> raw;
    final List<HasMetadata> objects = new ArrayList<>();

    private Manifests(String overlay) {
        this.overlay = overlay;
        this.raw = Kustomize.build(K8S.resolve("overlays").resolve(overlay));
        for (ObjectNode node : raw) {
            objects.add(SERIALIZATION.unmarshal(node.toString()));
        }
    }

    static Manifests overlay(String name) {
        return new Manifests(name);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    List<GenericKubernetesResource> generic(String apiVersion, String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getApiVersion().equals(apiVersion) && r.getKind().equals(kind)).toList();
    }

    GenericKubernetesResource generic(String apiVersion, String kind, String name) {
        return generic(apiVersion, kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
    }

    /**
     * The paths of every field that the typed model did not know (kept in additionalProperties): a misspelt or
     * misplaced field would otherwise parse silently and be ignored by the cluster or the operator.
     */
    static List<String> unknownFields(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, object.getClass().getSimpleName(), found, 0);
        return found;
    }

    private static void walk(Object object, String path, List<String> found, int depth) {
        if (object == null || depth > 30) {
            return;
        }
        if (object instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, depth + 1);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found, depth + 1));
            return;
        }
        String packageName = object.getClass().getPackageName();
        if (!packageName.startsWith("io.fabric8.kubernetes.api.model") && !packageName.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method method : object.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(object);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            walk(value, path + "." + field, found, depth + 1);
        }
    }
}
