package io.modelwatch.digest.review;

/**
 * A size against the reference, written as people write it and right to one significant figure: a unit fraction up to a
 * fifth ("1/16", "1/25"), else the closest fraction with a denominator up to 5 within 5 % ("2/5", "4/5") or, when none is
 * within 5 %, a percentage rounded to one significant figure ("60%"), or to the unit when that is more than 10 % off. Every form is within 10 % of the true ratio.
 *
 * @param shown the words' number ("1/16", "2/5", "60%")
 * @param form "fraction" or "percent"
 * @param value the number shown, as a ratio (1/16 = 0.0625), to check against the true one
 */
public record RelativeSize(String shown, String form, double value) {

    /** @return null when the model is not smaller than the reference */
    public static RelativeSize of(long size, long reference) {
        if (size <= 0 || reference <= 0 || size >= reference) {
            return null;
        }
        double ratio = (double) size / reference;
        long n = Math.round(1 / ratio);
        if (n >= 5) {
            // Rounding n is at most 0.5/n off: within 10 % from 1/5 down.
            return new RelativeSize("1/" + n, "fraction", 1.0 / n);
        }
        RelativeSize closest = null;
        double error = 0.05;
        for (int b = 2; b <= 5; b++) {
            for (int a = 1; a < b; a++) {
                double f = (double) a / b;
                double e = Math.abs(f - ratio) / ratio;
                if (gcd(a, b) == 1 && e <= error) {
                    closest = new RelativeSize(a + "/" + b, "fraction", f);
                    error = e;
                }
            }
        }
        if (closest != null) {
            return closest;
        }
        long percent = Math.round(ratio * 10) * 10;
        if (Math.abs(percent / 100.0 - ratio) / ratio > 0.10) {
            percent = Math.round(ratio * 100);
        }
        return new RelativeSize(percent + "%", "percent", percent / 100.0);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
