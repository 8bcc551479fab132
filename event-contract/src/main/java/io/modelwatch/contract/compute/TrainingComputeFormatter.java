package io.modelwatch.contract.compute;

import io.modelwatch.contract.Language;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Training compute in FLOP as a reader scans it, on pages and in reviews alike. */
public final class TrainingComputeFormatter {

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private TrainingComputeFormatter() {
    }

    /**
     * Three significant digits times a power of ten ({@code 3.8×10²⁵}), marked {@code ~} / {@code 约} when it is an
     * estimate or was rounded here.
     */
    public static String format(double flop, boolean approximate, Language lang) {
        BigDecimal exact = new BigDecimal(Double.toString(flop));
        BigDecimal rounded = exact.round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).toPlainString();
        StringBuilder power = new StringBuilder();
        for (char c : Integer.toString(exponent).toCharArray()) {
            power.append(c == '-' ? '⁻' : SUPERSCRIPTS.charAt(c - '0'));
        }
        String mark = approximate || rounded.compareTo(exact) != 0 ? (lang.chinese() ? "约" : "~") : "";
        return mark + mantissa + "×10" + power;
    }

    /** {@link #format} of a parsed compute. */
    public static String format(TrainingCompute compute, Language lang) {
        return format(compute.value(), compute.approximate(), lang);
    }
}
