package io.modelwatch.digest.subscription;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rate limit per key (an address, a client, the SMTP server): at most {@code limit} permits in any window of
 * {@code window}, each key with its own SmallRye Fault Tolerance rolling-window rate limit. Kept in memory (per
 * replica); 0 or less: no limit.
 * <p>
 * SmallRye's rolling window counts every attempt, the refused ones too: a caller that came back as soon as the oldest
 * permit left the window would be refused again, and each refusal would push its next permit further away. So after a
 * refusal the key stays closed, without asking its limit, until that refused attempt has left the window too (one
 * whole window); its limit is then empty and the wait given is one that ends in a permit.
 */
public final class RateLimits {

    private final String name;
    private final int limit;
    private final Duration window;
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();

    /**
     * @param name  what is limited (the guards' description, and their metrics' tag)
     * @param limit 0 or less: no limit
     */
    public RateLimits(String name, int limit, Duration window) {
        this.name = name;
        this.limit = limit;
        this.window = window;
    }

    /**
     * Takes a permit for the key.
     *
     * @throws RateLimitException when the key has used its permits; {@link RateLimitException#getRetryAfterMillis()} says
     *                            when it has one again
     */
    public void take(String key) {
        if (limit <= 0) {
            return;
        }
        long[] wait = new long[1];
        // compute: the key's attempts one at a time, and none lost to a prune() that removes the key meanwhile
        limits.compute(key, (k, held) -> {
            Limit l = held == null ? new Limit(guard()) : held;
            wait[0] = l.take(window.toNanos());
            return l;
        });
        if (wait[0] > 0) {
            throw new RateLimitException(wait[0], name + ": limit reached");
        }
    }

    /** Takes a permit for the key if it has one; false (nothing taken) when it has used them. */
    public boolean tryTake(String key) {
        try {
            take(key);
            return true;
        } catch (RateLimitException e) {
            return false;
        }
    }

    /** Forgets the keys not used for a whole window (their limits are empty), so the map does not grow with every key ever seen. */
    public void prune() {
        long now = System.nanoTime();
        for (String key : limits.keySet()) {
            limits.computeIfPresent(key, (k, l) -> l.idle(now, window.toNanos()) ? null : l);
        }
    }

    /** How many keys are remembered. */
    int size() {
        return limits.size();
    }

    /** Described by the name alone: the description tags the guard's metrics, which must name no address. */
    private Guard guard() {
        return Guard.create()
                .withDescription(name)
                .withRateLimit().limit(limit).window(window.toMillis(), ChronoUnit.MILLIS).type(RateLimitType.ROLLING).done()
                .build();
    }

    /** A key's guard and when it was last asked; only touched inside the map's compute for that key. */
    private static final class Limit {

        private final Guard guard;
        private long lastUsed;
        private long closedUntil;
        private boolean closed;

        Limit(Guard guard) {
            this.guard = guard;
        }

        /** 0: permitted; else milliseconds (at least 1) until the key has a permit again. */
        long take(long windowNanos) {
            long now = System.nanoTime();
            lastUsed = now;
            if (closed && now - closedUntil < 0) {
                return millis(closedUntil - now);
            }
            closed = false;
            try {
                guard.get(() -> Boolean.TRUE, Boolean.class);
                return 0;
            } catch (RateLimitException e) {
                // Read after the guard's own clock recorded the refusal: by then the refusal has left the window.
                closedUntil = System.nanoTime() + windowNanos;
                closed = true;
                return millis(windowNanos);
            }
        }

        boolean idle(long now, long windowNanos) {
            return now - lastUsed >= windowNanos && (!closed || now - closedUntil >= 0);
        }

        private static long millis(long nanos) {
            return Math.max(1, (nanos + 999_999) / 1_000_000);
        }
    }
}
