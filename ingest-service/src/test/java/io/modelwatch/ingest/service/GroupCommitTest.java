package io.modelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit's logic, with a write function of its own (no database): who is written with whom, and failures. */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** Each item's result is its own (10 times the item), and the groups are recorded. */
    private List<Integer> tenTimes(List<Integer> items, CountDownLatch gate) {
        groups.add(List.copyOf(items));
        try {
            assertThat(gate.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return items.stream().map(i -> i * 10).toList();
    }

    @Test
    void itemsThatArriveWhileAGroupIsWrittenAreWrittenTogetherAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-group-commit", 100, items -> tenTimes(items, gate))) {
            CompletableFuture<Integer> first = commit.submit(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1); // the writer holds [0]
            List<CompletableFuture<Integer>> next = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                int item = i;
                next.add(commit.submit(item));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 12);
            gate.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
            for (int i = 1; i <= 12; i++) {
                assertThat(next.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
            }
            assertThat(groups).hasSize(2);
            assertThat(groups.get(0)).containsExactly(0);
            assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        }
    }

    @Test
    void aGroupIsNeverLargerThanTheMaximum() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-group-commit", 5, items -> tenTimes(items, gate))) {
            CompletableFuture<Integer> first = commit.submit(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1);
            List<CompletableFuture<Integer>> next = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                int item = i;
                next.add(commit.submit(item));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 12);
            gate.countDown();
            CompletableFuture.allOf(next.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            first.get(10, TimeUnit.SECONDS);

            assertThat(groups.stream().map(List::size).toList()).containsExactly(1, 5, 5, 2);
        }
    }

    @Test
    void everyCallerOfAFailedGroupGetsItsExceptionAndTheNextGroupIsWritten() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        IllegalStateException down = new IllegalStateException("database down");
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-group-commit", 100, items -> {
            groups.add(List.copyOf(items));
            if (items.contains(0)) { // the first group waits until the second is queued, then fails
                entered.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw down;
            }
            return items;
        })) {
            CompletableFuture<Integer> first = commit.submit(0);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> second = commit.submit(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 1);
            gate.countDown();

            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCause(down);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void aWriteThatAnswersTheWrongNumberOfResultsFailsItsCallersInsteadOfMixingThemUp() {
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-group-commit", 100, items -> List.of())) {
            assertThatThrownBy(() -> commit.submit(7).get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a group of 1 was written with 0 results");
        }
    }

    @Test
    void afterCloseNothingIsTakenAndWhatWasQueuedWasWritten() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-group-commit", 100, items -> tenTimes(items, gate));
        CompletableFuture<Integer> first = commit.submit(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1);
        CompletableFuture<Integer> queued = commit.submit(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(commit::close, callers);
        gate.countDown();
        closing.get(15, TimeUnit.SECONDS);

        assertThat(first.get(1, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(queued.get(1, TimeUnit.SECONDS)).isEqualTo(20);
        assertThatThrownBy(() -> commit.submit(3).get(1, TimeUnit.SECONDS)).cause().isInstanceOf(java.util.concurrent.RejectedExecutionException.class)
                .hasMessageContaining("closed")
                .satisfies(refused -> assertThat(io.modelwatch.problem.TransientFailures.isTransient(refused))
                        .as("answered 503 with Retry-After, not 500").isTrue());
    }
}
