package io.modelwatch.digest.rest;

import io.modelwatch.digest.render.ReviewMessages;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import java.util.List;
import java.util.Optional;

/**
 * A request of the archive's form that {@code POST /api/v1/digests}'s checks refused, as the form shows it again: the
 * user's values, and each field's error in the page's language (the API's problem names the fields in English).
 */
final class AskRefusal {

    private AskRefusal() {
    }

    /**
     * @param referenceCheck the API's check of the reference alone: the API stops at a bad kind or period before it
     *        looks at the reference, and the form names every bad field at once
     */
    static DigestPageResource.AskForm form(DigestRequest request, Problem problem, ReviewMessages msg, Runnable referenceCheck) {
        String formError = problem.status() == 429 ? msg.askTooMany() : null;
        String kindError = null;
        String periodError = null;
        String referenceError = null;
        List<Problem.FieldError> errors = problem.errors() == null ? List.of() : problem.errors();
        for (Problem.FieldError e : errors) {
            switch (e.field()) {
                case "kind" -> kindError = msg.askKindUnknown();
                case "period", "from", "to" -> periodError = periodError(request, msg);
                case "reference" -> referenceError = msg.askReferenceUnknown(request.reference().strip());
                case "language" -> formError = msg.askLanguageUnknown();
                default -> formError = e.field() + ": " + e.message();
            }
        }
        if (errors.isEmpty() && formError == null) {
            formError = problem.detail();
        }
        if (referenceError == null && request.reference() != null && (kindError != null || periodError != null)) {
            try {
                referenceCheck.run();
            } catch (ProblemException e) {
                referenceError = msg.askReferenceUnknown(request.reference().strip());
            }
        }
        return new DigestPageResource.AskForm(request.kind(), request.period(), request.reference(), formError, kindError,
                periodError, referenceError);
    }

    /** Missing, malformed for its kind, or well formed but not over yet (then the day it ends). */
    private static String periodError(DigestRequest request, ReviewMessages msg) {
        if (request.period() == null || request.period().isBlank()) {
            return msg.askPeriodMissing();
        }
        Optional<ReviewKind> kind = ReviewKind.of(request.kind()).filter(k -> k != ReviewKind.ON_DEMAND);
        if (kind.isPresent()) {
            try {
                return msg.askPeriodNotOver(Period.parse(kind.get(), request.period()).to().toString());
            } catch (IllegalArgumentException e) {
                // malformed: said below
            }
        }
        return msg.askPeriodBad(request.period().strip());
    }
}
