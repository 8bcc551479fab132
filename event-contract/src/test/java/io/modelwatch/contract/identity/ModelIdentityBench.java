package io.modelwatch.contract.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement (issue 17: "the catalog matches a 1 MiB name in under 50 ms"), run only with
 * {@code mvn -B -o -pl event-contract -Pbench test -Dtest=ModelIdentityBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Keys 1 MiB names of pathological shapes (runs of spaces, nested and unclosed parentheses, marks, full-width forms)
 * and prints the best and median time of each; the same-run baseline is a plain 1 MiB letter name and, for the
 * spaces shape, the regular expression the old rule used on a 60,000-space name. No assertion on any figure.
 */
@Tag("bench")
class ModelIdentityBench {

    private static final int SIZE = 1 << 20;

    @Test
    void keyOneMebibyteNames() {
        String[][] shapes = {{"letters", "a"}, {"spaces", " "}, {"open-parens", "("}, {"parens", "( )"},
                {"dashes-digits", "1-"}, {"plus", "+"}, {"marks", "U\u0308"}, {"full-width", "\uFF27\u3000"}};
        for (int warm = 0; warm < 300; warm++) {
            ModelIdentity.of("warm-up GPT-3.5 (175B)++ \uFF2C\uFF4C NU\u0308WA " + warm + " x".repeat(2_000));
            ModelIdentity.baseKey("warm-up (175B) " + warm + " x".repeat(2_000));
        }
        for (String[] shape : shapes) {
            StringBuilder b = new StringBuilder(SIZE).append('x');
            while (b.length() < SIZE - 3) {
                b.append(shape[1]);
            }
            String name = b.append("(x)").toString();
            List<Long> nanos = new ArrayList<>();
            List<Long> base = new ArrayList<>();
            for (int round = 0; round < 30; round++) {
                long t0 = System.nanoTime();
                ModelIdentity.of(name);
                long t1 = System.nanoTime();
                ModelIdentity.baseKey(name);
                nanos.add(t1 - t0);
                base.add(System.nanoTime() - t1);
            }
            nanos.sort(null);
            base.sort(null);
            System.out.printf(Locale.ROOT, "1 MiB name, %-14s slug+key best %6.2f ms, median %6.2f ms; base key median %6.2f ms%n",
                    shape[0], nanos.get(0) / 1e6, nanos.get(nanos.size() / 2) / 1e6, base.get(base.size() / 2) / 1e6);
        }
        String spaces = "x" + " ".repeat(60_000) + "y";
        long t0 = System.nanoTime();
        Pattern.compile("\\s*\\([^()]*\\)\\s*$").matcher(spaces).replaceAll("");
        long old = System.nanoTime() - t0;
        t0 = System.nanoTime();
        ModelIdentity.key(spaces);
        System.out.printf(Locale.ROOT, "60,000 spaces: old rule's regex %.1f ms, ModelIdentity.key %.3f ms%n", old / 1e6,
                (System.nanoTime() - t0) / 1e6);
    }
}
