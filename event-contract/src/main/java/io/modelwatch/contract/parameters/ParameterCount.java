package io.modelwatch.contract.parameters;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How many parameters a model has: the exact count, and the text it was normalised from.
 *
 * <p>{@code approximate} is true when the publisher did not state an exact count: "~175B", "about 1.2 trillion",
 * "十亿级", "千亿" without a leading digit, or a lower bound such as "100B+"/"超过千亿". In those cases {@code value} is
 * the number the wording names (for a lower bound: the bound itself), and {@code note} says which kind of
 * approximation it is ({@link #ABOUT}, {@link #AT_LEAST} or {@link #ORDER_OF_MAGNITUDE}); exact counts have no note.
 *
 * @param value the count, always greater than zero (an undisclosed count is an absent field, never 0)
 * @param asWritten the publisher's text, trimmed; null when the count arrived as a bare number from an older producer
 * @param approximate true when the text did not claim an exact count
 * @param note why the count is approximate, or null when it is exact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterCount(long value, String asWritten, boolean approximate, String note) {

    /** "~175B", "about 1.2 trillion", "约1750亿": a rounded figure. */
    public static final String ABOUT = "about";
    /** "100B+", "over 1T", "超过千亿", "千亿以上": value is a lower bound. */
    public static final String AT_LEAST = "at least";
    /** "十亿级", "千亿", "1B-class": only the order of magnitude is known. */
    public static final String ORDER_OF_MAGNITUDE = "order of magnitude";

    public ParameterCount {
        if (value <= 0) {
            throw new InvalidParameterCountException(
                    "'" + value + "' is not a parameter count: must be greater than zero");
        }
        asWritten = asWritten == null ? null : asWritten.strip();
        note = note == null || note.isBlank() ? null : note.strip();
    }

    /** An exact or approximate count without a note, as older code and events build it. */
    public ParameterCount(long value, String asWritten, boolean approximate) {
        this(value, asWritten, approximate, null);
    }
}
