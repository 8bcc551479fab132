package io.modelwatch.digest.rest;

import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import java.util.List;

/** The archive's filters, checked: an unknown kind or language is a 400 naming the parameter, not an empty list. */
final class ArchiveFilter {

    static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        return ReviewKind.of(kind).map(ReviewKind::tag).orElseThrow(() -> new ProblemException(Problem.invalid(
                "Unknown review kind.", List.of(new Problem.FieldError("kind",
                        "'" + kind + "' is not one of: weekly, monthly, quarterly, half-year, yearly, mid-year, on-demand")))));
    }

    static String language(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        return Language.of(language).map(Language::tag).orElseThrow(() -> new ProblemException(Problem.invalid(
                "Unknown language.", List.of(new Problem.FieldError("language", "'" + language + "' is not one of: en, zh-CN")))));
    }

    private ArchiveFilter() {
    }
}
