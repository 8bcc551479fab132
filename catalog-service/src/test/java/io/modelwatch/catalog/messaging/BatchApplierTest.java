package io.modelwatch.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.domain.ReleaseEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchApplierTest {

    private static List<ReleaseEvent> events(int n) {
        List<ReleaseEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new ReleaseEvent.Retracted("e" + i, "t", null));
        }
        return events;
    }

    @Test
    void aTransientFailureRetriesTheSameBatchInOrderUntilItGoesThrough() {
        List<List<String>> attempts = new ArrayList<>();
        List<Long> sleeps = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger(3);
        BatchApplier applier = new BatchApplier(batch -> {
            attempts.add(batch.stream().map(ReleaseEvent::id).toList());
            if (failures.getAndDecrement() > 0) {
                throw new RuntimeException(new SQLException("connection lost", "08006"));
            }
        }, (e, reason) -> {
            throw new AssertionError("nothing may be dead-lettered");
        }, sleeps::add, 1000);
        applier.applyAll(events(3));
        assertThat(attempts).hasSize(4).allSatisfy(a -> assertThat(a).containsExactly("e0", "e1", "e2"));
        assertThat(sleeps).containsExactly(50L, 100L, 200L);
    }

    @Test
    void aPermanentFailureDeadLettersOnlyTheEventThatCausesIt() {
        List<String> applied = new ArrayList<>();
        List<Map.Entry<String, String>> dead = new ArrayList<>();
        BatchApplier applier = new BatchApplier(batch -> {
            if (batch.stream().anyMatch(e -> e.id().equals("e1"))) {
                throw new RuntimeException(new SQLException("value too long", "22001"));
            }
            batch.forEach(e -> applied.add(e.id()));
        }, (e, reason) -> dead.add(Map.entry(e.id(), reason)), ms -> { }, 1000);
        applier.applyAll(events(3));
        assertThat(applied).containsExactly("e0", "e2");
        // e1 was tried alone BatchApplier.ATTEMPTS times before it was dead-lettered.
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.getKey()).isEqualTo("e1");
            assertThat(d.getValue()).contains("value too long");
        });
    }

    @Test
    void transientMeansConnectionSerializationDeadlockOrShutdown() {
        assertThat(BatchApplier.isTransient(new RuntimeException(new SQLException("x", "40001")))).isTrue();
        assertThat(BatchApplier.isTransient(new RuntimeException(new SQLException("x", "40P01")))).isTrue();
        assertThat(BatchApplier.isTransient(new RuntimeException(new SQLException("x", "57P01")))).isTrue();
        assertThat(BatchApplier.isTransient(new RuntimeException(new SQLException("x", "23505")))).isFalse();
        assertThat(BatchApplier.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }
}
