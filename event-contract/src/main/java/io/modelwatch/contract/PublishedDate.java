package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A publication date with the precision it was stated in: "2022", "2022-07" or "2022-07-12".
 * The precision is kept, so "2022-07" never turns into July 1st; {@link #start()} and {@link #end()}
 * give the first and last day it can mean, for range queries.
 */
public record PublishedDate(String value) {

    public enum Precision { YEAR, MONTH, DAY }

    private static final Pattern SHAPE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    public PublishedDate {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        }
        try {
            switch (value.length()) {
                case 7 -> YearMonth.parse(value);
                case 10 -> LocalDate.parse(value);
                default -> { }
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a calendar date", e);
        }
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

    public LocalDate start() {
        return switch (precision()) {
            case YEAR -> LocalDate.of(Integer.parseInt(value), 1, 1);
            case MONTH -> YearMonth.parse(value).atDay(1);
            case DAY -> LocalDate.parse(value);
        };
    }

    public LocalDate end() {
        return switch (precision()) {
            case YEAR -> LocalDate.of(Integer.parseInt(value), 12, 31);
            case MONTH -> YearMonth.parse(value).atEndOfMonth();
            case DAY -> LocalDate.parse(value);
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
