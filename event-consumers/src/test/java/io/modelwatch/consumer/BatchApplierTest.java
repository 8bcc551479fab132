package io.modelwatch.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.problem.TransientFailures;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The applier's rules with plain retry loops in place of the Fault Tolerance guards (ConsumerRetry). */
class BatchApplierTest {

    /** Retries transient failures until the action goes through, as ConsumerRetry.whileTransient does. */
    private static final BatchApplier.Retrying WHILE_TRANSIENT = action -> {
        while (true) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
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

    private record Event(String id) {
    }

    private static List<Event> events(int n) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new Event("e" + i));
        }
        return events;
    }

    @Test
    void aTransientFailureRetriesTheSameBatchInOrderUntilItGoesThrough() {
        List<List<String>> attempts = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger(3);
        BatchApplier<Event> applier = new BatchApplier<>(batch -> {
            attempts.add(batch.stream().map(Event::id).toList());
            if (failures.getAndDecrement() > 0) {
                throw new RuntimeException(new SQLException("read-only transaction", "25006"));
            }
        }, (e, reason) -> {
            throw new AssertionError("nothing may be dead-lettered");
        }, Event::id, WHILE_TRANSIENT, ATTEMPTS);
        applier.applyAll(events(3));
        assertThat(attempts).hasSize(4).allSatisfy(a -> assertThat(a).containsExactly("e0", "e1", "e2"));
    }

    @Test
    void aPermanentFailureDeadLettersOnlyTheEventThatCausesIt() {
        List<String> applied = new ArrayList<>();
        AtomicInteger triesOfE1 = new AtomicInteger();
        List<Map.Entry<String, String>> dead = new ArrayList<>();
        BatchApplier<Event> applier = new BatchApplier<>(batch -> {
            if (batch.stream().anyMatch(e -> e.id().equals("e1"))) {
                if (batch.size() == 1) {
                    triesOfE1.incrementAndGet();
                }
                throw new RuntimeException(new SQLException("value too long", "22001"));
            }
            batch.forEach(e -> applied.add(e.id()));
        }, (e, reason) -> dead.add(Map.entry(e.id(), reason)), Event::id, WHILE_TRANSIENT, ATTEMPTS);
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
            assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("x", state)))).as(state).isTrue();
        }
        assertThat(TransientFailures.isTransient(new RuntimeException(new jakarta.transaction.RollbackException("commit failed")))).isTrue();
        assertThat(TransientFailures.isTransient(new org.apache.kafka.common.errors.TimeoutException("broker away"))).isTrue();
        for (String state : List.of("23505", "22001", "42P01", "57P04", "40002")) {
            assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("x", state)))).as(state).isFalse();
        }
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad"))).isFalse();
        // A commit that failed because the database refused the data: its answer decides, the failed commit does not.
        assertThat(TransientFailures.isTransient(new RuntimeException(new jakarta.transaction.RollbackException("commit failed") {
            {
                initCause(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
            }
        }))).isFalse();
        assertThat(TransientFailures.isTransient(new RuntimeException(new jakarta.transaction.RollbackException("commit failed") {
            {
                initCause(new SQLException("connection lost", "08006"));
            }
        }))).isTrue();
    }

    @Test
    void aDeadLetterReasonIsOneLine() {
        assertThat(DeadLetterTopic.oneLine("data is not valid:\n at line 1\r\n\tcolumn 2")).isEqualTo("data is not valid: at line 1 column 2");
    }
}
