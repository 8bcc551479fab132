package io.modelwatch.digest.mail;

import java.time.Duration;

/** Exponential backoff: base after the first failed attempt, doubling after each, never more than max. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration after(int attempts, Duration base, Duration max) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
