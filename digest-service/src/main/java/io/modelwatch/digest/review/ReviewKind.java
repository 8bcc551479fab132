package io.modelwatch.digest.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * How a review's period is cut. The "mid-year review" is the reference article's: the twelve months to 30 June, keyed
 * by the year it ends in ("2022" = 2021-07-01 to 2022-06-30); the half-year review of January–June is only that half.
 */
public enum ReviewKind {
    WEEKLY("weekly"),
    MONTHLY("monthly"),
    QUARTERLY("quarterly"),
    HALF_YEAR("half-year"),
    YEARLY("yearly"),
    MID_YEAR("mid-year"),
    ON_DEMAND("on-demand");

    private final String tag;

    ReviewKind(String tag) {
        this.tag = tag;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    public static Optional<ReviewKind> of(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ReviewKind k : values()) {
            if (k.tag.equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static ReviewKind fromJson(String tag) {
        return of(tag).orElseThrow(() -> new IllegalArgumentException("unknown review kind " + tag));
    }
}
