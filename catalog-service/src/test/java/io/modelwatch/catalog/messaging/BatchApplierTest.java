package io.modelwatch.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.domain.ReleaseEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The applier's rules with plain retry loops in place of the Fault Tolerance guards (DatabaseRetry). */
class BatchApplierTest {

    /** Retries transient failures until the action goes through, as DatabaseRetry.whileTransient does. */
    private static final BatchApplier.Retrying WHILE_TRANSIENT = action -> {
        while (true) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (!BatchApplier.isTransient(e)) {
                    throw e;
                }
            }
        }
    };

    private static final BatchApplier.Retrying ATTEMPTS = action -> {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == BatchApplier.ATTEMPTS) {
                    throw e;
                }
            }
        }
    };

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
        AtomicInteger failures = new AtomicInteger(3);
        BatchApplier applier = new BatchApplier(batch -> {
            attempts.add(batch.stream().map(ReleaseEvent::id).toList());
            if (failures.getAndDecrement() > 0) {
                throw new RuntimeException(new SQLException("read-only transaction", "25006"));
            }
        }, (e, reason) -> {
            throw new AssertionError("nothing may be dead-lettered");
        }, WHILE_TRANSIENT, ATTEMPTS);
        applier.applyAll(events(3));
        assertThat(attempts).hasSize(4).allSatisfy(a -> assertThat(a).containsExactly("e0", "e1", "e2"));
    }

    @Test
    void aPermanentFailureDeadLettersOnlyTheEventThatCausesIt() {
        List<String> applied = new ArrayList<>();
        AtomicInteger triesOfE1 = new AtomicInteger();
        List<Map.Entry<String, String>> dead = new ArrayList<>();
        BatchApplier applier = new BatchApplier(batch -> {
            if (batch.stream().anyMatch(e -> e.id().equals("e1"))) {
                if (batch.size() == 1) {
                    triesOfE1.incrementAndGet();
                }
                throw new RuntimeException(new SQLException("value too long", "22001"));
            }
            batch.forEach(e -> applied.add(e.id()));
        }, (e, reason) -> dead.add(Map.entry(e.id(), reason)), WHILE_TRANSIENT, ATTEMPTS);
        applier.applyAll(events(3));
        assertThat(applied).containsExactly("e0", "e2");
        assertThat(triesOfE1).hasValue(BatchApplier.ATTEMPTS);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.getKey()).isEqualTo("e1");
            assertThat(d.getValue()).contains("value too long");
        });
    }

    @Test
    void transientMeansConnectionSerializationDeadlockShutdownReadOnlyTimeoutsAndFailedCommits() {
        for (String state : List.of("08001", "08006", "40001", "40P01", "53300", "57P01", "57P02", "57P03", "25006", "57014", "55P03")) {
            assertThat(BatchApplier.isTransient(new RuntimeException(new SQLException("x", state)))).as(state).isTrue();
        }
        assertThat(BatchApplier.isTransient(new RuntimeException(new jakarta.transaction.RollbackException("commit failed")))).isTrue();
        assertThat(BatchApplier.isTransient(new org.apache.kafka.common.errors.TimeoutException("broker away"))).isTrue();
        for (String state : List.of("23505", "22001", "42P01", "57P04", "40002")) {
            assertThat(BatchApplier.isTransient(new RuntimeException(new SQLException("x", state)))).as(state).isFalse();
        }
        assertThat(BatchApplier.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void aDeadLetterReasonIsOneLine() {
        assertThat(DeadLetters.oneLine("data is not valid:\n at line 1\r\n\tcolumn 2")).isEqualTo("data is not valid: at line 1 column 2");
    }
}
