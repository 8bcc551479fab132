package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A publication date with the precision it was stated in: "2022", "2022-07" or "2022-07-12".
 * The precision is kept, so "2022-07" never turns into July 1st; {@link #start()} and {@link #end()}
 * give the first and last day it can mean, for range queries.
 */
public record PublishedDate(String value) {

    public enum Precision { YEAR, MONTH, DAY }

    public PublishedDate {
        if (value == null || !shaped(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        }
        try {
            // Checked with LocalDate.of / YearMonth.of (strict, as ISO parsing is), not by parsing the text again:
            // the parse was a visible cost in batches of thousands.
            int year = digits(value, 0, 4);
            switch (value.length()) {
                case 7 -> YearMonth.of(year, digits(value, 5, 7));
                case 10 -> LocalDate.of(year, digits(value, 5, 7), digits(value, 8, 10));
                default -> { }
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a calendar date", e);
        }
    }

    /** YYYY, YYYY-MM or YYYY-MM-DD, with ASCII digits. */
    private static boolean shaped(String value) {
        int length = value.length();
        if (length != 4 && length != 7 && length != 10) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = i == 4 || i == 7 ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (value.charAt(i) - '0');
        }
        return n;
    }

    @JsonCreator
    public static PublishedDate parse(String value) {
        return new PublishedDate(value == null ? null : value.trim());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public Precision precision() {
        return switch (value.length()) {
            case 4 -> Precision.YEAR;
            case 7 -> Precision.MONTH;
            default -> Precision.DAY;
        };
    }

    // start and end read the digits the constructor checked (a DateTimeFormatter parse costs ten times as much)

    public LocalDate start() {
        return switch (precision()) {
            case YEAR -> LocalDate.of(digits(value, 0, 4), 1, 1);
            case MONTH -> LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), 1);
            case DAY -> LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
        };
    }

    public LocalDate end() {
        return switch (precision()) {
            case YEAR -> LocalDate.of(digits(value, 0, 4), 12, 31);
            case MONTH -> YearMonth.of(digits(value, 0, 4), digits(value, 5, 7)).atEndOfMonth();
            case DAY -> start();
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
