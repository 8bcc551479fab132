package io.modelwatch.catalog.service;

import io.modelwatch.catalog.store.JsonDocuments;
import io.modelwatch.contract.ModelChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps a snapshot (ModelChanged) within bounds, so that no entry can grow past what the change topic carries: the
 * union lists that grow with every announcement (aliases, tags, tasks) keep their first {@code max-*} values, and
 * the whole snapshot at most {@code modelwatch.catalog.snapshot.max-bytes} of JSON (aliases are left out first, then
 * tags, then tasks, from the end). Everything announced stays in the provenance (assertions, aliases tables); only
 * the snapshot is shortened. A snapshot whose fixed fields alone exceed the bound is left whole: the outbox relay
 * moves what the broker refuses to its dead-letter table.
 */
@ApplicationScoped
public class SnapshotLimits {

    private final JsonDocuments json;
    private final int maxAliases;
    private final int maxTags;
    private final int maxTasks;
    private final int maxBytes;

    public SnapshotLimits(JsonDocuments json,
                          @ConfigProperty(name = "modelwatch.catalog.snapshot.max-aliases", defaultValue = "100") int maxAliases,
                          @ConfigProperty(name = "modelwatch.catalog.snapshot.max-tags", defaultValue = "100") int maxTags,
                          @ConfigProperty(name = "modelwatch.catalog.snapshot.max-tasks", defaultValue = "100") int maxTasks,
                          @ConfigProperty(name = "modelwatch.catalog.snapshot.max-bytes", defaultValue = "524288") int maxBytes) {
        this.json = json;
        this.maxAliases = maxAliases;
        this.maxTags = maxTags;
        this.maxTasks = maxTasks;
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The snapshot within bounds; the same object when it already is. */
    public ModelChanged bound(ModelChanged entry) {
        if (entry == null) {
            return null;
        }
        ModelChanged capped = entry.withAliases(first(entry.aliases(), maxAliases)).withTags(first(entry.tags(), maxTags))
                .withTasks(first(entry.tasks(), maxTasks));
        if (size(capped) <= maxBytes) {
            return count(capped) == count(entry) ? entry : capped;
        }
        // Without the growing lists, then each value added back while it fits: linear in the size of the lists.
        ModelChanged base = capped.withAliases(empty(capped.aliases())).withTags(empty(capped.tags())).withTasks(empty(capped.tasks()));
        long budget = maxBytes - size(base);
        List<String> aliases = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        budget = fill(capped.aliases(), aliases, budget);
        budget = fill(capped.tags(), tags, budget);
        fill(capped.tasks(), tasks, budget);
        return base.withAliases(capped.aliases() == null ? null : aliases).withTags(capped.tags() == null ? null : tags)
                .withTasks(capped.tasks() == null ? null : tasks);
    }

    /** Adds values while their JSON (a quoted string and a comma) fits the budget; returns what is left. */
    private long fill(List<String> values, List<String> into, long budget) {
        if (values == null) {
            return budget;
        }
        for (String value : values) {
            long cost = json.write(value).getBytes(StandardCharsets.UTF_8).length + 1L;
            if (cost > budget) {
                break;
            }
            into.add(value);
            budget -= cost;
        }
        return budget;
    }

    private long size(ModelChanged entry) {
        return json.write(entry).getBytes(StandardCharsets.UTF_8).length;
    }

    private static int count(ModelChanged e) {
        return sizeOf(e.aliases()) + sizeOf(e.tags()) + sizeOf(e.tasks());
    }

    private static int sizeOf(List<String> list) {
        return list == null ? 0 : list.size();
    }

    private static List<String> first(List<String> values, int max) {
        return values == null || values.size() <= max ? values : List.copyOf(values.subList(0, max));
    }

    private static List<String> empty(List<String> values) {
        return values == null ? null : List.of();
    }
}
