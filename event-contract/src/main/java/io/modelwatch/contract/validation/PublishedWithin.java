package io.modelwatch.contract.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A publication date ({@link io.modelwatch.contract.PublishedDate}, or its text) from {@value Limits#EARLIEST_YEAR}
 * to {@value Limits#YEARS_AHEAD} year ahead of today (UTC). Text that is not a date at all is left to the date's own
 * parser, which says what the shape must be. Null is valid. A rule of acceptance: consumers, which store what ingest
 * accepted on some day, leave it out ({@link ContractValidator#storageViolations}).
 */
@Documented
@Constraint(validatedBy = {PublishedWithinValidator.ForDate.class, PublishedWithinValidator.ForText.class})
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface PublishedWithin {

    String message() default "must be a date from 1900 to one year from today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
