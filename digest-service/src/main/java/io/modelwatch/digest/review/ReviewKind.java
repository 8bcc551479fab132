package io.modelwatch.digest.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How a review's period is cut. The half-year review of January–June is the "mid-year review". */
public enum ReviewKind {
    WEEKLY("weekly"),
    MONTHLY("monthly"),
    QUARTERLY("quarterly"),
    HALF_YEAR("half-year"),
    YEARLY("yearly"),
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
