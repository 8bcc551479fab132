package io.modelwatch.digest.rest;

import io.modelwatch.problem.BodyCheck;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import java.util.List;
import java.util.function.Function;

/** Request bodies checked by their constraints ({@link BodyCheck}), each kind answered with the digest's own sentence. */
final class Bodies {

    private Bodies() {
    }

    /** {@code body} when it breaks none of its constraints; else a 400 naming each bad field, with {@code detail} of them. */
    static <T> T valid(T body, Function<List<Problem.FieldError>, String> detail) {
        try {
            return BodyCheck.valid(body);
        } catch (ProblemException e) {
            List<Problem.FieldError> errors = e.problem().errors();
            throw new ProblemException(Problem.invalid(detail.apply(errors), errors));
        }
    }
}
