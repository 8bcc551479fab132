package io.modelwatch.problem;

import io.modelwatch.contract.validation.ContractValidator;
import java.util.List;

/** A request body checked against the validation contract (its Bean Validation annotations): a 400 naming every bad field. */
public final class BodyCheck {

    /** {@code body} when it breaks none of its constraints; otherwise a {@link ProblemException} naming each bad field. */
    public static <T> T valid(T body) {
        if (body == null) {
            return null;
        }
        List<Problem.FieldError> errors = ContractValidator.violations(body).stream()
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors.size() == 1 ? "The body has a bad field."
                    : "The body has " + errors.size() + " bad fields.", errors));
        }
        return body;
    }

    private BodyCheck() {
    }
}
