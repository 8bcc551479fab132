package io.modelwatch.contract.validation;

import io.modelwatch.contract.parameters.ParameterCount;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PhysicalParameterCount}. */
public class PhysicalParameterCountValidator implements ConstraintValidator<PhysicalParameterCount, ParameterCount> {

    @Override
    public boolean isValid(ParameterCount value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.asWritten() != null && (value.asWritten().length() > Limits.PARAMETERS_TEXT
                || PlainTextValidator.firstBad(value.asWritten()) >= 0)) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be written in at most " + Limits.PARAMETERS_TEXT
                    + " characters of plain text").addConstraintViolation();
            return false;
        }
        return value.value() > 0 && value.value() <= Limits.MAX_PARAMETERS;
    }
}
