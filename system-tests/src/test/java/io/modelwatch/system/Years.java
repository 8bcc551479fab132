package io.modelwatch.system;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Past years no other test of this JVM uses, for tests whose reviews count everything released in a period of the
 * shared catalog. Each year comes with the year before it (a mid-year review spans both), so years go out two apart.
 * Random years collided: the mid-year test once counted another class's "GLM" release.
 */
final class Years {

    private static final int FIRST = 1901;
    private static final int PAIRS = 59; // up to 2019: ingest takes dates up to a year ahead, reviews only ended periods
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(PAIRS));
    private static final AtomicInteger HANDED_OUT = new AtomicInteger();

    private Years() {
    }

    /** A year, and the year before it, that no other caller in this JVM was given. */
    static int unused() {
        if (HANDED_OUT.incrementAndGet() > PAIRS) {
            throw new IllegalStateException("more than " + PAIRS + " distinct years asked for");
        }
        return FIRST + 1 + 2 * Math.floorMod(NEXT.getAndIncrement(), PAIRS);
    }
}
