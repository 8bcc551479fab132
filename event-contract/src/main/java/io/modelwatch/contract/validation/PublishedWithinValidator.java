package io.modelwatch.contract.validation;

import io.modelwatch.contract.PublishedDate;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.LocalDate;

/** Checks {@link PublishedWithin}: the first day the date can mean is within the range. */
public final class PublishedWithinValidator {

    /** Today's clock; tests of the range use {@link #within(PublishedDate, LocalDate)}. */
    private static final Clock CLOCK = Clock.systemUTC();

    public static boolean within(PublishedDate date, LocalDate today) {
        LocalDate start = date.start();
        return start.getYear() >= Limits.EARLIEST_YEAR && !start.isAfter(today.plusYears(Limits.YEARS_AHEAD));
    }

    public static class ForDate implements ConstraintValidator<PublishedWithin, PublishedDate> {
        @Override
        public boolean isValid(PublishedDate value, ConstraintValidatorContext context) {
            return value == null || within(value, LocalDate.now(CLOCK));
        }
    }

    public static class ForText implements ConstraintValidator<PublishedWithin, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null || value.toString().isBlank()) {
                return true;
            }
            PublishedDate date;
            try {
                date = PublishedDate.parse(value.toString());
            } catch (IllegalArgumentException e) {
                return true; // not a date: the date's parser names the shape
            }
            return within(date, LocalDate.now(CLOCK));
        }
    }

    private PublishedWithinValidator() {
    }
}
