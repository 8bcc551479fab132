package io.modelwatch.digest.subscription;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Language;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A value of the subscription requests that the code which uses it can read (a mail address, a language, a frequency,
 * a kind, a bounce type), checked by that very code, so what is accepted is exactly what can be used. Null is valid
 * (use {@code @NotNull} where one is required).
 */
@Documented
@Constraint(validatedBy = ReadableAs.Validator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface ReadableAs {

    What value();

    String message() default "cannot be read";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum What {
        /** One bare mailbox address: {@link EmailAddresses#parse}. */
        MAIL_ADDRESS(t -> EmailAddresses.parse(t).isPresent()),
        /** A language {@link Language#of} reads; blank for the default (en). */
        LANGUAGE(t -> t.isBlank() || Language.of(t).isPresent()),
        /** A {@link Frequency}. */
        FREQUENCY(t -> Frequency.of(t).isPresent()),
        /** A {@link Kind} by its name in any case. */
        KIND(t -> {
            try {
                Kind.valueOf(t.toUpperCase(Locale.ROOT));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }),
        /** A bounce type: {@link BounceService#type}. */
        BOUNCE_TYPE(t -> BounceService.type(t).isPresent());

        private final Predicate<String> accepts;

        What(Predicate<String> accepts) {
            this.accepts = accepts;
        }
    }

    /** Checks {@link ReadableAs}. */
    class Validator implements ConstraintValidator<ReadableAs, String> {

        private What what;

        @Override
        public void initialize(ReadableAs readableAs) {
            what = readableAs.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || what.accepts.test(value);
        }
    }
}
