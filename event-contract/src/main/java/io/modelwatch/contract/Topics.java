package io.modelwatch.contract;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of modelwatch: their names and how they are created locally.
 * Kubernetes declares the same topics as KafkaTopic resources.
 */
public final class Topics {

    public static final String MODEL_RELEASES = "model-releases";
    public static final String MODEL_RELEASES_DLQ = "model-releases.dlq";
    public static final String MODEL_CHANGES = "catalog.model-changes";
    public static final String MODEL_CHANGES_DLQ = "catalog.model-changes.dlq";

    /** A topic as the local platform creates it. */
    public record Definition(String name, int partitions, Map<String, String> config) {
    }

    public static final List<Definition> ALL = List.of(
            new Definition(MODEL_RELEASES, 6, Map.of()),
            new Definition(MODEL_RELEASES_DLQ, 1, Map.of()),
            // A compacted log of full snapshots: the latest one per model survives.
            new Definition(MODEL_CHANGES, 6, Map.of("cleanup.policy", "compact")),
            new Definition(MODEL_CHANGES_DLQ, 1, Map.of()));

    private Topics() {
    }
}
