package io.modelwatch.digest.subscription;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window limit per key: at most {@code limit} events in any window of {@code window}. Kept in memory (per
 * replica). SmallRye Fault Tolerance's {@code @RateLimit} has one window per method; this needs one per address and
 * per client, and the sender needs to wait rather than fail.
 */
public final class SlidingWindowLimiter {

    private final int limit;
    private final long windowNanos;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    /** @param limit 0 or less: no limit */
    public SlidingWindowLimiter(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Records one event for the key if the window has room; false (nothing recorded) when it is full. */
    public boolean tryAcquire(String key) {
        return waitTime(key, System.nanoTime(), true) == 0;
    }

    /** Records one event for the key if the window has room and answers 0; else how long until it has (for Retry-After). */
    public java.time.Duration tryAcquireOrWait(String key) {
        return java.time.Duration.ofNanos(waitTime(key, System.nanoTime(), true));
    }

    /** Waits until the window has room, then records one event. */
    public void acquire(String key) throws InterruptedException {
        while (true) {
            long wait = waitTime(key, System.nanoTime(), true);
            if (wait == 0) {
                return;
            }
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }

    /** Nanoseconds until the window has room (0 = recorded now). */
    private long waitTime(String key, long now, boolean record) {
        if (limit <= 0) {
            return 0;
        }
        Deque<Long> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            for (Iterator<Long> it = times.iterator(); it.hasNext(); ) {
                if (now - it.next() >= windowNanos) {
                    it.remove();
                } else {
                    break;
                }
            }
            if (times.size() < limit) {
                if (record) {
                    times.addLast(now);
                }
                return 0;
            }
            return Math.max(1, windowNanos - (now - times.peekFirst()));
        }
    }

    /** Forgets keys whose window is empty, so the map does not grow with every address ever seen. */
    public void prune() {
        long now = System.nanoTime();
        events.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Long last = e.getValue().peekLast();
                return last == null || now - last >= windowNanos;
            }
        });
    }
}
