package io.modelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.ingest.service.AnnouncementLedger.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** How a batch reports its sent lines as acknowledgements arrive on other threads: each once, none lost. */
class BatchOutcomesTest {

    /** The first repetition's seed (each repetition adds its number); -Dbatch-outcomes.seed=<printed seed> repeats a run. */
    private static final long SEED = Long.getLong("batch-outcomes.seed", System.nanoTime());

    private static List<Recorded> sent(int count) {
        List<Recorded> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReleaseAnnounced event = ReleaseAnnouncedBuilder.builder().slug("model-" + i).name("Model " + i)
                    .publisher("publisher-a").build();
            sent.add(new Recorded(i + 1, UUID.randomUUID(), event));
        }
        return sent;
    }

    @RepeatedTest(20)
    void everyAcknowledgementFromTwoThreadsInAnyOrderIsReportedOnceWithItsOutcome(RepetitionInfo repetition) throws Exception {
        int count = 5_000;
        long seed = SEED + repetition.getCurrentRepetition();
        System.out.printf("BatchOutcomesTest: seed %d (-Dbatch-outcomes.seed=%d repeats this run)%n", seed, SEED);
        Random random = new Random(seed);
        List<Recorded> sent = sent(count);
        BatchOutcomes batch = new BatchOutcomes(count, List.of(), sent, Duration.ofSeconds(30));
        batch.handedOver();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        boolean[] fails = new boolean[count];
        for (int i = 0; i < count; i++) {
            fails[i] = random.nextInt(10) == 0;
        }
        // two writers (the producer's I/O thread and a refusing sender), each with half, with pauses so the reader parks
        Thread[] writers = new Thread[2];
        for (int w = 0; w < 2; w++) {
            List<Integer> mine = order.subList(w * count / 2, (w + 1) * count / 2);
            writers[w] = new Thread(() -> {
                for (int k = 0; k < mine.size(); k++) {
                    int index = mine.get(k);
                    batch.acknowledged(index, fails[index] ? new IllegalStateException("refused") : null);
                    if (k % 500 == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                }
            });
            writers[w].start();
        }
        List<Outcome> all = batch.all();
        for (Thread w : writers) {
            w.join();
        }
        assertThat(all).as("seed %d", seed).hasSize(count);
        for (int i = 0; i < count; i++) {
            Outcome o = all.get(i);
            assertThat(o.line()).as("seed %d", seed).isEqualTo(i + 1);
            assertThat(o.status()).as("seed %d, line %d", seed, i + 1).isEqualTo(fails[i] ? 503 : 202);
            assertThat(o.eventId()).as("seed %d, line %d", seed, i + 1).isEqualTo(fails[i] ? null : sent.get(i).eventId());
        }
        int failed = 0;
        for (boolean f : fails) {
            failed += f ? 1 : 0;
        }
        assertThat(batch.accepted()).isEqualTo(count - failed);
        assertThat(batch.next()).isNull();
    }

    @Test
    void linesNotAcknowledgedByTheDeadlineAre503AndALateAcknowledgementIsIgnored() throws Exception {
        List<Recorded> sent = sent(3);
        BatchOutcomes batch = new BatchOutcomes(3, List.of(), sent, Duration.ofMillis(300));
        long start = System.nanoTime();
        batch.handedOver(); // the deadline: 300 ms from here
        batch.acknowledged(1, null);
        Outcome first = batch.next();
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.status()).isEqualTo(202);
        assertThat(batch.ready()).isFalse();
        Outcome second = batch.next(); // waits for the deadline
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Outcome third = batch.next();
        assertThat(List.of(second.line(), third.line())).containsExactly(1, 3);
        assertThat(List.of(second.status(), third.status())).containsOnly(503);
        assertThat(second.detail()).contains("did not acknowledge the event in time");
        batch.acknowledged(0, null); // late
        assertThat(batch.next()).isNull();
        assertThat(batch.accepted()).isEqualTo(1);
    }
}
