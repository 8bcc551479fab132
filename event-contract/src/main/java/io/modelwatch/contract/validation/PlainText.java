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
 * Text a reader sees as it is: no NUL or other control characters (CR, LF and TAB included: every field of the contract
 * is one line), no bidirectional overrides or isolates (which make text read differently than it is stored), no
 * unpaired surrogates or non-characters. Null is valid (use {@code @NotNull} where a value is required).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters or bidirectional overrides";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
