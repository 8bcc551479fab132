package io.modelwatch.digest.subscription;

import io.modelwatch.digest.review.ReviewKind;
import java.util.Locale;
import java.util.Optional;

/** How often a subscriber gets a review: each frequency is one kind of scheduled review. */
public enum Frequency {
    WEEKLY("weekly", ReviewKind.WEEKLY),
    MONTHLY("monthly", ReviewKind.MONTHLY),
    QUARTERLY("quarterly", ReviewKind.QUARTERLY),
    HALF_YEARLY("half-yearly", ReviewKind.HALF_YEAR),
    YEARLY("yearly", ReviewKind.YEARLY),
    /** Once a year, after 30 June: the reference article's review of the twelve months to June. */
    MID_YEAR("mid-year", ReviewKind.MID_YEAR);

    private final String tag;
    private final ReviewKind kind;

    Frequency(String tag, ReviewKind kind) {
        this.tag = tag;
        this.kind = kind;
    }

    public String tag() {
        return tag;
    }

    public ReviewKind kind() {
        return kind;
    }

    /** Accepts the tag, and the review kind's tag ("half-year") as well. */
    public static Optional<Frequency> of(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Frequency f : values()) {
            if (f.tag.equals(t) || f.kind.tag().equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static Optional<Frequency> of(ReviewKind kind) {
        for (Frequency f : values()) {
            if (f.kind == kind) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
