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
 * A {@link io.modelwatch.contract.parameters.ParameterCount} within physical bounds: more than zero and at most
 * {@value Limits#MAX_PARAMETERS} (100 trillion), with its text as written within {@value Limits#PARAMETERS_TEXT}
 * characters. Null (undisclosed) is valid.
 */
@Documented
@Constraint(validatedBy = PhysicalParameterCountValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface PhysicalParameterCount {

    String message() default "must be from 1 to 100 trillion (1e14) parameters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
