package io.modelwatch.system;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Past years no other test of this JVM uses, for tests whose reviews count everything released in a period of the
 * shared catalog. Each year comes with the two years before it: a mid-year review spans two years, compares with the
 * twelve months before, and the demo it is made of reaches back one more (GPT-3).
 */
final class Years {

    private static final int FIRST = 1901;
    private static final int BLOCKS = 39; // up to 2017: ingest takes dates up to a year ahead, reviews only ended periods
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Years() {
    }

    /** A year such that it and the two years before it were given to no other caller in this JVM. */
    static int unused() {
        int block = NEXT.getAndIncrement();
        if (block >= BLOCKS) {
            throw new IllegalStateException("more than " + BLOCKS + " distinct years asked for");
        }
        return FIRST + 2 + 3 * block;
    }
}
