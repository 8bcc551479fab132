package io.modelwatch.digest;

/**
 * Years no other test in this JVM uses, so a test's periods hold only its own models (the tests share one database for
 * the whole run). The year before each one is left unused too, so "against the previous period" compares with nothing
 * another test made. Counted JVM-wide: Quarkus may load this class once per application start, so the next year lives in
 * a system property, guarded by an interned string that every class loader sees as the same object.
 */
public final class UniqueYears {

    private static final Object JVM_WIDE_LOCK = "io.modelwatch.digest.UniqueYears";
    // Outside the "modelwatch.digest" prefix: Quarkus refuses unknown properties under a config mapping's prefix.
    private static final String NEXT = "io.modelwatch.digest.UniqueYears.next";
    private static final int FIRST = 1901;

    private UniqueYears() {
    }

    public static int next() {
        synchronized (JVM_WIDE_LOCK) {
            int year = Integer.getInteger(NEXT, FIRST);
            System.setProperty(NEXT, String.valueOf(year + 2));
            return year;
        }
    }
}
