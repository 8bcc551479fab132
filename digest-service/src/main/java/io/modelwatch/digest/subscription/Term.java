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
 * A word of one of the subscriptions' vocabularies, read as the code that uses it reads it (so what is accepted is
 * exactly what can be used). Null is valid (use {@code @NotNull} where one is required).
 */
@Documented
@Constraint(validatedBy = Term.Validator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Term {

    Vocabulary value();

    String message() default "is not a known value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Vocabulary {
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
        BOUNCE(t -> BounceService.type(t).isPresent());

        private final Predicate<String> accepts;

        Vocabulary(Predicate<String> accepts) {
            this.accepts = accepts;
        }
    }

    /** Checks {@link Term}. */
    class Validator implements ConstraintValidator<Term, String> {

        private Vocabulary vocabulary;

        @Override
        public void initialize(Term term) {
            vocabulary = term.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || vocabulary.accepts.test(value);
        }
    }
}
