package io.modelwatch.digest.subscription;

import static io.modelwatch.digest.subscription.ReadableAs.What.FREQUENCY;
import static io.modelwatch.digest.subscription.ReadableAs.What.KIND;
import static io.modelwatch.digest.subscription.ReadableAs.What.LANGUAGE;
import static io.modelwatch.digest.subscription.ReadableAs.What.MAIL_ADDRESS;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/subscriptions} and the form: topics are optional, an empty list means "everything". Its
 * constraints are the checks of a request (the rest layer applies them); the topic lists are kept as given less their
 * blank entries, stripped, and their entries are numbered so.
 */
public record SubscriptionRequest(
        @NotNull(message = EMAIL) @ReadableAs(value = MAIL_ADDRESS, message = EMAIL) String email,
        @ReadableAs(value = LANGUAGE, message = "must be 'en' or 'zh-CN'") String language,
        @NotNull(message = FREQUENCY_NAMES) @ReadableAs(value = FREQUENCY, message = FREQUENCY_NAMES) String frequency,
        @Size(max = MAX_TOPICS, message = TOO_MANY)
        List<@Pattern(regexp = "[A-Za-z]{2}", message = "must be two-letter country codes (ISO 3166), such as CN or US") String> countries,
        @Size(max = MAX_TOPICS, message = TOO_MANY)
        List<@Pattern(regexp = "[A-Za-z][A-Za-z0-9-]{0,31}", message = "must be modality names such as text, image, audio, video") String> modalities,
        @Size(max = MAX_TOPICS, message = TOO_MANY)
        List<@ReadableAs(value = KIND, message = "must be model, framework or application") String> kinds) {

    static final String EMAIL = "must be one plain e-mail address, such as name@example.org";
    static final String FREQUENCY_NAMES = "must be one of weekly, monthly, quarterly, half-yearly, yearly, mid-year";
    static final int MAX_TOPICS = 50;
    static final String TOO_MANY = "at most " + MAX_TOPICS + " values";

    public SubscriptionRequest {
        countries = clean(countries);
        modalities = clean(modalities);
        kinds = clean(kinds);
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }
}
